import Foundation
import LodestarCore

/// The capacity heat map, drawn by the server: pools down, quarters across, each cell coloured by
/// demand ÷ capacity and labelled with the percentage (colour is never the only signal).
struct HeatMapSVG {
    var picture: CapacityPicture

    static let labelWidth = 200.0, cellWidth = 78.0, cellHeight = 34.0, headerHeight = 30.0

    var svg: String {
        let width = Self.labelWidth + Self.cellWidth * Double(picture.quarters.count)
        let height = Self.headerHeight + Self.cellHeight * Double(picture.pools.count) + 8
        let cells = Dictionary(picture.cells.map { ("\($0.poolID)|\($0.quarter)", $0) }, uniquingKeysWith: { first, _ in first })
        var parts: [String] = []
        parts.append(#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="heatmap-svg-title heatmap-svg-desc" class="heatmap" "#
            + #"viewBox="0 0 \#(Int(width)) \#(Int(height))" width="\#(Int(width))" height="\#(Int(height))">"#)
        parts.append(#"<title id="heatmap-svg-title">Demand against capacity by pool and quarter</title>"#)
        let over = picture.overAllocations.count
        parts.append(#"<desc id="heatmap-svg-desc">\#(picture.pools.count) pools over \#(picture.quarters.count) quarters; \#(over) cells over capacity. The table below gives every figure.</desc>"#)
        for (column, quarter) in picture.quarters.enumerated() {
            let x = Self.labelWidth + Self.cellWidth * (Double(column) + 0.5)
            parts.append(#"<text x="\#(x)" y="20" text-anchor="middle" class="axis">\#(quarter)</text>"#)
        }
        for (row, pool) in picture.pools.enumerated() {
            let y = Self.headerHeight + Self.cellHeight * Double(row)
            parts.append(#"<text x="\#(Self.labelWidth - 8)" y="\#(y + 22)" text-anchor="end" class="axis">\#(Self.escaped(pool.name))</text>"#)
            for (column, quarter) in picture.quarters.enumerated() {
                let x = Self.labelWidth + Self.cellWidth * Double(column)
                let cell = cells["\(pool.id)|\(quarter)"]
                let (fill, label) = Self.style(cell)
                let tooltip = cell.map { "\(pool.name), \(quarter): demand \(String(format: "%.1f", $0.demand)) of \(String(format: "%.1f", $0.capacity)) FTE" } ?? ""
                parts.append(#"<g><title>\#(Self.escaped(tooltip))</title><rect x="\#(x + 1)" y="\#(y + 1)" width="\#(Self.cellWidth - 2)" height="\#(Self.cellHeight - 2)" rx="3" fill="\#(fill)"/>"#
                    + #"<text x="\#(x + Self.cellWidth / 2)" y="\#(y + 22)" text-anchor="middle" class="value">\#(label)</text></g>"#)
            }
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// Light to dark blue under 85 %, amber to 100 %, red above: readable in greyscale by the label.
    static func style(_ cell: CapacityPicture.Cell?) -> (fill: String, label: String) {
        guard let cell else { return ("#f1f3f5", "—") }
        guard let utilisation = cell.utilisation else { return cell.demand > 0 ? ("#c92a2a", "no cap.") : ("#f1f3f5", "—") }
        let percent = "\(utilisation.percentText)"
        switch utilisation {
            case ..<0.5: return ("#d0ebff", percent)
            case ..<0.85: return ("#74c0fc", percent)
            case ...(1.0 + 1e-9): return ("#ffd43b", percent)
            case ..<1.25: return ("#ff8787", percent)
            default: return ("#e03131", percent)
        }
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
