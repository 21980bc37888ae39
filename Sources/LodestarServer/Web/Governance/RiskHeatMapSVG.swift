import LodestarCore
import Plot

/// A 5 × 5 risk heat map drawn by the server: probability up, impact across, each cell's count
/// written in it, and a description that states the same numbers for screen readers.
enum RiskHeatMapSVG {
    static func render(_ map: RiskHeatMap, id: String, title: String) -> Node<HTML.BodyContext> {
        let cell = 44, left = 40, top = 10
        var parts: [String] = []
        var described: [String] = []
        for probability in (1...5).reversed() {
            for impact in 1...5 {
                let count = map.counts[probability - 1][impact - 1]
                let x = left + (impact - 1) * cell, y = top + (5 - probability) * cell
                let band = RiskHeatMap.band(probability: probability, impact: impact)
                parts.append("<rect class=\"cell \(band)\" x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\"></rect>")
                if count > 0 {
                    parts.append("<text x=\"\(x + cell / 2 - 1)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"middle\">\(count)</text>")
                    described.append("probability \(probability), impact \(impact): \(count)")
                }
            }
            parts.append("<text class=\"axis\" x=\"\(left - 8)\" y=\"\(top + (5 - probability) * cell + cell / 2 + 4)\" text-anchor=\"end\">\(probability)</text>")
        }
        for impact in 1...5 {
            parts.append("<text class=\"axis\" x=\"\(left + (impact - 1) * cell + cell / 2 - 1)\" y=\"\(top + 5 * cell + 14)\" text-anchor=\"middle\">\(impact)</text>")
        }
        parts.append("<text class=\"axis\" x=\"\(left + 5 * cell / 2)\" y=\"\(top + 5 * cell + 30)\" text-anchor=\"middle\">Impact</text>")
        parts.append("<text class=\"axis\" transform=\"rotate(-90)\" x=\"\(-(top + 5 * cell / 2))\" y=\"12\" text-anchor=\"middle\">Probability</text>")
        let description = map.total == 0 ? "No open items." : "\(map.total) open items. " + described.joined(separator: "; ") + "."
        // Only numbers and fixed words reach this markup; the title and description are escaped.
        let svg = """
        <svg class="heatmap" role="img" viewBox="0 0 \(left + 5 * cell + 10) \(top + 5 * cell + 40)" width="\(left + 5 * cell + 10)" \
        aria-labelledby="\(id)-title \(id)-desc"><title id="\(id)-title">\(title.attributeEscaped)</title>\
        <desc id="\(id)-desc">\(description.attributeEscaped)</desc>\(parts.joined())</svg>
        """
        return .raw(svg)
    }
}
