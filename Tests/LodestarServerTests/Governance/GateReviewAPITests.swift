import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Governance API: gate reviews")
struct GateReviewAPITests {
    static func request(attested: [EvidenceKind] = [], fastTrack: Bool? = nil) -> GateService.ReviewRequest {
        GateService.ReviewRequest(attested: attested, neededBy: nil, fastTrack: fastTrack)
    }

    @Test("full tier, plan → deliver: refused naming each missing piece of evidence and nothing created; complete → routed to the committee")
    func fullDeliverGate() async throws {
        try await withTestApp { app, people in
            try await GovernanceFixture.rights(app, people)
            let id = try await GovernanceFixture.initiative(app, people, tier: .full, gate: .plan)
            let path = "/api/v1/initiatives/\(id)/gate-reviews"

            let checklist = try await app.api(.GET, "/api/v1/initiatives/\(id)/gate", as: people.viewer)
            #expect(checklist.json["nextGate"] == .string("deliver"))
            #expect(checklist.json["complete"] == .bool(false))

            let refused = try await app.api(.POST, path, as: people.owner, json: Self.request(attested: [.businessCase]))
            expectInvalid(refused, fields: ["evidence.benefit_kpis", "evidence.risk_register_reviewed", "evidence.resource_demand",
                                            "evidence.milestones_planned"])
            #expect(try await app.api(.GET, "/api/v1/governance/gate-reviews?initiativeID=\(id)", as: people.viewer).json.arrayItems?.isEmpty == true)
            #expect(try await count(app, "decisions", as: people.viewer) == 0)

            try await GovernanceFixture.evidence(app, people, for: id)
            let accepted = try await app.api(.POST, path, as: people.owner, json: Self.request(attested: [.businessCase, .riskRegisterReviewed]))
            #expect(accepted.status == .created, "\(accepted.text)")
            #expect(accepted.json["status"] == .string("pending"))
            #expect(accepted.json["gate"] == .string("deliver"))
            #expect(accepted.json["decisionMakerID"] == .id(people.admin.id), "full-tier gates go to the committee's chair")
            let decision = try await app.api(.GET, apiPath("decisions", try #require(accepted.json["decisionID"]?.stringValue.flatMap { UUID(uuidString: $0) })), as: people.viewer)
            #expect(decision.json["type"] == .string("gate"))
            #expect(decision.json["status"] == .string("pending"))

            // A second request while one waits is a conflict.
            #expect(try await app.api(.POST, path, as: people.pmo, json: Self.request(attested: [.businessCase, .riskRegisterReviewed])).status == .conflict)
        }
    }

    @Test("only the routed maker (or an admin) decides: a pass moves the initiative to the gate; the review and decision are audited")
    func decideMovesInitiative() async throws {
        try await withTestApp { app, people in
            try await GovernanceFixture.rights(app, people)
            let id = try await GovernanceFixture.initiative(app, people, tier: .standard, gate: .idea, status: .proposed)
            let review = try await app.api(.POST, "/api/v1/initiatives/\(id)/gate-reviews", as: people.owner,
                                           json: Self.request(attested: [.businessCase]))
            #expect(review.status == .created, "\(review.text)")
            #expect(review.json["decisionMakerID"] == .id(people.executive.id))
            let reviewID = try #require(review.id)
            let outcome = GateService.OutcomeRequest(outcome: .passWithConditions, rationale: "Strong case", conditions: "Name a product owner", decidedOn: nil)
            for intruder in [people.pmo, people.owner, people.viewer, people.otherOwner] {
                let refused = try await app.api(.POST, "/api/v1/governance/gate-reviews/\(reviewID)/outcome", as: intruder, json: outcome)
                #expect(refused.status == .forbidden, "\(intruder.role): \(refused.text)")
            }
            let initiativeBefore = try await app.api(.GET, apiPath("initiatives", id), as: people.viewer)
            #expect(initiativeBefore.json["currentGate"] == .string("idea"))

            let decided = try await app.api(.POST, "/api/v1/governance/gate-reviews/\(reviewID)/outcome", as: people.executive, json: outcome)
            #expect(decided.status == .ok, "\(decided.text)")
            #expect(decided.json["status"] == .string("passed_with_conditions"))
            let initiative = try await app.api(.GET, apiPath("initiatives", id), as: people.viewer)
            #expect(initiative.json["currentGate"] == .string("business_case"))
            #expect(initiative.json["status"] == .string("approved"))
            let decision = try await app.api(.GET, apiPath("decisions", try #require(decided.json["decisionID"]?.stringValue.flatMap { UUID(uuidString: $0) })), as: people.viewer)
            #expect(decision.json["status"] == .string("decided"))
            #expect(decision.json["outcome"] == .string("Pass With Conditions: Name a product owner"))
            #expect(try await auditTrail(app, people, "gate-reviews", reviewID).map { $0["action"]?.stringValue } == ["update", "create"])
            // Decided once only.
            #expect(try await app.api(.POST, "/api/v1/governance/gate-reviews/\(reviewID)/outcome", as: people.executive, json: outcome).status == .conflict)
        }
    }

    @Test("return leaves the initiative at its gate; stop cancels it")
    func returnAndStop() async throws {
        try await withTestApp { app, people in
            try await GovernanceFixture.rights(app, people)
            for (outcome, gate, status) in [(GateOutcome.return, "idea", "proposed"), (.stop, "idea", "cancelled")] {
                let id = try await GovernanceFixture.initiative(app, people, tier: .standard, gate: .idea, status: .proposed)
                let review = try await app.api(.POST, "/api/v1/initiatives/\(id)/gate-reviews", as: people.pmo,
                                               json: Self.request(attested: [.businessCase]))
                let decided = try await app.api(.POST, "/api/v1/governance/gate-reviews/\(try #require(review.id))/outcome", as: people.admin,
                                                json: GateService.OutcomeRequest(outcome: outcome, rationale: "Not yet", conditions: nil, decidedOn: nil))
                #expect(decided.status == .ok, "\(decided.text)")
                let initiative = try await app.api(.GET, apiPath("initiatives", id), as: people.viewer)
                #expect(initiative.json["currentGate"] == .string(gate))
                #expect(initiative.json["status"] == .string(status))
            }
        }
    }

    @Test("light tier is fast-tracked by the PMO: passed at once; owners cannot fast-track; heavier tiers cannot be")
    func fastTrack() async throws {
        try await withTestApp { app, people in
            try await GovernanceFixture.rights(app, people)
            let light = try await GovernanceFixture.initiative(app, people, tier: .light, gate: .idea, status: .proposed, budget: 20_000)
            let byOwner = try await app.api(.POST, "/api/v1/initiatives/\(light)/gate-reviews", as: people.owner,
                                            json: Self.request(attested: [.onePageBrief], fastTrack: true))
            #expect(byOwner.status == .forbidden, "\(byOwner.text)")
            let fast = try await app.api(.POST, "/api/v1/initiatives/\(light)/gate-reviews", as: people.pmo,
                                         json: Self.request(attested: [.onePageBrief], fastTrack: true))
            #expect(fast.status == .created, "\(fast.text)")
            #expect(fast.json["status"] == .string("passed"))
            #expect(fast.json["fastTracked"] == .bool(true))
            #expect(try await app.api(.GET, apiPath("initiatives", light), as: people.viewer).json["currentGate"] == .string("business_case"))

            let standard = try await GovernanceFixture.initiative(app, people, tier: .standard, gate: .idea, status: .proposed)
            let refused = try await app.api(.POST, "/api/v1/initiatives/\(standard)/gate-reviews", as: people.pmo,
                                            json: Self.request(attested: [.businessCase], fastTrack: true))
            expectInvalid(refused, fields: ["fastTrack"])
        }
    }

    @Test("owners request reviews only for their own initiatives; viewers and executives not at all; no right, no review")
    func requestAuthorisation() async throws {
        try await withTestApp { app, people in
            let id = try await GovernanceFixture.initiative(app, people, tier: .standard, gate: .idea, status: .proposed)
            let body = Self.request(attested: [.businessCase])
            let unrouted = try await app.api(.POST, "/api/v1/initiatives/\(id)/gate-reviews", as: people.pmo, json: body)
            expectInvalid(unrouted, fields: ["decisionMakerID"])
            try await GovernanceFixture.rights(app, people)
            for person in [people.otherOwner, people.viewer, people.executive] {
                let refused = try await app.api(.POST, "/api/v1/initiatives/\(id)/gate-reviews", as: person, json: body)
                #expect(refused.status == .forbidden, "\(person.role): \(refused.text)")
            }
            #expect(try await app.api(.POST, "/api/v1/initiatives/\(id)/gate-reviews", as: nil, json: body).status == .unauthorized)
            #expect(try await count(app, "decisions", as: people.viewer) == 0)
        }
    }
}
