import Foundation

extension DemoGenerator {
    /// About one initiative in eight waits for an earlier one (finish to start), and a few for two.
    /// Predecessors always come earlier in the list, so the graph is acyclic by construction; they
    /// usually finish before their successor starts, as a plan would have it.
    static func makeDependencies(among drafts: [InitiativeDraft], random: inout SeededRandom) -> [Record<Dependency>] {
        var dependencies: [Record<Dependency>] = []
        dependencies.reserveCapacity(drafts.count / 6)
        for successor in drafts.indices.dropFirst() where random.chance(0.13) {
            var predecessors: [Int] = []
            let wanted = random.chance(0.15) ? 2 : 1
            for _ in 0..<wanted {
                let predecessor = plausiblePredecessor(of: successor, in: drafts, random: &random)
                if !predecessors.contains(predecessor) { predecessors.append(predecessor) }
            }
            for predecessor in predecessors {
                let description = "\(drafts[successor].fields.code) needs \(random.pick(handoverPhrases)) from "
                    + "\(drafts[predecessor].fields.code) \(random.pick(handoverMoments))."
                dependencies.append(Record(id: random.uuid(), fields: Dependency(
                    predecessorID: drafts[predecessor].id, successorID: drafts[successor].id,
                    kind: .finishToStart, description: description)))
            }
        }
        return dependencies
    }

    /// A few random tries for an earlier initiative that finishes before this one starts; failing
    /// that, any earlier one, which gives the schedule conflicts a planner should find.
    private static func plausiblePredecessor(
        of successor: Int, in drafts: [InitiativeDraft], random: inout SeededRandom
    ) -> Int {
        let successorStart = drafts[successor].fields.plannedStart
        var candidate = random.int(in: 0..<successor)
        for _ in 0..<6 {
            if let finish = drafts[candidate].fields.plannedFinish, let start = successorStart, finish <= start,
               drafts[candidate].status != .cancelled {
                break
            }
            candidate = random.int(in: 0..<successor)
        }
        return candidate
    }

    private static let handoverPhrases = [
        "the new data platform", "the integration APIs", "the identity service", "the cloud landing zone",
        "the migrated customer data", "the redesigned process", "the vendor contract", "the shared test environment",
        "the target operating model",
    ]

    private static let handoverMoments = [
        "before build starts", "before migration", "before go-live", "before user acceptance testing",
        "before the pilot",
    ]
}
