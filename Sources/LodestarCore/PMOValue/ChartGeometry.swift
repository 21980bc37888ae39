import Foundation

/// A dated value on a chart.
public struct ChartPoint: Sendable, Equatable, Codable {
    public var day: Day
    public var value: Double

    public init(day: Day, value: Double) {
        self.day = day
        self.value = value
    }
}

/// Where a trend line's points and its target line fall in a plotting area (y grows downwards, as in SVG).
public struct LineChartGeometry: Sendable, Equatable {
    public struct Position: Sendable, Equatable {
        public var x: Double
        public var y: Double
    }

    public var width: Double
    public var height: Double
    public var margin: Double
    public var valueRange: ClosedRange<Double>
    public var positions: [Position]
    public var targetY: Double?
    /// Round values for the y axis labels, lowest first.
    public var ticks: [(value: Double, y: Double)]

    public init(points: [ChartPoint], target: Double?, width: Double = 480, height: Double = 180, margin: Double = 36) {
        self.width = width
        self.height = height
        self.margin = margin
        var values = points.map(\.value)
        if let target { values.append(target) }
        var low = values.min() ?? 0, high = values.max() ?? 1
        if low == high { low -= 1; high += 1 }
        let pad = (high - low) * 0.1
        low -= pad
        high += pad
        valueRange = low...high
        let first = points.first?.day.ordinal ?? 0, last = points.last?.day.ordinal ?? 1
        let span = Double(max(1, last - first))
        let plotWidth = width - 2 * margin, plotHeight = height - 2 * margin
        func y(_ value: Double) -> Double { margin + plotHeight * (1 - (value - low) / (high - low)) }
        positions = points.map { point in
            Position(x: points.count == 1 ? width / 2 : margin + plotWidth * Double(point.day.ordinal - first) / span, y: y(point.value))
        }
        targetY = target.map(y)
        let step = Self.niceStep((high - low) / 4)
        var tick = (low / step).rounded(.up) * step
        var ticks: [(value: Double, y: Double)] = []
        while tick <= high, ticks.count < 8 {
            ticks.append((value: tick, y: y(tick)))
            tick += step
        }
        self.ticks = ticks
    }

    /// 1, 2 or 5 times a power of ten: steps a person reads at a glance.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / power
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.positions == rhs.positions && lhs.targetY == rhs.targetY && lhs.valueRange == rhs.valueRange
            && lhs.ticks.map(\.value) == rhs.ticks.map(\.value)
    }
}

/// A radar (spider) chart's geometry: one axis per dimension, clockwise from the top, levels out to `maximum`.
public struct RadarGeometry: Sendable, Equatable {
    public var center: Double
    public var radius: Double
    public var axes: Int
    public var maximum: Double

    public init(axes: Int, maximum: Double = 5, size: Double = 360, margin: Double = 90) {
        self.axes = max(axes, 1)
        self.maximum = maximum
        center = size / 2
        radius = size / 2 - margin
    }

    /// The point of `value` on axis `index`.
    public func point(axis index: Int, value: Double) -> (x: Double, y: Double) {
        let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(axes)
        let distance = radius * min(max(value, 0), maximum) / maximum
        return (center + distance * cos(angle), center + distance * sin(angle))
    }

    /// An SVG `points` list for one value per axis.
    public func polygon(_ values: [Double]) -> String {
        values.enumerated().map { index, value in
            let p = point(axis: index, value: value)
            return "\(Self.format(p.x)),\(Self.format(p.y))"
        }.joined(separator: " ")
    }

    /// Coordinates with two decimals, enough for a screen and stable in tests.
    public static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
