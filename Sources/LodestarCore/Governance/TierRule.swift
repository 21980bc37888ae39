import Foundation

/// A PMO-editable rule that puts initiatives in a governance tier. It matches when any one of its
/// thresholds is met (or all of them, with `matchAll`); a threshold left out plays no part.
public struct TierRule: EntityFields {
    public var name: String
    public var tier: GovernanceTier
    /// Total budget (capex + opex) at or above this.
    public var minBudget: Double?
    /// Planned duration in days at or above this.
    public var minDurationDays: Int?
    /// Highest probability × impact among its open RAID items at or above this (1–25).
    public var minRiskScore: Int?
    /// Number of resource pools it draws on at or above this.
    public var minPools: Int?
    /// Strategic criticality (0–1, see `StrategicCriticality`) at or above this.
    public var minCriticality: Double?
    public var matchAll: Bool
    /// Order among rules of the same tier; lower first.
    public var rank: Int

    public init(
        name: String, tier: GovernanceTier, minBudget: Double? = nil, minDurationDays: Int? = nil, minRiskScore: Int? = nil,
        minPools: Int? = nil, minCriticality: Double? = nil, matchAll: Bool = false, rank: Int = 0
    ) {
        self.name = name
        self.tier = tier
        self.minBudget = minBudget
        self.minDurationDays = minDurationDays
        self.minRiskScore = minRiskScore
        self.minPools = minPools
        self.minCriticality = minCriticality
        self.matchAll = matchAll
        self.rank = rank
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(name, "name", maxLength: 120)
        if let minBudget { checks.nonNegative(minBudget, "minBudget") }
        if let minDurationDays { checks.range(minDurationDays, "minDurationDays", 0...36_500) }
        if let minRiskScore { checks.range(minRiskScore, "minRiskScore", 1...25) }
        if let minPools { checks.range(minPools, "minPools", 1...1_000) }
        if let minCriticality { checks.range(minCriticality, "minCriticality", 0...1) }
        checks.range(rank, "rank", -1_000...1_000)
        checks.require(
            minBudget != nil || minDurationDays != nil || minRiskScore != nil || minPools != nil || minCriticality != nil,
            "minBudget", "a rule needs at least one threshold")
        return checks.issues
    }
}

/// What tier rules look at for one initiative.
public struct TierFacts: Sendable, Equatable {
    public var budget: Double
    public var durationDays: Int?
    public var riskScore: Int
    public var poolCount: Int
    public var criticality: Double

    public init(budget: Double, durationDays: Int?, riskScore: Int, poolCount: Int, criticality: Double) {
        self.budget = budget
        self.durationDays = durationDays
        self.riskScore = riskScore
        self.poolCount = poolCount
        self.criticality = criticality
    }
}

/// The tier the rules give an initiative, and why.
public struct TierVerdict: Sendable, Equatable {
    public var tier: GovernanceTier
    /// The rule that set it; nil when no rule matched and the initiative is light by default.
    public var ruleID: UUID?
    public var ruleName: String?
    /// The thresholds that were met, e.g. "budget 1.2M ≥ 1M".
    public var reasons: [String]

    public var explanation: String {
        guard let ruleName else { return "No tier rule matched, so it is light by default." }
        return "\(tier.label) by rule “\(ruleName)”: \(reasons.joined(separator: "; "))."
    }
}

/// Derives governance tiers from the PMO's rules.
public enum TierDerivation {
    /// The heaviest tier among the matching rules (the lowest rank, then the name, among rules of
    /// that tier); light when none matches.
    public static func derive(_ facts: TierFacts, rules: [Record<TierRule>]) -> TierVerdict {
        let ordered = rules.sorted {
            ($1.tier.weight, $0.rank, $0.name, $0.id.uuidString) < ($0.tier.weight, $1.rank, $1.name, $1.id.uuidString)
        }
        for rule in ordered {
            if let reasons = matches(rule.fields, facts) {
                return TierVerdict(tier: rule.tier, ruleID: rule.id, ruleName: rule.name, reasons: reasons)
            }
        }
        return TierVerdict(tier: .light, ruleID: nil, ruleName: nil, reasons: [])
    }

    /// The thresholds met, or nil when the rule does not match.
    static func matches(_ rule: TierRule, _ facts: TierFacts) -> [String]? {
        var met: [String] = []
        var tested = 0
        func test(_ threshold: Bool?, _ reason: @autoclosure () -> String) {
            guard let threshold else { return }
            tested += 1
            if threshold { met.append(reason()) }
        }
        test(rule.minBudget.map { facts.budget >= $0 }, "budget \(facts.budget.plainText) ≥ \(rule.minBudget!.plainText)")
        test(rule.minDurationDays.map { (facts.durationDays ?? 0) >= $0 },
             "duration \(facts.durationDays ?? 0) days ≥ \(rule.minDurationDays!)")
        test(rule.minRiskScore.map { facts.riskScore >= $0 }, "risk score \(facts.riskScore) ≥ \(rule.minRiskScore!)")
        test(rule.minPools.map { facts.poolCount >= $0 }, "\(facts.poolCount) pools ≥ \(rule.minPools!)")
        test(rule.minCriticality.map { facts.criticality >= $0 },
             "criticality \(String(format: "%.2f", facts.criticality)) ≥ \(String(format: "%.2f", rule.minCriticality!))")
        guard tested > 0 else { return nil }
        if rule.matchAll { return met.count == tested ? met : nil }
        return met.isEmpty ? nil : met
    }
}

/// Strategic criticality of each initiative, 0–1: its strategic value plus the value of everything
/// that waits on it (`CriticalWork`), relative to the most critical initiative in the portfolio.
public enum StrategicCriticality {
    public static func compute(
        objectives: [Record<Objective>], initiatives: [Record<Initiative>], alignments: [Alignment], dependencies: [Dependency]
    ) -> [UUID: Double] {
        let alignment = StrategyAlignment.analyse(objectives: objectives, initiatives: initiatives, alignments: alignments)
        let values = Dictionary(uniqueKeysWithValues: alignment.scores.map { ($0.initiativeID, $0.score) })
        let ranking = CriticalWork.rank(values: values, dependencies: dependencies)
        let top = ranking.map(\.dependentValue).max() ?? 0
        guard top > 0 else { return Dictionary(uniqueKeysWithValues: initiatives.map { ($0.id, 0) }) }
        return Dictionary(uniqueKeysWithValues: ranking.map { ($0.initiativeID, $0.dependentValue / top) })
    }
}

extension TierRule {
    /// Lodestar's starting rules: size and length make a big bet, risk and criticality add weight.
    public static let defaults: [TierRule] = [
        TierRule(name: "Big bets", tier: .full, minBudget: 3_000_000, minDurationDays: 730, rank: 1),
        TierRule(name: "Hazardous strategic work", tier: .full, minRiskScore: 20, minCriticality: 0.5, matchAll: true, rank: 2),
        TierRule(name: "Mid-size or cross-team", tier: .standard, minBudget: 500_000, minPools: 4, rank: 1),
        TierRule(name: "High risk", tier: .standard, minRiskScore: 15, rank: 2),
    ]
}
