import Fluent
import LodestarCore
import Vapor

// The PMO's governance configuration: tier rules, gate templates, decision rights and escalation
// rules. Each is an ordinary portfolio record with the full API contract; only admin and pmo write.

final class TierRuleModel: EntityModel, @unchecked Sendable {
    static let schema = "tier_rules"
    static let resource = ResourceInfo(path: "tier-rules", singular: "tier rule", plural: "tier rules", schemaName: "TierRule")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        filters: [.vocabulary("tier", "tier", GovernanceTier.self)],
        sorts: ["name": "name", "tier": "tier", "rank": "rank", "updatedAt": "updated_at"], defaultSort: "rank", searchKey: "name")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "name") var name: String
    @Field(key: "tier") var tier: String
    @OptionalField(key: "min_budget") var minBudget: Double?
    @OptionalField(key: "min_duration_days") var minDurationDays: Int?
    @OptionalField(key: "min_risk_score") var minRiskScore: Int?
    @OptionalField(key: "min_pools") var minPools: Int?
    @OptionalField(key: "min_criticality") var minCriticality: Double?
    @Field(key: "match_all") var matchAll: Bool
    @Field(key: "rank") var rank: Int

    init() {}

    var fields: TierRule {
        TierRule(name: name, tier: .stored(tier), minBudget: minBudget, minDurationDays: minDurationDays, minRiskScore: minRiskScore,
                 minPools: minPools, minCriticality: minCriticality, matchAll: matchAll, rank: rank)
    }

    func apply(_ fields: TierRule) {
        name = fields.name
        tier = fields.tier.rawValue
        minBudget = fields.minBudget
        minDurationDays = fields.minDurationDays
        minRiskScore = fields.minRiskScore
        minPools = fields.minPools
        minCriticality = fields.minCriticality
        matchAll = fields.matchAll
        rank = fields.rank
    }

    static func references(in fields: TierRule) -> [EntityReference] { [] }
}

final class GateTemplateModel: EntityModel, @unchecked Sendable {
    static let schema = "gate_templates"
    static let resource = ResourceInfo(path: "gate-templates", singular: "gate template", plural: "gate templates", schemaName: "GateTemplate")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        filters: [.vocabulary("tier", "tier", GovernanceTier.self), .vocabulary("gate", "gate", Gate.self)],
        sorts: ["tier": "tier", "gate": "gate", "updatedAt": "updated_at"], defaultSort: "tier")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "tier") var tier: String
    @Field(key: "gate") var gate: String
    /// A JSON array of evidence kinds.
    @Field(key: "evidence") var evidence: String
    @Field(key: "fast_track_allowed") var fastTrackAllowed: Bool

    init() {}

    var fields: GateTemplate {
        GateTemplate(tier: .stored(tier), gate: .stored(gate), evidence: StoredJSON.decode([EvidenceKind].self, evidence, fallback: []),
                     fastTrackAllowed: fastTrackAllowed)
    }

    func apply(_ fields: GateTemplate) {
        tier = fields.tier.rawValue
        gate = fields.gate.rawValue
        evidence = StoredJSON.encode(fields.evidence)
        fastTrackAllowed = fields.fastTrackAllowed
    }

    static func references(in fields: GateTemplate) -> [EntityReference] { [] }

    /// One template per tier and gate, so a gate's requirements are never ambiguous.
    static func check(_ fields: GateTemplate, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        let clash = try await query(on: database).filter(\.$tier == fields.tier.rawValue).filter(\.$gate == fields.gate.rawValue).all()
            .contains { $0.id != id }
        return clash ? [FieldIssue("gate", "the \(fields.tier.rawValue) tier already has a template for the \(fields.gate.rawValue) gate")] : []
    }
}

final class DecisionRightModel: EntityModel, @unchecked Sendable {
    static let schema = "decision_rights"
    static let resource = ResourceInfo(path: "decision-rights", singular: "decision right", plural: "decision rights", schemaName: "DecisionRight")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        filters: [.vocabulary("decisionType", "decision_type", DecisionType.self), .id("deciderID", "decider_id")],
        sorts: ["decisionType": "decision_type", "tier": "tier", "maxAmount": "max_amount", "updatedAt": "updated_at"],
        defaultSort: "decisionType")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "decision_type") var decisionType: String
    @OptionalField(key: "tier") var tier: String?
    @OptionalField(key: "max_amount") var maxAmount: Double?
    @Field(key: "decider_id") var deciderID: UUID
    @Field(key: "body") var body: String

    init() {}

    var fields: DecisionRight {
        DecisionRight(decisionType: .stored(decisionType), tier: .stored(tier), maxAmount: maxAmount, deciderID: deciderID, body: body)
    }

    func apply(_ fields: DecisionRight) {
        decisionType = fields.decisionType.rawValue
        tier = fields.tier?.rawValue
        maxAmount = fields.maxAmount
        deciderID = fields.deciderID
        body = fields.body
    }

    static func references(in fields: DecisionRight) -> [EntityReference] {
        [EntityReference("deciderID", fields.deciderID, UserModel.self, what: "user")]
    }
}

final class EscalationRuleModel: EntityModel, @unchecked Sendable {
    static let schema = "escalation_rules"
    static let resource = ResourceInfo(path: "escalation-rules", singular: "escalation rule", plural: "escalation rules", schemaName: "EscalationRule")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        filters: [.vocabulary("trigger", "trigger", EscalationTrigger.self), .vocabulary("targetLevel", "target_level", EscalationLevel.self)],
        sorts: ["name": "name", "trigger": "trigger", "threshold": "threshold", "updatedAt": "updated_at"], defaultSort: "name", searchKey: "name")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "name") var name: String
    @Field(key: "trigger") var trigger: String
    @Field(key: "threshold") var threshold: Int
    @Field(key: "target_level") var targetLevel: String
    /// A JSON array of RAID kinds; empty for every kind.
    @Field(key: "kinds") var kinds: String
    @Field(key: "active") var active: Bool

    init() {}

    var fields: EscalationRule {
        EscalationRule(name: name, trigger: .stored(trigger), threshold: threshold, targetLevel: .stored(targetLevel),
                       kinds: StoredJSON.decode([RAIDKind].self, kinds, fallback: []), active: active)
    }

    func apply(_ fields: EscalationRule) {
        name = fields.name
        trigger = fields.trigger.rawValue
        threshold = fields.threshold
        targetLevel = fields.targetLevel.rawValue
        kinds = StoredJSON.encode(fields.kinds)
        active = fields.active
    }

    static func references(in fields: EscalationRule) -> [EntityReference] { [] }
}
