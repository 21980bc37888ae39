import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Browser: governance")
struct GovernanceBrowserTests {
    @Test("request a gate review with an attestation, decide it with conditions, read the decision log and heat maps",
          .enabled(if: BrowserHarness.available, BrowserHarness.skipMessage))
    func governanceFlow() async throws {
        try await withTestApp(.sqlite) { app, people in
            try await GovernanceFixture.rights(app, people)
            let id = try await GovernanceFixture.initiative(app, people, tier: .standard, gate: .idea, status: .proposed, code: "GOV-BROWSER")
            try await create(app, "raid-items", as: people.pmo, RAIDItem(initiativeID: id, kind: .risk, title: "Vendor late", probability: 4, impact: 4))
            // The admin decides standard gates here, so the one signed-in user can walk the whole flow.
            let rights = try await app.api(.GET, "/api/v1/decision-rights?decisionType=gate&limit=10", as: people.admin)
            for right in rights.items where right["tier"] == .string("standard") {
                let patched = try await app.api(.PATCH, apiPath("decision-rights", try #require(right["id"]?.stringValue.flatMap { UUID(uuidString: $0) })),
                                                as: people.admin, json: patchBody(["deciderID": .id(people.admin.id)]), ifMatch: 1)
                #expect(patched.status == .ok)
            }

            let result = try await BrowserHarness.runFlow("governance_flow.py", on: app, as: people.admin, arguments: ["--initiative", "GOV-BROWSER"])
            #expect(result.status == 0, "browser flow output:\n\(result.output)")

            let initiative = try await app.api(.GET, apiPath("initiatives", id), as: people.viewer)
            #expect(initiative.json["currentGate"] == .string("business_case"))
            #expect(initiative.json["status"] == .string("approved"))
        }
    }
}
