import Fluent
import Foundation
import LodestarCore
import Vapor

/// Timings of the reporting targets: Monte Carlo over a generated portfolio (engine only), and the
/// dashboard computed from a database (loading included), as the server computes it per request.
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

    public static func dashboard(_ app: Application, repeats: Int) async throws -> (load: Timing, compute: Timing, cached: Timing, initiatives: Int) {
        var load: [Double] = [], compute: [Double] = []
        var count = 0
        for _ in 0..<repeats {
            let start = DispatchTime.now()
            let snapshot = try await PortfolioSnapshotLoader.load(on: app.db)
            let loaded = DispatchTime.now()
            _ = ExecutiveDashboard.build(snapshot)
            let done = DispatchTime.now()
            count = snapshot.initiatives.count
            load.append(Double(loaded.uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
            compute.append(Double(done.uptimeNanoseconds - loaded.uptimeNanoseconds) / 1e9)
        }
        // A request while nothing changed: the fingerprint query and the cached figures.
        let cache = DashboardCache()
        let today = Day.today()
        _ = try await cache.dashboard(on: app.db, today: today) { try await Dashboard.compute(on: app.db, today: today) }
        var cached: [Double] = []
        for _ in 0..<max(repeats, 5) {
            let start = DispatchTime.now()
            _ = try await cache.dashboard(on: app.db, today: today) { try await Dashboard.compute(on: app.db, today: today) }
            cached.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        }
        return (Timing(label: "dashboard: load the snapshot", seconds: load), Timing(label: "dashboard: compute the figures", seconds: compute),
                Timing(label: "dashboard: request with no change since the last (fingerprint + cache)", seconds: cached), count)
    }
}
