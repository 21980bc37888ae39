import Foundation
import LodestarCore
@testable import LodestarServer
import Testing

@Suite("lodestar bench: latency through HTTP")
struct LatencyBenchmarkTests {
    @Test("every answer is measured over HTTP against the demo portfolio, and a scenario run states its gap")
    func measuresEveryAnswer() async throws {
        try await withTestApp { app, _ in
            _ = try await Commands.loadDemoIfEmpty(app, initiatives: 12)
            let measurements = try await LatencyBenchmark.run(app, options: .init(reads: 3, scenarioRuns: 2)) { _ in }
            #expect(measurements.map(\.label).contains { $0.hasPrefix("dashboard (GET /api/v1/dashboard)") })
            #expect(measurements.map(\.label).contains { $0.hasPrefix("portfolio list, 100 per page") })
            #expect(measurements.map(\.label).contains { $0.hasPrefix("initiative page") })
            #expect(measurements.map(\.label).contains { $0.hasPrefix("strategy map") })
            let run = try #require(measurements.first { $0.label.hasPrefix("scenario run") })
            #expect(run.seconds.count == 2)
            #expect(run.note.contains("optimality gap"))
            for measurement in measurements {
                #expect(!measurement.seconds.isEmpty && measurement.seconds.allSatisfy { $0 > 0 }, "\(measurement.label)")
                #expect(measurement.p50 <= measurement.p99)
            }
        }
    }
}
