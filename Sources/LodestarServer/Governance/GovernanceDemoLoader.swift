import Fluent
import LodestarCore
import Vapor

/// Adds the governance layer to a demo portfolio as it is loaded.
enum GovernanceDemoLoader {
    /// The portfolio with its decisions and RAID items carrying governance fields, and the rest of
    /// the governance data to insert once the portfolio is in.
    static func prepare(_ portfolio: DemoPortfolio, today: Day = Day.today()) -> (DemoPortfolio, GovernanceDemo) {
        // The portfolio's first id stands in for its seed: the same portfolio gets the same governance.
        let seed = portfolio.initiatives.first.map { UInt64(truncatingIfNeeded: $0.id.hashValueStable) } ?? 0
        let governance = GovernanceDemo.make(for: portfolio, seed: seed, today: today)
        var prepared = portfolio
        prepared.decisions = governance.decisions
        prepared.raidItems = governance.raidItems
        return (prepared, governance)
    }

    /// Replaces the migration's default rules with the demo's (the same rules, with the ids its
    /// escalation history names) and inserts rights, reviews and escalations.
    static func insert(
        _ governance: GovernanceDemo, portfolio: DemoPortfolio, on database: any Database, progress: @Sendable (String) -> Void
    ) async throws {
        try await TierRuleModel.query(on: database).delete()
        try await GateTemplateModel.query(on: database).delete()
        try await EscalationRuleModel.query(on: database).delete()
        try await governance.tierRules.map(TierRuleModel.init).create(on: database)
        try await governance.gateTemplates.map(GateTemplateModel.init).create(on: database)
        try await governance.escalationRules.map(EscalationRuleModel.init).create(on: database)
        let users = Set(try await UserModel.query(on: database).all().compactMap(\.id))
        try await governance.decisionRights.filter { users.contains($0.deciderID) }.map(DecisionRightModel.init).create(on: database)
        for chunk in governance.gateReviews.chunked(DemoLoader.batchSize) {
            try await chunk.map { GateReviewModel(id: $0.id, $0.review) }.create(on: database)
        }
        let initiativeOf = Dictionary(uniqueKeysWithValues: portfolio.raidItems.map { ($0.id, $0.initiativeID) })
        let rules = Dictionary(uniqueKeysWithValues: governance.escalationRules.map { ($0.id, $0.name) })
        let names = Dictionary(uniqueKeysWithValues: portfolio.users.map { ($0.id, $0.email) })
        for chunk in governance.escalations.chunked(DemoLoader.batchSize) {
            try await chunk.map { record in
                EscalationRecordModel(
                    record, initiativeID: initiativeOf[record.itemID]!,
                    actor: record.ruleID.flatMap { rules[$0] }.map { "rule “\($0)”" } ?? record.actorID.flatMap { names[$0] } ?? "PMO")
            }.create(on: database)
        }
        progress("\(governance.gateReviews.count) gate reviews, \(governance.escalations.count) escalations, \(governance.decisionRights.count) decision rights")
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension UUID {
    /// A hash that is the same in every process (Swift's `hashValue` is seeded per run).
    var hashValueStable: UInt64 {
        withUnsafeBytes(of: uuid) { bytes in bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
    }
}
