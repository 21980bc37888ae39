import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Browser: portfolio")
struct BrowserTests {
    @Test("sign in, open the portfolio and an initiative, edit it through the form, see it saved",
          .enabled(if: BrowserHarness.available, BrowserHarness.skipMessage))
    func portfolioFlow() async throws {
        try await withTestApp(.sqlite) { app, people in
            let initiative = Initiative(code: "INI-BROWSER", name: "Customer data hub", ownerID: people.owner.id, status: .active, capexBudget: 250_000)
            let created = try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: initiative)
            #expect(created.status == .created)

            let result = try await BrowserHarness.runFlow(
                "portfolio_flow.py", on: app, as: people.pmo, arguments: ["--initiative", "Customer data hub"])
            #expect(result.status == 0, "browser flow output:\n\(result.output)")

            let saved = try await app.api(.GET, "/api/v1/initiatives/\(created.id!)", as: people.viewer)
            #expect(saved.json["name"] == .string("Customer data hub (renamed in browser)"))
            #expect(saved.json["capexBudget"] == .number(1_234_567))
        }
    }
}

@Suite("Browser: planning")
struct PlanningBrowserTests {
    @Test("strategy map, heat map, write a scenario, run it, compare it with the baseline, promote it",
          .enabled(if: BrowserHarness.available, BrowserHarness.skipMessage))
    func scenarioFlow() async throws {
        try await withTestApp(.sqlite) { app, people in
            let f = try await PlanningFixture.seed(app, people)
            let baseline = try await create(app, "scenarios", as: people.pmo, f.scenario("Baseline"))
            #expect(try await app.api(.POST, "/api/v1/scenarios/\(baseline)/runs", as: people.pmo).status == .created)

            let result = try await BrowserHarness.runFlow("scenario_flow.py", on: app, as: people.pmo)
            #expect(result.status == 0, "browser flow output:\n\(result.output)")

            let weak = try await app.api(.GET, apiPath("initiatives", f.weak), as: people.viewer)
            #expect(weak.json["status"] == .string("approved"), "the promoted plan funds NEW-2")
            let decisions = try await app.api(.GET, "/api/v1/decisions?q=Promote", as: people.viewer)
            #expect(decisions.json["items"]?.arrayValue?.first?["rationale"] == .string("Two contractors start in January."))
        }
    }
}
