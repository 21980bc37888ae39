import Foundation

/// Two or more scenario outcomes side by side: the headline figures of each, and every initiative
/// whose fate differs between them, with what happens to it in each and why.
public struct ScenarioComparison: Codable, Sendable, Equatable {
    public struct Column: Codable, Sendable, Equatable {
        public var name: String
        public var value: Double
        public var gap: Double
        public var cost: Double
        public var fundedCount: Int
        public var objectivesCovered: Int
        public var weightCovered: Double
        public var utilisation: [PoolUtilisation]
    }

    public struct PoolUtilisation: Codable, Sendable, Equatable {
        public var poolID: UUID
        public var poolName: String
        public var utilisation: Double
    }

    public struct Difference: Codable, Sendable, Equatable {
        public var initiativeID: UUID
        public var code: String
        public var name: String
        /// One entry per scenario, in column order: "Funded from 2027-Q2" or "Left out: <reason>".
        public var fates: [String]
    }

    public var columns: [Column]
    public var differences: [Difference]

    public static func compare(_ outcomes: [(name: String, outcome: ScenarioOutcome)]) -> ScenarioComparison {
        let columns = outcomes.map { name, outcome in
            Column(
                name: name, value: outcome.value, gap: outcome.gap, cost: outcome.totalCost, fundedCount: outcome.funded.count,
                objectivesCovered: outcome.coverage.objectivesCovered, weightCovered: outcome.coverage.weightCovered,
                utilisation: outcome.utilisationByPool.map { PoolUtilisation(poolID: $0.poolID, poolName: $0.poolName, utilisation: $0.utilisation) })
        }
        var identities: [UUID: (code: String, name: String)] = [:]
        var fates: [UUID: [String]] = [:]
        for (column, (_, outcome)) in outcomes.enumerated() {
            for funded in outcome.funded {
                identities[funded.initiativeID] = (funded.code, funded.name)
                fates[funded.initiativeID, default: Array(repeating: "Not considered", count: outcomes.count)][column] = "Funded from \(funded.start)"
            }
            for left in outcome.leftOut {
                identities[left.initiativeID] = (left.code, left.name)
                fates[left.initiativeID, default: Array(repeating: "Not considered", count: outcomes.count)][column] = "Left out: \(left.reason)"
            }
        }
        let differences = fates.compactMap { id, fates -> Difference? in
            guard Set(fates.map(Self.headline)).count > 1 else { return nil }
            return Difference(initiativeID: id, code: identities[id]!.code, name: identities[id]!.name, fates: fates)
        }
        .sorted { ($0.code, $0.initiativeID.orderKey) < ($1.code, $1.initiativeID.orderKey) }
        return ScenarioComparison(columns: columns, differences: differences)
    }

    /// Funded or not, ignoring the reason: a different reason for the same fate is not a difference.
    private static func headline(_ fate: String) -> String { fate.hasPrefix("Left out") ? "Left out" : fate }
}
