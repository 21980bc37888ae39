import Foundation
import LodestarCore
import Testing

@Suite("Governance: demo data")
struct GovernanceDemoTests {
    static let today = Day("2027-06-01")!
    static let portfolio = DemoGenerator.generate(seed: 42, initiatives: 120, today: today)

    @Test("the same seed gives the same governance data")
    func deterministic() {
        #expect(GovernanceDemo.make(for: Self.portfolio, seed: 42, today: Self.today) == GovernanceDemo.make(for: Self.portfolio, seed: 42, today: Self.today))
    }

    @Test("every record is valid, every gate decision has its review, and money decisions carry amounts")
    func coherent() {
        let demo = GovernanceDemo.make(for: Self.portfolio, seed: 42, today: Self.today)
        #expect(demo.tierRules.allSatisfy { $0.fields.validate().isEmpty })
        #expect(demo.decisionRights.allSatisfy { $0.fields.validate().isEmpty })
        #expect(demo.escalationRules.allSatisfy { $0.fields.validate().isEmpty })
        #expect(demo.decisions.allSatisfy { $0.fields.validate().isEmpty })
        #expect(demo.raidItems.allSatisfy { $0.fields.validate().isEmpty })
        let gateDecisions = Set(demo.decisions.filter { $0.type == .gate && $0.initiativeID != nil }.map(\.id))
        #expect(Set(demo.gateReviews.compactMap(\.review.decisionID)) == gateDecisions)
        #expect(demo.decisions.filter { $0.type == .funding }.allSatisfy { $0.amount != nil })
        #expect(demo.raidItems.contains { $0.milestoneID != nil })
    }

    @Test("the rules escalate some items today, each above where it was, and every escalated item has its history")
    func escalations() {
        let demo = GovernanceDemo.make(for: Self.portfolio, seed: 42, today: Self.today)
        let byRules = demo.escalations.filter { $0.ruleID != nil }
        #expect(!byRules.isEmpty)
        #expect(byRules.allSatisfy { $0.to.rank > $0.from.rank && $0.occurredOn == Self.today })
        let escalated = Set(demo.raidItems.filter { $0.escalationLevel != .initiative }.map(\.id))
        #expect(escalated == Set(demo.escalations.map(\.itemID)))
    }
}
