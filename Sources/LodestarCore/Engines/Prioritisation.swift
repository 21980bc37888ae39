import Foundation

/// Ranks initiatives by a scoring model (Q1), and explains every score: each criterion's
/// contribution, so "why is X above Y" always has an answer.
public enum Prioritisation {
    public struct Part: Sendable, Equatable {
        public var criterionID: UUID
        /// The raw score on the criterion's scale, nil when not scored.
        public var value: Double?
        /// The criterion's weight as a share of all weights (weighted models; 0 in WSJF).
        public var weightShare: Double
        /// What this criterion adds to the total: points of 100 in a weighted model; in WSJF, its
        /// share of the cost of delay divided by job size (job size itself adds nothing: it divides).
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

    /// - Parameters:
    ///   - method: weighted criteria (0…100 points) or WSJF (cost of delay ÷ job size; the criteria's
    ///     `wsjfComponent` says which is which, and an initiative without a job size scores 0).
    ///   - tieBreaker: a stable key per initiative (e.g. its code) that orders equal totals.
    public static func rank(
        initiatives: [UUID], method: ScoringMethod = .weighted, criteria: [Record<ScoringCriterion>], scores: [Score],
        tieBreaker: [UUID: String] = [:]
    ) -> [Ranked] {
        var lookup: [UUID: [UUID: Double]] = [:]
        for score in scores { lookup[score.initiativeID, default: [:]][score.criterionID] = score.value }
        var ranked = initiatives.map { id -> Ranked in
            let parts = switch method {
                case .weighted: weightedParts(criteria, values: lookup[id] ?? [:])
                case .wsjf: wsjfParts(criteria, values: lookup[id] ?? [:])
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

    private static func weightedParts(_ criteria: [Record<ScoringCriterion>], values: [UUID: Double]) -> [Part] {
        let totalWeight = criteria.reduce(0) { $0 + $1.weight }
        return criteria.map { criterion in
            let share = totalWeight > 0 ? criterion.weight / totalWeight : 0
            let value = values[criterion.id]
            let span = criterion.scaleMax - criterion.scaleMin
            let normalised = value.map { span > 0 ? min(1, max(0, ($0 - criterion.scaleMin) / span)) : 0 } ?? 0
            return Part(criterionID: criterion.id, value: value, weightShare: share, points: share * normalised * 100)
        }
    }

    private static func wsjfParts(_ criteria: [Record<ScoringCriterion>], values: [UUID: Double]) -> [Part] {
        let jobSize = criteria.first { $0.wsjfComponent == .jobSize }.flatMap { values[$0.id] }
        return criteria.map { criterion in
            let value = values[criterion.id]
            let counts = criterion.wsjfComponent?.isCostOfDelay == true
            let points = if counts, let value, let jobSize, jobSize > 0 { value / jobSize } else { 0.0 }
            return Part(criterionID: criterion.id, value: value, weightShare: 0, points: points)
        }
    }

    /// Why `higher` ranks above `lower`: each criterion's difference in points, largest first.
    /// The differences add up to the difference in totals.
    public static func difference(between higher: Ranked, and lower: Ranked) -> [(criterionID: UUID, points: Double)] {
        let lowerPoints = Dictionary(lower.parts.map { ($0.criterionID, $0.points) }, uniquingKeysWith: { first, _ in first })
        return higher.parts
            .map { (criterionID: $0.criterionID, points: $0.points - (lowerPoints[$0.criterionID] ?? 0)) }
            .sorted { (abs($0.points), $1.criterionID.orderKey) > (abs($1.points), $0.criterionID.orderKey) }
    }

    /// Weighted Shortest Job First: cost of delay (business value + time criticality + risk reduction
    /// or opportunity enablement) divided by job size. Nil for a job of no size.
    public static func wsjf(businessValue: Double, timeCriticality: Double, riskReduction: Double, jobSize: Double) -> Double? {
        guard jobSize > 0 else { return nil }
        return (businessValue + timeCriticality + riskReduction) / jobSize
    }
}
