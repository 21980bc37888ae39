import Fluent
import LodestarCore
import Vapor

/// A gate review request and its outcome; its decision lives in the decision log.
final class GateReviewModel: Model, @unchecked Sendable {
    static let schema = "gate_reviews"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "initiative_id") var initiativeID: UUID
    @Field(key: "gate") var gate: String
    @Field(key: "tier") var tier: String
    @OptionalField(key: "requested_by") var requestedBy: UUID?
    @Field(key: "requested_on") var requestedOn: String
    /// A JSON array of the evidence kinds the requester attested.
    @Field(key: "attested") var attested: String
    @OptionalField(key: "decision_id") var decisionID: UUID?
    @Field(key: "status") var status: String
    @Field(key: "conditions") var conditions: String
    @Field(key: "fast_tracked") var fastTracked: Bool
    @OptionalField(key: "decided_on") var decidedOn: String?

    init() {}

    init(id: UUID? = nil, _ review: GateReview) {
        self.id = id
        version = 1
        initiativeID = review.initiativeID
        gate = review.gate.rawValue
        tier = review.tier.rawValue
        requestedBy = review.requestedBy
        requestedOn = review.requestedOn.description
        attested = StoredJSON.encode(review.attested)
        decisionID = review.decisionID
        status = review.status.rawValue
        conditions = review.conditions
        fastTracked = review.fastTracked
        decidedOn = review.decidedOn.storedText
    }

    var review: GateReview {
        GateReview(
            initiativeID: initiativeID, gate: .stored(gate), tier: .stored(tier), requestedBy: requestedBy, requestedOn: .stored(requestedOn),
            attested: StoredJSON.decode([EvidenceKind].self, attested, fallback: []), decisionID: decisionID, status: .stored(status),
            conditions: conditions, fastTracked: fastTracked, decidedOn: .stored(decidedOn))
    }
}

/// One move of a RAID item between escalation levels.
final class EscalationRecordModel: Model, @unchecked Sendable {
    static let schema = "raid_escalations"

    @ID(key: .id) var id: UUID?
    @Field(key: "raid_item_id") var raidItemID: UUID
    @Field(key: "initiative_id") var initiativeID: UUID
    @Field(key: "from_level") var fromLevel: String
    @Field(key: "to_level") var toLevel: String
    @Field(key: "direction") var direction: String
    @OptionalField(key: "rule_id") var ruleID: UUID?
    @Field(key: "reason") var reason: String
    @OptionalField(key: "actor_id") var actorID: UUID?
    /// Who, in words: a person's email, or the rule set for automatic escalations.
    @Field(key: "actor") var actor: String
    @Field(key: "occurred_on") var occurredOn: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(_ record: EscalationRecord, initiativeID: UUID, actor: String) {
        id = UUID()
        raidItemID = record.itemID
        self.initiativeID = initiativeID
        fromLevel = record.from.rawValue
        toLevel = record.to.rawValue
        direction = record.direction.rawValue
        ruleID = record.ruleID
        reason = record.reason
        actorID = record.actorID
        self.actor = actor
        occurredOn = record.occurredOn.description
    }

    var record: EscalationRecord {
        EscalationRecord(
            itemID: raidItemID, from: .stored(fromLevel), to: .stored(toLevel), ruleID: ruleID, reason: reason, actorID: actorID,
            occurredOn: .stored(occurredOn))
    }
}

/// A PMO's override of an initiative's derived tier, with the reason that justifies it.
final class TierOverrideModel: Model, @unchecked Sendable {
    static let schema = "tier_overrides"

    @ID(key: .id) var id: UUID?
    @Field(key: "initiative_id") var initiativeID: UUID
    @Field(key: "tier") var tier: String
    @Field(key: "reason") var reason: String
    @Field(key: "set_by") var setBy: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
