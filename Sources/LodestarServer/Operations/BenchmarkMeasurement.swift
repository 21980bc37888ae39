import Foundation

/// Repeated timings of one thing a benchmark measures, with the percentiles the table shows.
public struct BenchmarkMeasurement: Sendable {
    public var label: String
    public var seconds: [Double]
    /// What else the answer said that the figures depend on (e.g. a scenario run's optimality gap).
    public var note = ""

    public var p50: Double { percentile(0.50) }
    public var p99: Double { percentile(0.99) }
    public var worst: Double { seconds.max() ?? 0 }

    func percentile(_ share: Double) -> Double {
        let sorted = seconds.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((share * Double(sorted.count)).rounded(.up)) - 1)]
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

public struct BenchmarkFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
