import Foundation

/// A request to pass a gate: the evidence it was checked against, and the decision it became.
public struct GateReview: Sendable, Equatable, Codable {
    public var initiativeID: UUID
    public var gate: Gate
    public var tier: GovernanceTier
    public var requestedBy: UUID?
    public var requestedOn: Day
    public var attested: [EvidenceKind]
    public var decisionID: UUID?
    public var status: GateReviewStatus
    public var conditions: String
    public var fastTracked: Bool
    public var decidedOn: Day?

    public init(
        initiativeID: UUID, gate: Gate, tier: GovernanceTier, requestedBy: UUID?, requestedOn: Day, attested: [EvidenceKind],
        decisionID: UUID?, status: GateReviewStatus = .pending, conditions: String = "", fastTracked: Bool = false, decidedOn: Day? = nil
    ) {
        self.initiativeID = initiativeID
        self.gate = gate
        self.tier = tier
        self.requestedBy = requestedBy
        self.requestedOn = requestedOn
        self.attested = attested
        self.decisionID = decisionID
        self.status = status
        self.conditions = conditions
        self.fastTracked = fastTracked
        self.decidedOn = decidedOn
    }
}

/// One move of a RAID item between escalation levels: who or which rule moved it, and why.
public struct EscalationRecord: Sendable, Equatable, Codable {
    public var itemID: UUID
    public var from: EscalationLevel
    public var to: EscalationLevel
    public var direction: EscalationDirection
    public var ruleID: UUID?
    public var reason: String
    /// nil: moved by an escalation rule.
    public var actorID: UUID?
    public var occurredOn: Day

    public init(
        itemID: UUID, from: EscalationLevel, to: EscalationLevel, ruleID: UUID?, reason: String, actorID: UUID?, occurredOn: Day
    ) {
        self.itemID = itemID
        self.from = from
        self.to = to
        direction = to.rank > from.rank ? .escalated : .deEscalated
        self.ruleID = ruleID
        self.reason = reason
        self.actorID = actorID
        self.occurredOn = occurredOn
    }
}
