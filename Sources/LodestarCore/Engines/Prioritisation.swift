import Foundation

/// Ranks initiatives by a weighted-criteria model (Q1), and explains every score: each criterion's
/// contribution, so "why is X above Y" always has an answer.
public enum Prioritisation {
    public struct Part: Sendable, Equatable {
        public var criterionID: UUID
        /// The raw score on the criterion's scale, nil when not scored.
        public var value: Double?
        /// The criterion's weight as a share of all weights.
        public var weightShare: Double
        /// Points (of 100) this criterion adds to the total.
        public var points: Double
    }

    public struct Ranked: Sendable, Equatable {
        public var initiativeID: UUID
        public var rank: Int
        /// 0…100: 100 is the top of every scale.
        public var total: Double
        public var parts: [Part]
        /// Criteria not scored yet; they count as the bottom of their scale.
        public var missing: [UUID] { parts.filter { $0.value == nil }.map(\.criterionID) }
    }

    /// - Parameter tieBreaker: a stable key per initiative (e.g. its code) that orders equal totals.
    public static func rank(
        initiatives: [UUID], criteria: [Record<ScoringCriterion>], scores: [Score], tieBreaker: [UUID: String] = [:]
    ) -> [Ranked] {
        let totalWeight = criteria.reduce(0) { $0 + $1.weight }
        var lookup: [UUID: [UUID: Double]] = [:]
        for score in scores { lookup[score.initiativeID, default: [:]][score.criterionID] = score.value }
        var ranked = initiatives.map { id -> Ranked in
            let parts = criteria.map { criterion -> Part in
                let share = totalWeight > 0 ? criterion.weight / totalWeight : 0
                let value = lookup[id]?[criterion.id]
                let span = criterion.scaleMax - criterion.scaleMin
                let normalised = value.map { span > 0 ? min(1, max(0, ($0 - criterion.scaleMin) / span)) : 0 } ?? 0
                return Part(criterionID: criterion.id, value: value, weightShare: share, points: share * normalised * 100)
            }
            return Ranked(initiativeID: id, rank: 0, total: parts.reduce(0) { $0 + $1.points }, parts: parts)
        }
        ranked.sort { lhs, rhs in
            if lhs.total != rhs.total { return lhs.total > rhs.total }
            let a = tieBreaker[lhs.initiativeID] ?? lhs.initiativeID.uuidString
            let b = tieBreaker[rhs.initiativeID] ?? rhs.initiativeID.uuidString
            return a < b
        }
        for index in ranked.indices { ranked[index].rank = index + 1 }
        return ranked
    }

    /// Weighted Shortest Job First: cost of delay (business value + time criticality + risk reduction
    /// or opportunity enablement) divided by job size. Nil for a job of no size.
    public static func wsjf(businessValue: Double, timeCriticality: Double, riskReduction: Double, jobSize: Double) -> Double? {
        guard jobSize > 0 else { return nil }
        return (businessValue + timeCriticality + riskReduction) / jobSize
    }
}
