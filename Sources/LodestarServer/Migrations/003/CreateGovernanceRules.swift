import Fluent
import Foundation
import LodestarCore

/// Tier rules, gate templates, decision rights and escalation rules, seeded with Lodestar's defaults
/// (decision rights name people, so they start empty).
struct CreateGovernanceRules: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("tier_rules")
            .entityColumns()
            .field("name", .string, .required)
            .field("tier", .string, .required)
            .field("min_budget", .double)
            .field("min_duration_days", .int)
            .field("min_risk_score", .int)
            .field("min_pools", .int)
            .field("min_criticality", .double)
            .field("match_all", .bool, .required)
            .field("rank", .int, .required)
            .create()
        try await database.schema("gate_templates")
            .entityColumns()
            .field("tier", .string, .required)
            .field("gate", .string, .required)
            .field("evidence", .string, .required)
            .field("fast_track_allowed", .bool, .required)
            .create()
        try await database.createIndex(on: "gate_templates", "tier", "gate", unique: true)
        try await database.schema("decision_rights")
            .entityColumns()
            .field("decision_type", .string, .required)
            .field("tier", .string)
            .field("max_amount", .double)
            .field("decider_id", .uuid, .required, .references("users", "id"))
            .field("body", .string, .required)
            .create()
        try await database.createIndex(on: "decision_rights", "decision_type")
        try await database.schema("escalation_rules")
            .entityColumns()
            .field("name", .string, .required)
            .field("trigger", .string, .required)
            .field("threshold", .int, .required)
            .field("target_level", .string, .required)
            .field("kinds", .string, .required)
            .field("active", .bool, .required)
            .create()

        for rule in TierRule.defaults { try await TierRuleModel(Record(id: UUID(), fields: rule)).create(on: database) }
        for template in GateTemplate.defaults { try await GateTemplateModel(Record(id: UUID(), fields: template)).create(on: database) }
        for rule in EscalationRule.defaults { try await EscalationRuleModel(Record(id: UUID(), fields: rule)).create(on: database) }
    }

    func revert(on database: any Database) async throws {
        for table in ["escalation_rules", "decision_rights", "gate_templates", "tier_rules"] { try await database.schema(table).delete() }
    }
}
