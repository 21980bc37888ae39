import Fluent
import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

/// What governance tests stand on: decision rights naming the fixture's people, and initiatives of a
/// known tier with or without their evidence.
enum GovernanceFixture {
    /// Light gates to the PMO, standard to the executive, full to the admin; funding up to 100k to
    /// the PMO, above to the executive.
    static func rights(_ app: Application, _ people: Fixture) async throws {
        let rights: [DecisionRight] = [
            DecisionRight(decisionType: .gate, tier: .light, deciderID: people.pmo.id),
            DecisionRight(decisionType: .gate, tier: .standard, deciderID: people.executive.id, body: "Portfolio board"),
            DecisionRight(decisionType: .gate, tier: .full, deciderID: people.admin.id, body: "Investment committee"),
            DecisionRight(decisionType: .funding, maxAmount: 100_000, deciderID: people.pmo.id),
            DecisionRight(decisionType: .funding, deciderID: people.executive.id),
        ]
        for right in rights { try await create(app, "decision-rights", as: people.pmo, right) }
    }

    static func initiative(
        _ app: Application, _ people: Fixture, tier: GovernanceTier, gate: Gate = .plan, status: InitiativeStatus = .active,
        owner: Fixture.Person? = nil, sponsor: Bool = true, budget: Double = 250_000, code: String? = nil
    ) async throws -> UUID {
        let initiative = Initiative(
            code: code ?? "GOV-\(UUID().uuidString.prefix(6))", name: "Digital onboarding", ownerID: (owner ?? people.owner).id,
            sponsorID: sponsor ? people.executive.id : nil, status: status, tier: tier, currentGate: gate,
            plannedStart: Day("2027-01-01"), plannedFinish: Day("2027-09-30"), capexBudget: budget)
        return try await create(app, "initiatives", as: people.pmo, initiative)
    }

    /// Benefit KPI, baselined milestone and demand: the data the full deliver gate checks.
    static func evidence(_ app: Application, _ people: Fixture, for initiative: UUID) async throws {
        try await create(app, "benefits", as: people.pmo, Benefit(
            initiativeID: initiative, name: "Onboarding time", unit: "days", baseline: 12, target: 3, targetDate: Day("2028-01-31"), direction: .decrease))
        try await create(app, "milestones", as: people.pmo, Milestone(
            initiativeID: initiative, name: "Pilot live", baselineDate: Day("2027-05-01"), forecastDate: Day("2027-05-01")!))
        let pool = try await create(app, "pools", as: people.pmo, ResourcePool(name: "Engineers \(UUID().uuidString.prefix(4))", kind: .role, costRate: 900))
        try await create(app, "demands", as: people.pmo, Demand(initiativeID: initiative, poolID: pool, period: Quarter("2027-Q2")!, fte: 2))
    }
}

extension GovernanceFixture {
    /// One record of every governance kind, so the OpenAPI test reads each GET with something in it;
    /// returns ids by collection. Expects `billing` (full tier, at the deliver gate, with a measured
    /// benefit and a RAID item) to exist.
    static func seedDocumentExamples(_ app: Application, _ people: Fixture, billing: UUID) async throws -> [String: UUID] {
        var ids: [String: UUID] = [:]
        ids["tier-rules"] = try await create(app, "tier-rules", as: people.pmo, TierRule(name: "Regulatory", tier: .full, minCriticality: 0.8))
        ids["escalation-rules"] = try await create(app, "escalation-rules", as: people.pmo,
                                                   EscalationRule(name: "Stale issues", trigger: .ageWithoutMitigation, threshold: 10, targetLevel: .portfolio))
        ids["gate-templates"] = try await GateTemplateModel.query(on: app.db).first()?.id
        try await rights(app, people)
        ids["decision-rights"] = try await DecisionRightModel.query(on: app.db).first()?.id
        let webhook = try await app.api(.POST, "/api/v1/webhooks", as: people.admin, json: WebhookController.WebhookInput(
            url: "https://hooks.example.org/lodestar", events: WebhookEvent.allCases, description: "Operations chat", active: true))
        ids["webhooks"] = webhook.json["webhook"]?["id"]?.stringValue.flatMap { UUID(uuidString: $0) }
        // A pending decision waiting on the PMO (funding up to 100k), which also queues a delivery.
        let decision = try await app.api(.POST, "/api/v1/governance/decisions", as: people.pmo, json: DecisionService.DecisionRequest(
            title: "Release contingency", context: "Forecast above budget", type: .funding, initiativeID: billing, linkedInitiativeIDs: [],
            options: ["Release", "Decline"], neededBy: Day.today().adding(days: 7), amount: 50_000))
        try #require(decision.status == .created, "\(decision.text)")
        let review = try await app.api(.POST, "/api/v1/initiatives/\(billing)/gate-reviews", as: people.pmo,
                                       json: GateService.ReviewRequest(attested: [.closureReport, .lessonsLearned], neededBy: nil, fastTrack: nil))
        try #require(review.status == .created, "\(review.text)")
        if let item = try await RAIDItemModel.query(on: app.db).filter(\.$initiativeID == billing).first() {
            let moved = try await app.api(.POST, "/api/v1/raid-items/\(item.id!)/escalation", as: people.pmo,
                                          json: EscalationService.MoveRequest(level: .executive, reason: "Vendor cannot meet the date"))
            try #require(moved.status == .created, "\(moved.text)")
        }
        return ids
    }
}
