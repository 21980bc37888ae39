import LodestarCore
import Plot

/// Monthly median and 90th-percentile decision latency as bars, drawn by the server, with the same
/// figures in its description for screen readers.
enum LatencyChart {
    static func render(_ months: [DecisionLatency.Group]) -> Node<HTML.BodyContext> {
        guard !months.isEmpty else { return .empty }
        let width = 640, height = 180, left = 36, bottom = 30, top = 10
        let slot = (width - left) / months.count
        let ceiling = max(1, months.map(\.figures.p90Days).max() ?? 1)
        func y(_ days: Double) -> Int { top + Int(Double(height - top - bottom) * (1 - days / ceiling)) }
        var parts: [String] = []
        for (index, month) in months.enumerated() {
            let x = left + index * slot
            let barWidth = max(4, slot / 3)
            parts.append("<rect class=\"p90\" x=\"\(x + 4)\" y=\"\(y(month.figures.p90Days))\" width=\"\(barWidth)\" height=\"\(height - bottom - y(month.figures.p90Days))\"></rect>")
            parts.append("<rect class=\"median\" x=\"\(x + 4 + barWidth)\" y=\"\(y(month.figures.medianDays))\" width=\"\(barWidth)\" height=\"\(height - bottom - y(month.figures.medianDays))\"></rect>")
            parts.append("<text class=\"axis\" x=\"\(x + 4 + barWidth)\" y=\"\(height - bottom + 14)\" text-anchor=\"middle\">\(month.key)</text>")
        }
        parts.append("<text class=\"axis\" x=\"\(left - 6)\" y=\"\(y(ceiling) + 4)\" text-anchor=\"end\">\(ceiling.wholeText)</text>")
        parts.append("<text class=\"axis\" x=\"\(left - 6)\" y=\"\(height - bottom)\" text-anchor=\"end\">0</text>")
        let description = months.map { "\($0.key): median \($0.figures.medianDays.plainText), p90 \($0.figures.p90Days.plainText) days" }.joined(separator: "; ")
        // Only numbers, month keys (YYYY-MM) and fixed words reach the markup; the description is escaped.
        return .raw("""
        <svg class="latency-chart" role="img" viewBox="0 0 \(width) \(height)" aria-labelledby="latency-chart-title latency-chart-desc">\
        <title id="latency-chart-title">Decision latency by month: 90th percentile (light) and median (dark), in days</title>\
        <desc id="latency-chart-desc">\(description.attributeEscaped)</desc>\(parts.joined())</svg>
        """)
    }
}
