import Fluent
import LodestarCore
import Vapor

/// Loads what tier rules look at, derives tiers, and keeps each initiative's stored tier equal to
/// its derived tier or the PMO's override.
enum TierService {
    struct Assessment: Content {
        var initiativeID: UUID
        var code: String
        var name: String
        /// What the initiative is governed as now.
        var currentTier: GovernanceTier
        var derivedTier: GovernanceTier
        var ruleID: UUID?
        var ruleName: String?
        var explanation: String
        var overrideTier: GovernanceTier?
        var overrideReason: String?
        /// override ?? derived: what applying the rules sets.
        var effectiveTier: GovernanceTier
        var facts: Facts
    }

    struct Facts: Content {
        var budget: Double
        var durationDays: Int?
        var riskScore: Int
        var poolCount: Int
        var criticality: Double
    }

    /// Every initiative's assessment (or only `ids`).
    static func assess(only ids: [UUID]? = nil, on database: any Database) async throws -> [Assessment] {
        let initiatives = try await InitiativeModel.query(on: database).all().map(\.record)
        let rules = try await TierRuleModel.query(on: database).all().map(\.record)
        let criticality = StrategicCriticality.compute(
            objectives: try await ObjectiveModel.query(on: database).all().map(\.record), initiatives: initiatives,
            alignments: try await AlignmentModel.query(on: database).all().map(\.fields),
            dependencies: try await DependencyModel.query(on: database).all().map(\.fields))
        let wanted = ids.map(Set.init)
        let chosen = initiatives.filter { wanted?.contains($0.id) ?? true }
        let chosenIDs = chosen.map(\.id)
        guard !chosenIDs.isEmpty else { return [] }
        let risk = Dictionary(grouping: try await RAIDItemModel.all(where: "initiative_id", in: chosenIDs, on: database)
            .filter { $0.status != RAIDStatus.closed.rawValue }, by: \.initiativeID).mapValues { $0.map(\.score).max() ?? 0 }
        let pools = Dictionary(grouping: try await DemandModel.all(where: "initiative_id", in: chosenIDs, on: database), by: \.initiativeID)
            .mapValues { Set($0.map(\.poolID)).count }
        let overrides = Dictionary(
            try await TierOverrideModel.query(on: database).filter(\.$initiativeID ~~ chosenIDs).all().map { ($0.initiativeID, $0) },
            uniquingKeysWith: { a, _ in a })
        return chosen.map { initiative in
            let duration = initiative.plannedStart.flatMap { start in initiative.plannedFinish.map { start.days(until: $0) } }
            let facts = TierFacts(
                budget: initiative.totalBudget, durationDays: duration, riskScore: risk[initiative.id] ?? 0,
                poolCount: pools[initiative.id] ?? 0, criticality: criticality[initiative.id] ?? 0)
            let verdict = TierDerivation.derive(facts, rules: rules)
            let override = overrides[initiative.id]
            let overrideTier = override.map { GovernanceTier.stored($0.tier) }
            return Assessment(
                initiativeID: initiative.id, code: initiative.code, name: initiative.name, currentTier: initiative.tier,
                derivedTier: verdict.tier, ruleID: verdict.ruleID, ruleName: verdict.ruleName, explanation: verdict.explanation,
                overrideTier: overrideTier, overrideReason: override?.reason, effectiveTier: overrideTier ?? verdict.tier,
                facts: Facts(budget: facts.budget, durationDays: facts.durationDays, riskScore: facts.riskScore, poolCount: facts.poolCount,
                             criticality: facts.criticality))
        }.sorted { $0.code < $1.code }
    }

    /// Sets every initiative whose tier differs from its effective tier, each write audited, all in one
    /// transaction. Returns the initiatives changed.
    static func apply(by caller: Caller, on database: any Database) async throws -> [Assessment] {
        try caller.require([.admin, .pmo], to: "apply the tier rules")
        let changes = try await assess(on: database).filter { $0.currentTier != $0.effectiveTier }
        try await database.transaction { database in
            for change in changes { try await setTier(change.initiativeID, to: change.effectiveTier, by: caller, on: database) }
        }
        return changes
    }

    /// Overrides the derived tier with a reason (audited), and governs the initiative by it at once.
    static func override(_ initiativeID: UUID, tier: GovernanceTier, reason: String, by caller: Caller, on database: any Database) async throws {
        try caller.require([.admin, .pmo], to: "override a governance tier")
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues: [FieldIssue] = []
        if trimmed.isEmpty { issues.append(FieldIssue("reason", "an override needs a reason")) }
        if trimmed.count > 2000 { issues.append(FieldIssue("reason", "must be at most 2000 characters")) }
        if !issues.isEmpty { throw Problem.validation(issues) }
        guard try await InitiativeModel.find(initiativeID, on: database) != nil else { throw Problem.notFound("Initiative \(initiativeID)") }
        try await database.transaction { database in
            let existing = try await TierOverrideModel.query(on: database).filter(\.$initiativeID == initiativeID).first()
            let model = existing ?? TierOverrideModel()
            let before: JSONValue? = existing.map { .object(["tier": .string($0.tier), "reason": .string($0.reason)]) }
            if existing == nil {
                model.id = UUID()
                model.initiativeID = initiativeID
            }
            model.tier = tier.rawValue
            model.reason = trimmed
            model.setBy = caller.email
            try await model.save(on: database)
            try await AuditLog.record(
                existing == nil ? .create : .update, entity: "tier-overrides", id: initiativeID, before: before,
                after: .object(["tier": .string(tier.rawValue), "reason": .string(trimmed)]), by: caller, on: database)
            try await setTier(initiativeID, to: tier, by: caller, on: database)
        }
    }

    /// Removes an override; the derived tier governs again.
    static func removeOverride(_ initiativeID: UUID, by caller: Caller, on database: any Database) async throws {
        try caller.require([.admin, .pmo], to: "remove a tier override")
        try await database.transaction { database in
            guard let existing = try await TierOverrideModel.query(on: database).filter(\.$initiativeID == initiativeID).first() else {
                throw Problem.notFound("A tier override for initiative \(initiativeID)")
            }
            try await existing.delete(on: database)
            try await AuditLog.record(
                .delete, entity: "tier-overrides", id: initiativeID,
                before: .object(["tier": .string(existing.tier), "reason": .string(existing.reason)]), after: nil, by: caller, on: database)
            if let derived = try await assess(only: [initiativeID], on: database).first {
                try await setTier(initiativeID, to: derived.effectiveTier, by: caller, on: database)
            }
        }
    }

    /// The initiative's stored tier, changed through the store so it is versioned and audited.
    private static func setTier(_ id: UUID, to tier: GovernanceTier, by caller: Caller, on database: any Database) async throws {
        guard let model = try await InitiativeModel.find(id, on: database), model.tier != tier.rawValue else { return }
        _ = try await EntityStore<InitiativeModel>(caller: caller, database: database).update(id, expectedVersion: model.version) { current in
            var next = current
            next.tier = tier
            return next
        }
    }
}
