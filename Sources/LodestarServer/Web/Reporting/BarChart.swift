import Foundation
import LodestarCore
import Plot

/// A horizontal bar chart drawn by the server as SVG, titled and described for screen readers, with
/// each bar linking to the record behind it.
enum BarChart {
    struct Bar {
        var label: String
        var value: Double
        var link: String?
        var cssClass: String = "bar"
    }

    static func render(id: String, title: String, description: String, unit: String, bars: [Bar]) -> Node<HTML.BodyContext> {
        let rowHeight = 26, labelWidth = 260, barWidth = 280, valueWidth = 130
        let width = labelWidth + barWidth + valueWidth
        let height = max(1, bars.count) * rowHeight + 4
        let maximum = max(bars.map(\.value).max() ?? 0, 1e-9)
        var svg = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" aria-labelledby=\"\(id)-t \(id)-d\">"
        svg += "<title id=\"\(id)-t\">\(escape(title))</title><desc id=\"\(id)-d\">\(escape(description))</desc>"
        for (offset, bar) in bars.enumerated() {
            let y = offset * rowHeight + 2
            let length = max(1, Int((max(0, bar.value) / maximum * Double(barWidth)).rounded()))
            var row = "<text x=\"0\" y=\"\(y + 17)\" class=\"chart-label\">\(escape(truncate(bar.label, 40)))</text>"
            row += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(length)\" height=\"18\" class=\"\(bar.cssClass.attributeEscaped)\"></rect>"
            row += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 17)\" class=\"chart-value\">\(escape(format(bar.value))) \(escape(shortUnit(unit)))</text>"
            if let link = bar.link {
                svg += "<a href=\"\(link.attributeEscaped)\"><title>\(escape(bar.label)): \(escape(format(bar.value))) \(escape(unit))</title>\(row)</a>"
            } else {
                svg += "<g>\(row)</g>"
            }
        }
        svg += "</svg>"
        return .raw(svg)
    }

    /// The unit beside a bar: its first word, so the figure stays inside the chart ("% of capacity" → "%").
    static func shortUnit(_ unit: String) -> String { unit.split(separator: " ").first.map(String.init) ?? unit }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e12 ? String(Int(value)) : String(format: "%.1f", value)
    }

    static func truncate(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    /// Text content inside SVG: the same escaping as HTML text.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
