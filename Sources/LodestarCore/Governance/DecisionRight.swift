import Foundation

/// Who decides what: decisions of a type (for a tier, up to an amount) go to one decider, who may
/// chair a forum (`body`, e.g. "Investment board").
public struct DecisionRight: EntityFields {
    public var decisionType: DecisionType
    /// nil: any tier, and portfolio-level decisions.
    public var tier: GovernanceTier?
    /// nil: no upper limit.
    public var maxAmount: Double?
    public var deciderID: UUID
    /// The forum the decider chairs; empty for a single approver.
    public var body: String

    public init(decisionType: DecisionType, tier: GovernanceTier? = nil, maxAmount: Double? = nil, deciderID: UUID, body: String = "") {
        self.decisionType = decisionType
        self.tier = tier
        self.maxAmount = maxAmount
        self.deciderID = deciderID
        self.body = body
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        if let maxAmount { checks.nonNegative(maxAmount, "maxAmount") }
        checks.text(body, "body", required: false, maxLength: 120)
        return checks.issues
    }
}

/// Routes a decision to its maker by the decision rights.
public enum DecisionRouting {
    public struct Route: Sendable, Equatable {
        public var rightID: UUID
        public var deciderID: UUID
        public var body: String
        public var explanation: String
    }

    /// The most specific right that covers the decision: a right for its tier beats one for any tier,
    /// then the lowest amount limit that still covers the amount (no amount counts as zero). nil when
    /// no right covers it.
    public static func route(
        type: DecisionType, tier: GovernanceTier?, amount: Double?, rights: [Record<DecisionRight>]
    ) -> Route? {
        let value = amount ?? 0
        let covering = rights.filter { right in
            right.decisionType == type
                && (right.tier == nil || right.tier == tier)
                && (right.maxAmount.map { value <= $0 } ?? true)
        }
        let best = covering.min { a, b in
            let aSpecific = a.tier == nil ? 1 : 0, bSpecific = b.tier == nil ? 1 : 0
            let aLimit = a.maxAmount ?? .infinity, bLimit = b.maxAmount ?? .infinity
            return (aSpecific, aLimit, a.id.uuidString) < (bSpecific, bLimit, b.id.uuidString)
        }
        guard let best else { return nil }
        var scope = ["\(type.label) decisions"]
        scope.append(best.tier.map { "for \($0.label.lowercased())-tier work" } ?? "for any tier")
        if let limit = best.maxAmount { scope.append("up to \(limit.plainText)") }
        let forum = best.body.isEmpty ? "" : " (\(best.body))"
        return Route(rightID: best.id, deciderID: best.deciderID, body: best.body,
                     explanation: "Decision right: " + scope.joined(separator: " ") + forum + ".")
    }
}
