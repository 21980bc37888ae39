import Foundation

/// How the portfolio serves the strategy (Q4): each objective's effective weight through the
/// hierarchy, each initiative's alignment score, and what is orphaned, uncovered or mis-invested.
public struct StrategyAlignment: Sendable, Equatable {
    public struct InitiativeScore: Sendable, Equatable {
        public var initiativeID: UUID
        /// Σ contribution × effective objective weight, 0…1 when fully aligned to everything.
        public var score: Double
        /// Each aligned objective's share of the score, largest first: why the score is what it is.
        public var contributions: [(objectiveID: UUID, share: Double)]

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.initiativeID == rhs.initiativeID && lhs.score == rhs.score
                && lhs.contributions.map(\.objectiveID) == rhs.contributions.map(\.objectiveID)
                && lhs.contributions.map(\.share) == rhs.contributions.map(\.share)
        }
    }

    public struct Investment: Sendable, Equatable {
        public var objectiveID: UUID
        /// The objective's effective weight among all objectives at its level, 0…1.
        public var weightShare: Double
        /// Its share of the budget of in-flight work, spread over objectives by contribution.
        public var investmentShare: Double
        public var verdict: Verdict
    }

    public enum Verdict: String, Sendable, Equatable {
        case balanced, overInvested = "over_invested", underInvested = "under_invested"
    }

    /// Effective weight of every objective: its weight's share among its siblings times its parent's.
    public var effectiveWeights: [UUID: Double]
    public var scores: [InitiativeScore]
    /// In-flight or proposed initiatives aligned to nothing.
    public var orphans: [UUID]
    /// Objectives served by no active or approved initiative, directly or through a child.
    public var uncovered: [UUID]
    /// Themes' investment against weight.
    public var investment: [Investment]

    /// - Parameter tolerance: how far (as a share) investment may stray from weight before it is flagged.
    public static func analyse(
        objectives: [Record<Objective>], initiatives: [Record<Initiative>], alignments: [Alignment], tolerance: Double = 0.10
    ) -> StrategyAlignment {
        let byID = Dictionary(uniqueKeysWithValues: objectives.map { ($0.id, $0.fields) })
        let children = Dictionary(grouping: objectives.filter { $0.parentID != nil }, by: { $0.parentID! })
        let themes = objectives.filter { $0.parentID == nil }.sorted { $0.id.orderKey < $1.id.orderKey }

        var weights: [UUID: Double] = [:]
        func assign(_ siblings: [Record<Objective>], parentWeight: Double) {
            let total = siblings.reduce(0) { $0 + $1.weight }
            for sibling in siblings {
                let share = total > 0 ? sibling.weight / total : 1 / Double(siblings.count)
                weights[sibling.id] = parentWeight * share
                assign(children[sibling.id] ?? [], parentWeight: parentWeight * share)
            }
        }
        assign(themes, parentWeight: 1)

        let alignmentsByInitiative = Dictionary(grouping: alignments.filter { byID[$0.objectiveID] != nil }, by: \.initiativeID)
        var scores: [InitiativeScore] = []
        var orphans: [UUID] = []
        for initiative in initiatives {
            let links = alignmentsByInitiative[initiative.id] ?? []
            if links.isEmpty, initiative.status != .completed, initiative.status != .cancelled { orphans.append(initiative.id) }
            let parts = links.map { ($0.objectiveID, $0.contribution * (weights[$0.objectiveID] ?? 0)) }
            let score = parts.reduce(0) { $0 + $1.1 }
            let shares = parts.map { (objectiveID: $0.0, share: score > 0 ? $0.1 / score : 0) }
                .sorted { ($0.share, $0.objectiveID.orderKey) > ($1.share, $1.objectiveID.orderKey) }
            scores.append(InitiativeScore(initiativeID: initiative.id, score: score, contributions: shares))
        }
        scores.sort { ($0.score, $1.initiativeID.orderKey) > ($1.score, $0.initiativeID.orderKey) }

        // An objective is covered when in-flight work serves it or anything below it.
        let inFlight = Set(initiatives.filter { $0.status.isInFlight }.map(\.id))
        var served = Set(alignments.filter { inFlight.contains($0.initiativeID) }.map(\.objectiveID))
        var changed = true
        while changed {
            changed = false
            for objective in objectives where !served.contains(objective.id) {
                if (children[objective.id] ?? []).contains(where: { served.contains($0.id) }) {
                    served.insert(objective.id)
                    changed = true
                }
            }
        }
        let uncovered = objectives.map(\.id).filter { !served.contains($0) }.sorted { $0.orderKey < $1.orderKey }

        // Investment per theme: each in-flight initiative's budget split over its objectives by
        // contribution, then rolled up to the theme above each objective.
        func theme(of id: UUID) -> UUID {
            var current = id
            while let parent = byID[current]?.parentID { current = parent }
            return current
        }
        var spend: [UUID: Double] = [:]
        for initiative in initiatives where inFlight.contains(initiative.id) {
            let links = alignmentsByInitiative[initiative.id] ?? []
            let total = links.reduce(0) { $0 + $1.contribution }
            guard total > 0 else { continue }
            for link in links { spend[theme(of: link.objectiveID), default: 0] += initiative.totalBudget * link.contribution / total }
        }
        let totalSpend = spend.values.reduce(0, +)
        let investment = themes.map { theme -> Investment in
            let weightShare = weights[theme.id] ?? 0
            let investmentShare = totalSpend > 0 ? (spend[theme.id] ?? 0) / totalSpend : 0
            let verdict: Verdict = investmentShare > weightShare + tolerance ? .overInvested
                : investmentShare < weightShare - tolerance ? .underInvested : .balanced
            return Investment(objectiveID: theme.id, weightShare: weightShare, investmentShare: investmentShare, verdict: verdict)
        }

        return StrategyAlignment(effectiveWeights: weights, scores: scores, orphans: orphans, uncovered: uncovered, investment: investment)
    }
}
