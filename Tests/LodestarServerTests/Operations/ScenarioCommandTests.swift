import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("lodestar scenario")
struct ScenarioCommandTests {
    @Test("list, run, compare and promote by name; promotion needs a PMO or admin as the decision maker")
    func commands() async throws {
        try await withTestApp { app, people in
            let f = try await PlanningFixture.seed(app, people)
            try await create(app, "scenarios", as: people.pmo, f.scenario("Baseline"))
            try await create(app, "scenarios", as: people.pmo, f.scenario("Two more engineers", extraFTE: 2))
            #expect(try await ScenarioCommands.list(app).contains("Baseline"))

            let run = try await ScenarioCommands.run(app, "Baseline", timeLimit: 1, json: false)
            #expect(run.contains("Funded 2, left out 2"), "\(run)")
            #expect(run.contains("NEW-2 Initiative NEW-2: Does not fit beside higher-value work"))
            _ = try await ScenarioCommands.run(app, "Two more engineers", timeLimit: 1, json: true)
            let comparison = try await ScenarioCommands.compare(app, ["Baseline", "Two more engineers"])
            #expect(comparison.contains("Two more engineers: Funded from 2027-Q3"), "\(comparison)")
            await #expect(throws: ScenarioCommands.Failure.self) { try await ScenarioCommands.run(app, "No such scenario", timeLimit: 1, json: false) }

            await #expect(throws: ScenarioCommands.Failure.self) {
                try await ScenarioCommands.promote(app, "Baseline", reason: "Because", as: people.viewer.email)
            }
            let promoted = try await ScenarioCommands.promote(app, "Baseline", reason: "Board decision", as: people.pmo.email)
            #expect(promoted.contains("1 initiatives changed"))
            #expect(try await app.api(.GET, apiPath("initiatives", f.strong), as: people.viewer).json["status"] == .string("approved"))
        }
    }
}
