import Foundation

/// The plan as it stood when a planning cycle closed: the ranking and the in-flight work, kept so
/// later plans can be compared with what was decided.
public struct PlanSnapshot: Codable, Sendable, Equatable {
    public struct Ranked: Codable, Sendable, Equatable {
        public var initiativeID: UUID
        public var code: String
        public var name: String
        public var rank: Int
        public var total: Double
    }

    public struct Planned: Codable, Sendable, Equatable {
        public var initiativeID: UUID
        public var code: String
        public var name: String
        public var status: InitiativeStatus
        public var plannedStart: Day?
        public var plannedFinish: Day?
        public var budget: Double
    }

    public var takenOn: Day
    public var scoringModelID: UUID?
    public var ranking: [Ranked]
    public var plan: [Planned]

    public var totalBudget: Double { plan.reduce(0) { $0 + $1.budget } }

    public static func take(of data: PortfolioData, on day: Day) -> PlanSnapshot {
        let byID = Dictionary(uniqueKeysWithValues: data.initiatives.map { ($0.id, $0) })
        let model = data.scoringModel()
        let ranking = data.ranking(model: model?.id).map { ranked in
            Ranked(initiativeID: ranked.initiativeID, code: byID[ranked.initiativeID]!.code, name: byID[ranked.initiativeID]!.name,
                   rank: ranked.rank, total: ranked.total)
        }
        let plan = data.initiatives.filter { $0.status.isInFlight }
            .sorted { ($0.code, $0.id.orderKey) < ($1.code, $1.id.orderKey) }
            .map { Planned(initiativeID: $0.id, code: $0.code, name: $0.name, status: $0.status,
                           plannedStart: $0.plannedStart, plannedFinish: $0.plannedFinish, budget: $0.totalBudget) }
        return PlanSnapshot(takenOn: day, scoringModelID: model?.id, ranking: ranking, plan: plan)
    }

    /// What changed from this snapshot to `later`: work that joined or left the plan, and ranks that moved.
    public func changes(to later: PlanSnapshot) -> PlanChanges {
        let before = Dictionary(uniqueKeysWithValues: plan.map { ($0.initiativeID, $0) })
        let after = Dictionary(uniqueKeysWithValues: later.plan.map { ($0.initiativeID, $0) })
        let oldRanks = Dictionary(uniqueKeysWithValues: ranking.map { ($0.initiativeID, $0.rank) })
        let moves = later.ranking.compactMap { entry -> PlanChanges.RankMove? in
            guard let old = oldRanks[entry.initiativeID], old != entry.rank else { return nil }
            return PlanChanges.RankMove(initiativeID: entry.initiativeID, code: entry.code, name: entry.name, from: old, to: entry.rank)
        }
        .sorted { (abs($0.from - $0.to), $1.code) > (abs($1.from - $1.to), $0.code) }
        return PlanChanges(
            joined: later.plan.filter { before[$0.initiativeID] == nil },
            left: plan.filter { after[$0.initiativeID] == nil },
            rankMoves: moves,
            budgetChange: later.totalBudget - totalBudget)
    }
}

public struct PlanChanges: Codable, Sendable, Equatable {
    public struct RankMove: Codable, Sendable, Equatable {
        public var initiativeID: UUID
        public var code: String
        public var name: String
        public var from: Int
        public var to: Int
    }

    public var joined: [PlanSnapshot.Planned]
    public var left: [PlanSnapshot.Planned]
    public var rankMoves: [RankMove]
    public var budgetChange: Double
}
