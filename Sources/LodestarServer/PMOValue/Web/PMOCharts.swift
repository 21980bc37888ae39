import Foundation
import LodestarCore
import Plot

/// Charts drawn by the server as inline SVG: each has a title and a description for screen readers,
/// and the page shows the same numbers in a table beside it.
enum PMOCharts {
    /// A KPI's trend line with its target as a dashed line.
    static func trend(id: String, title: String, points: [ChartPoint], target: Double?, unit: String, width: Double = 480, height: Double = 180) -> Node<HTML.BodyContext> {
        guard !points.isEmpty else { return Components.empty("No measurements yet.") }
        let geometry = LineChartGeometry(points: points, target: target, width: width, height: height)
        let first = points.first!, last = points.last!
        let description = "From \(ImpactFormat.number(first.value)) \(unit) on \(first.day) to \(ImpactFormat.number(last.value)) \(unit) on \(last.day), \(points.count) measurements"
            + (target.map { "; target \(ImpactFormat.number($0)) \(unit)" } ?? "") + "."
        var svg = svgOpen(id: id, width: width, height: height, title: title, description: description)
        for tick in geometry.ticks {
            let y = f(tick.y)
            svg += #"<line class="grid" x1="\#(f(geometry.margin))" x2="\#(f(width - geometry.margin))" y1="\#(y)" y2="\#(y)"/>"#
            svg += #"<text class="axis" x="\#(f(geometry.margin - 4))" y="\#(y)" text-anchor="end" dominant-baseline="middle">\#(escape(ImpactFormat.number(tick.value)))</text>"#
        }
        if let targetY = geometry.targetY {
            svg += #"<line class="target" x1="\#(f(geometry.margin))" x2="\#(f(width - geometry.margin))" y1="\#(f(targetY))" y2="\#(f(targetY))"/>"#
            svg += #"<text class="axis" x="\#(f(width - geometry.margin))" y="\#(f(targetY - 4))" text-anchor="end">target</text>"#
        }
        let line = geometry.positions.map { "\(f($0.x)),\(f($0.y))" }.joined(separator: " ")
        svg += #"<polyline class="series" points="\#(line)"/>"#
        for (point, position) in zip(points, geometry.positions) {
            svg += #"<circle class="dot" cx="\#(f(position.x))" cy="\#(f(position.y))" r="3"><title>\#(escape("\(point.day): \(ImpactFormat.number(point.value)) \(unit)"))</title></circle>"#
        }
        svg += #"<text class="axis" x="\#(f(geometry.margin))" y="\#(f(height - 8))">\#(first.day)</text>"#
        svg += #"<text class="axis" x="\#(f(width - geometry.margin))" y="\#(f(height - 8))" text-anchor="end">\#(last.day)</text>"#
        return .raw(svg + "</svg>")
    }

    /// A radar of maturity levels: the assessment, the one before it and the benchmark.
    static func radar(id: String, title: String, series: [(name: String, cssClass: String, values: [Double])]) -> Node<HTML.BodyContext> {
        let dimensions = MaturityDimension.allCases
        let geometry = RadarGeometry(axes: dimensions.count, size: 440, margin: 70)
        let size = 440.0
        // Dimension names run sideways past the square; the view box widens to hold them.
        let labelRoom = 140.0
        let description = series.map { serie in
            "\(serie.name): " + zip(dimensions, serie.values).map { "\($0.label) \(ImpactFormat.number($1))" }.joined(separator: ", ")
        }.joined(separator: ". ") + "."
        var svg = svgOpen(id: id, width: size + 2 * labelRoom, height: size, title: title, description: description, originX: -labelRoom)
        for level in 1...5 {
            svg += #"<polygon class="ring" points="\#(geometry.polygon(Array(repeating: Double(level), count: dimensions.count)))"/>"#
        }
        for (index, dimension) in dimensions.enumerated() {
            let end = geometry.point(axis: index, value: 5)
            let label = geometry.point(axis: index, value: 6.1)
            let anchor = abs(label.x - geometry.center) < 10 ? "middle" : (label.x < geometry.center ? "end" : "start")
            svg += #"<line class="grid" x1="\#(f(geometry.center))" y1="\#(f(geometry.center))" x2="\#(f(end.x))" y2="\#(f(end.y))"/>"#
            svg += #"<text class="axis" x="\#(f(label.x))" y="\#(f(label.y))" text-anchor="\#(anchor)" dominant-baseline="middle">\#(escape(dimension.label))</text>"#
        }
        for serie in series {
            svg += #"<polygon class="\#(serie.cssClass)" points="\#(geometry.polygon(serie.values))"><title>\#(escape(serie.name))</title></polygon>"#
        }
        return .raw(svg + "</svg>")
    }

    /// A legend for a chart's series, in words (not only colours).
    static func legend(_ items: [(name: String, cssClass: String)]) -> Node<HTML.BodyContext> {
        .ul(.class("legend"), .forEach(items) { item in .li(.span(.class("swatch \(item.cssClass)")), .text(" " + item.name)) })
    }

    private static func svgOpen(id: String, width: Double, height: Double, title: String, description: String, originX: Double = 0) -> String {
        #"<svg class="chart" id="\#(escape(id))" role="img" viewBox="\#(f(originX)) 0 \#(f(width)) \#(f(height))" width="\#(f(width))" height="\#(f(height))" aria-labelledby="\#(escape(id))-title \#(escape(id))-desc" xmlns="http://www.w3.org/2000/svg"><title id="\#(escape(id))-title">\#(escape(title))</title><desc id="\#(escape(id))-desc">\#(escape(description))</desc>"#
    }

    private static func f(_ value: Double) -> String { RadarGeometry.format(value) }

    /// Text and attribute values from data, escaped for SVG markup.
    static func escape(_ text: String) -> String { text.attributeEscaped }
}
