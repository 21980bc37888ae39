import Foundation
import LodestarCore

/// Timing of the Monte Carlo forecast over a generated portfolio (engine only); the dashboard is
/// measured through HTTP by `LatencyBenchmark`.
public enum ReportingBenchmark {
    public static func monteCarlo(initiatives: Int, trials: Int, repeats: Int) -> BenchmarkMeasurement {
        let today = Day.today()
        let snapshot = PortfolioSnapshot(DemoGenerator.generate(seed: 42, initiatives: initiatives, today: today), today: today)
        let index = PortfolioIndex(snapshot)
        var seconds: [Double] = []
        for run in 0..<repeats {
            let start = DispatchTime.now()
            let result = snapshot.forecast(index: index, trials: trials, seed: UInt64(run + 1), milestoneDetail: false)
            seconds.append(BenchmarkMeasurement.seconds(since: start))
            precondition(!result.initiatives.isEmpty, "the portfolio has open work to forecast")
        }
        return BenchmarkMeasurement(label: "Monte Carlo forecast, \(trials) trials × \(initiatives) initiatives", seconds: seconds)
    }
}
