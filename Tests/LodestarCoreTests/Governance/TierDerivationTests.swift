import Foundation
import LodestarCore
import Testing

@Suite("Governance: tier rules")
struct TierDerivationTests {
    static func facts(budget: Double = 100_000, days: Int? = 120, risk: Int = 4, pools: Int = 1, criticality: Double = 0.1) -> TierFacts {
        TierFacts(budget: budget, durationDays: days, riskScore: risk, poolCount: pools, criticality: criticality)
    }

    static let rules = TierRule.defaults.enumerated().map { Record(id: UUID(uuidString: "00000000-0000-0000-0000-00000000000\($0.offset)")!, fields: $0.element) }

    @Test("small, short, low-risk work is light by default, and says so")
    func lightByDefault() {
        let verdict = TierDerivation.derive(Self.facts(), rules: Self.rules)
        #expect(verdict.tier == .light)
        #expect(verdict.ruleID == nil)
        #expect(verdict.explanation.contains("No tier rule matched"))
    }

    @Test("each threshold of the default rules sets its tier and names the rule and the threshold met")
    func eachThreshold() {
        let cases: [(TierFacts, GovernanceTier, String, String)] = [
            (Self.facts(budget: 3_000_000), .full, "Big bets", "budget 3000000 ≥ 3000000"),
            (Self.facts(days: 800), .full, "Big bets", "duration 800 days ≥ 730"),
            (Self.facts(budget: 600_000), .standard, "Mid-size or cross-team", "budget 600000 ≥ 500000"),
            (Self.facts(pools: 4), .standard, "Mid-size or cross-team", "4 pools ≥ 4"),
            (Self.facts(risk: 16), .standard, "High risk", "risk score 16 ≥ 15"),
            (Self.facts(risk: 20, criticality: 0.6), .full, "Hazardous strategic work", "risk score 20 ≥ 20"),
        ]
        for (facts, tier, rule, reason) in cases {
            let verdict = TierDerivation.derive(facts, rules: Self.rules)
            #expect(verdict.tier == tier, "\(facts)")
            #expect(verdict.ruleName == rule, "\(facts)")
            #expect(verdict.reasons.contains(reason), "\(verdict.reasons)")
        }
    }

    @Test("a match-all rule needs every threshold: risk 20 without criticality is only standard")
    func matchAll() {
        #expect(TierDerivation.derive(Self.facts(risk: 20, criticality: 0.4), rules: Self.rules).tier == .standard)
        #expect(TierDerivation.derive(Self.facts(risk: 14, criticality: 0.9), rules: Self.rules).tier == .light)
    }

    @Test("the heaviest matching tier wins whatever the order of the rules; within a tier the lowest rank")
    func heaviestWins() {
        let facts = Self.facts(budget: 5_000_000, risk: 18, pools: 5)
        #expect(TierDerivation.derive(facts, rules: Self.rules.reversed()).tier == .full)
        let a = Record(id: UUID(), fields: TierRule(name: "B second", tier: .standard, minPools: 2, rank: 2))
        let b = Record(id: UUID(), fields: TierRule(name: "A first", tier: .standard, minPools: 2, rank: 1))
        #expect(TierDerivation.derive(facts, rules: [a, b]).ruleName == "A first")
    }

    @Test("property: adding a rule never lowers a tier, and the verdict's rule really matches", arguments: 0..<5)
    func monotonic(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed), stream: 99)
        for _ in 0..<200 {
            let facts = TierFacts(
                budget: random.double(in: 0...6_000_000), durationDays: random.int(in: 0...1_000), riskScore: random.int(in: 1...25),
                poolCount: random.int(in: 0...8), criticality: random.unit())
            var rules: [Record<TierRule>] = []
            var previous = TierDerivation.derive(facts, rules: rules).tier
            for _ in 0..<6 {
                rules.append(Record(id: random.uuid(), fields: TierRule(
                    name: "rule", tier: random.pick(GovernanceTier.allCases),
                    minBudget: random.chance(0.5) ? random.double(in: 0...6_000_000) : nil,
                    minRiskScore: random.chance(0.5) ? random.int(in: 1...25) : 25, matchAll: random.chance(0.3))))
                let verdict = TierDerivation.derive(facts, rules: rules)
                #expect(verdict.tier.weight >= previous.weight)
                if let id = verdict.ruleID {
                    let rule = rules.first { $0.id == id }!
                    #expect(rule.tier == verdict.tier)
                    #expect(!verdict.reasons.isEmpty)
                }
                previous = verdict.tier
            }
        }
    }

    @Test("a rule needs a threshold, and thresholds are bounded")
    func validation() {
        #expect(TierRule(name: "Empty", tier: .full).validate().map(\.field) == ["minBudget"])
        let bad = TierRule(name: "", tier: .full, minBudget: -1, minRiskScore: 26, minCriticality: 1.5)
        #expect(Set(bad.validate().map(\.field)) == ["name", "minBudget", "minRiskScore", "minCriticality"])
    }

    @Test("criticality: 1 for the initiative carrying the most strategic value including what waits on it")
    func criticality() {
        let theme = Record(id: UUID(), fields: Objective(level: .theme, name: "Grow", weight: 1))
        let a = Record(id: UUID(), fields: Initiative(code: "A", name: "A", status: .active))
        let b = Record(id: UUID(), fields: Initiative(code: "B", name: "B", status: .active))
        let c = Record(id: UUID(), fields: Initiative(code: "C", name: "C", status: .active))
        let alignments = [
            Alignment(initiativeID: a.id, objectiveID: theme.id, contribution: 0.2),
            Alignment(initiativeID: b.id, objectiveID: theme.id, contribution: 0.5),
            Alignment(initiativeID: c.id, objectiveID: theme.id, contribution: 0.4),
        ]
        // B waits on A: A carries 0.2 + 0.5 = 0.7, the most.
        let values = StrategicCriticality.compute(
            objectives: [theme], initiatives: [a, b, c], alignments: alignments,
            dependencies: [Dependency(predecessorID: a.id, successorID: b.id)])
        #expect(values[a.id] == 1)
        #expect(abs(values[b.id]! - 0.5 / 0.7) < 1e-9)
        #expect(abs(values[c.id]! - 0.4 / 0.7) < 1e-9)
    }
}
