import Foundation

/// How much of the strategy a set of initiatives serves.
enum StrategicCoverage {
    /// An objective is covered when a funded initiative serves it or an objective above it; the
    /// weight covered is the effective weight of covered objectives that have no children (these
    /// partition the whole strategy's weight).
    static func of(funded: Set<UUID>, in data: PortfolioData) -> ScenarioOutcome.Coverage {
        let weights = StrategyAlignment.analyse(objectives: data.objectives, initiatives: [], alignments: []).effectiveWeights
        let parents = Dictionary(uniqueKeysWithValues: data.objectives.map { ($0.id, $0.parentID) })
        let served = Set(data.alignments.filter { funded.contains($0.initiativeID) }.map(\.objectiveID))
        var covered = Set<UUID>()
        for objective in data.objectives {
            var cursor: UUID? = objective.id
            while let current = cursor {
                if served.contains(current) {
                    covered.insert(objective.id)
                    break
                }
                cursor = parents[current] ?? nil
            }
        }
        let hasChildren = Set(data.objectives.compactMap(\.parentID))
        let leaves = data.objectives.filter { !hasChildren.contains($0.id) }
        let weight = leaves.filter { covered.contains($0.id) }.reduce(0) { $0 + (weights[$1.id] ?? 0) }
        return ScenarioOutcome.Coverage(objectivesCovered: covered.count, objectivesTotal: data.objectives.count, weightCovered: weight)
    }
}
