import Fluent
import Foundation
import LodestarCore
import Vapor

/// Timing of the Monte Carlo forecast over a generated portfolio (engine only); the dashboard is
/// measured through HTTP by `LatencyBenchmark`.
public enum ReportingBenchmark {
    public struct Timing: Sendable {
        public var label: String
        public var seconds: [Double]
        public var median: Double { seconds.sorted()[seconds.count / 2] }
        public var best: Double { seconds.min() ?? 0 }
    }

    public static func monteCarlo(initiatives: Int, trials: Int, repeats: Int) -> Timing {
        let today = Day.today()
        let snapshot = PortfolioSnapshot(DemoGenerator.generate(seed: 42, initiatives: initiatives, today: today), today: today)
        let index = PortfolioIndex(snapshot)
        var seconds: [Double] = []
        for run in 0..<repeats {
            let start = DispatchTime.now()
            let result = snapshot.forecast(index: index, trials: trials, seed: UInt64(run + 1), milestoneDetail: false)
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
            precondition(!result.initiatives.isEmpty, "the portfolio has open work to forecast")
        }
        return Timing(label: "Monte Carlo, \(trials) trials × \(initiatives) initiatives (engine)", seconds: seconds)
    }
}
