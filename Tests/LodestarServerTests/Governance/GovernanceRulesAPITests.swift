import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Governance API: tier rules, gate templates, decision rights, escalation rules; tiers")
struct GovernanceRulesAPITests {
    @Test("the defaults are seeded; the PMO edits rules through the full record contract; others read only", arguments: TestDatabase.available)
    func rulesAreRecords(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            #expect(try await count(app, "tier-rules", as: people.viewer) == TierRule.defaults.count)
            #expect(try await count(app, "gate-templates", as: people.viewer) == GateTemplate.defaults.count)
            #expect(try await count(app, "escalation-rules", as: people.viewer) == EscalationRule.defaults.count)
            #expect(try await count(app, "decision-rights", as: people.viewer) == 0)

            try await expectRoundTrip(
                app, people, "tier-rules", as: people.pmo, record: TierRule(name: "Regulatory", tier: .full, minCriticality: 0.8),
                patch: ["minBudget": .number(2_000_000)], filter: "tier=full&q=Regul", decoy: TierRule(name: "Tiny", tier: .light, minBudget: 1))
            try await expectRoundTrip(
                app, people, "decision-rights", as: people.admin, record: DecisionRight(decisionType: .scopeChange, deciderID: people.executive.id),
                patch: ["maxAmount": .number(50_000)], filter: "decisionType=scope_change",
                decoy: DecisionRight(decisionType: .funding, deciderID: people.pmo.id))
            try await expectRoundTrip(
                app, people, "escalation-rules", as: people.pmo,
                record: EscalationRule(name: "Zzz stale issues", trigger: .ageWithoutMitigation, threshold: 10, targetLevel: .portfolio, kinds: [.issue]),
                patch: ["active": .bool(false)], filter: "trigger=age_without_mitigation&q=Zzz",
                decoy: EscalationRule(name: "Zzz score", trigger: .score, threshold: 10, targetLevel: .portfolio))

            let rule = try await create(app, "tier-rules", as: people.pmo, TierRule(name: "Kept", tier: .standard, minPools: 3))
            try await expectCannotWrite(app, "tier-rules", rule, record: TierRule(name: "Kept", tier: .standard, minPools: 3),
                                        as: [people.viewer, people.executive, people.owner])
        }
    }

    @Test("rules are validated: thresholds, one template per tier and gate, deciders exist")
    func validation() async throws {
        try await withTestApp { app, people in
            try await expectRejected(app, "tier-rules", as: people.pmo, TierRule(name: "No threshold", tier: .full), fields: ["minBudget"])
            try await expectRejected(app, "gate-templates", as: people.pmo, GateTemplate(tier: .full, gate: .deliver, evidence: [.businessCase]), fields: ["gate"])
            try await expectRejected(app, "gate-templates", as: people.pmo,
                                     GateTemplate(tier: .standard, gate: .idea, evidence: [], fastTrackAllowed: true), fields: ["gate", "fastTrackAllowed"])
            try await expectRejected(app, "decision-rights", as: people.pmo, DecisionRight(decisionType: .gate, deciderID: UUID()), fields: ["deciderID"])
            try await expectRejected(app, "escalation-rules", as: people.pmo,
                                     EscalationRule(name: "Bad", trigger: .score, threshold: 30, targetLevel: .initiative), fields: ["threshold", "targetLevel"])
        }
    }

    @Test("tiers: derived from the rules with the rule named; applying them is audited; an override needs a reason and wins")
    func tiers() async throws {
        try await withTestApp { app, people in
            let big = try await GovernanceFixture.initiative(app, people, tier: .light, budget: 4_000_000, code: "BIG")
            let small = try await GovernanceFixture.initiative(app, people, tier: .standard, budget: 10_000, code: "SMALL")
            let assessments = try await app.api(.GET, "/api/v1/governance/tiers", as: people.viewer).json.arrayItems ?? []
            let bigRow = try #require(assessments.first { $0["initiativeID"] == .id(big) })
            #expect(bigRow["derivedTier"] == .string("full"))
            #expect(bigRow["ruleName"] == .string("Big bets"))
            #expect(bigRow["explanation"]?.stringValue?.contains("budget 4000000 ≥ 3000000") == true)

            #expect(try await app.api(.POST, "/api/v1/governance/tiers/apply", as: people.executive).status == .forbidden)
            let applied = try await app.api(.POST, "/api/v1/governance/tiers/apply", as: people.pmo)
            #expect(Set((applied.json.arrayItems ?? []).compactMap { $0["code"]?.stringValue }) == ["BIG", "SMALL"])
            #expect(try await app.api(.GET, apiPath("initiatives", big), as: people.viewer).json["tier"] == .string("full"))
            #expect(try await app.api(.GET, apiPath("initiatives", small), as: people.viewer).json["tier"] == .string("light"))
            #expect(try await auditTrail(app, people, "initiatives", big).first?["changes"]?["tier"]?["after"] == .string("full"))

            let path = "/api/v1/initiatives/\(big)/tier-override"
            expectInvalid(try await app.api(.PUT, path, as: people.pmo, json: GovernanceController.OverrideRequest(tier: .standard, reason: " ")), fields: ["reason"])
            #expect(try await app.api(.PUT, path, as: people.owner, json: GovernanceController.OverrideRequest(tier: .standard, reason: "Mine")).status == .forbidden)
            let overridden = try await app.api(.PUT, path, as: people.pmo,
                                               json: GovernanceController.OverrideRequest(tier: .standard, reason: "Mostly licences; low delivery risk"))
            #expect(overridden.status == .ok, "\(overridden.text)")
            #expect(overridden.json["effectiveTier"] == .string("standard"))
            #expect(overridden.json["derivedTier"] == .string("full"))
            #expect(try await app.api(.GET, apiPath("initiatives", big), as: people.viewer).json["tier"] == .string("standard"))
            #expect(try await auditTrail(app, people, "tier-overrides", big).first?["changes"]?["reason"]?["after"] == .string("Mostly licences; low delivery risk"))
            // Applying the rules keeps the override.
            #expect((try await app.api(.POST, "/api/v1/governance/tiers/apply", as: people.pmo).json.arrayItems ?? []).isEmpty)
            #expect(try await app.api(.DELETE, path, as: people.admin).status == .noContent)
            #expect(try await app.api(.GET, apiPath("initiatives", big), as: people.viewer).json["tier"] == .string("full"))
        }
    }

    @Test("the periodic jobs run for admin and pmo only")
    func jobs() async throws {
        try await withTestApp { app, people in
            for person in [people.executive, people.owner, people.viewer] {
                #expect(try await app.api(.POST, "/api/v1/governance/jobs/run", as: person).status == .forbidden)
            }
            let run = try await app.api(.POST, "/api/v1/governance/jobs/run", as: people.pmo)
            #expect(run.status == .ok, "\(run.text)")
            #expect(run.json["escalated"] == .number(0))
        }
    }
}
