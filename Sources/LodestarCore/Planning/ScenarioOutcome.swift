import Foundation

/// A scenario run in the portfolio's own terms: initiatives, quarters and pools by name, every
/// left-out initiative with its reason, and the shadow prices that answer "where are we constrained".
public struct ScenarioOutcome: Codable, Sendable, Equatable {
    public struct Funded: Codable, Sendable, Equatable {
        public var initiativeID: UUID
        public var code: String
        public var name: String
        public var start: Quarter
        /// The last quarter of its run within the horizon.
        public var finish: Quarter
        public var value: Double
        public var cost: Double
        /// Running work: funded whatever the scenario, its start cannot move.
        public var running: Bool
    }

    public struct LeftOut: Codable, Sendable, Equatable {
        public var initiativeID: UUID
        public var code: String
        public var name: String
        public var value: Double
        public var reason: String
    }

    public struct QuarterAmount: Codable, Sendable, Equatable {
        public var quarter: Quarter
        public var amount: Double
        /// The budget cap; nil when the quarter has none.
        public var limit: Double?
    }

    public struct PoolLoad: Codable, Sendable, Equatable {
        public var poolID: UUID
        public var poolName: String
        public var quarter: Quarter
        public var capacity: Double
        public var demand: Double
    }

    public struct ShadowPrice: Codable, Sendable, Equatable {
        /// Nil for a budget constraint.
        public var poolID: UUID?
        public var poolName: String?
        public var quarter: Quarter
        public var valuePerUnit: Double
        /// "One more FTE of Data Engineering in 2027-Q3 unlocks 4.2 value points."
        public var explanation: String
    }

    public struct Coverage: Codable, Sendable, Equatable {
        /// Objectives served by a funded initiative, directly or through a child.
        public var objectivesCovered: Int
        public var objectivesTotal: Int
        /// Share of the strategy's effective weight that funded work serves (0…1).
        public var weightCovered: Double
    }

    public var firstQuarter: Quarter
    public var quarters: Int
    public var scoringModelID: UUID?
    public var status: OptimisationResult.Status
    public var value: Double
    public var bound: Double
    public var gap: Double
    public var seconds: Double
    public var funded: [Funded]
    public var leftOut: [LeftOut]
    public var spend: [QuarterAmount]
    public var loads: [PoolLoad]
    public var shadowPrices: [ShadowPrice]
    public var coverage: Coverage
    /// Facts the reader needs to trust the answer (e.g. running work already over capacity).
    public var notes: [String]

    public var totalCost: Double { funded.reduce(0) { $0 + $1.cost } }

    /// Mean demand ÷ capacity of each pool over the horizon, by pool name.
    public var utilisationByPool: [(poolID: UUID, poolName: String, utilisation: Double)] {
        let grouped = Dictionary(grouping: loads, by: \.poolID)
        return grouped.map { poolID, loads in
            let capacity = loads.reduce(0) { $0 + $1.capacity }
            let demand = loads.reduce(0) { $0 + $1.demand }
            return (poolID, loads[0].poolName, capacity > 0 ? demand / capacity : 0)
        }
        .sorted { ($0.poolName, $0.poolID.orderKey) < ($1.poolName, $1.poolID.orderKey) }
    }
}
