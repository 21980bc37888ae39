import Fluent

/// Gate reviews, escalation history and tier overrides.
struct CreateGovernanceHistory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("gate_reviews")
            .entityColumns()
            .field("initiative_id", .uuid, .required, .references("initiatives", "id", onDelete: .cascade))
            .field("gate", .string, .required)
            .field("tier", .string, .required)
            .field("requested_by", .uuid, .references("users", "id"))
            .field("requested_on", .string, .required)
            .field("attested", .string, .required)
            // Restrict: the decision is governance history that outlives the review's screen.
            .field("decision_id", .uuid, .references("decisions", "id", onDelete: .restrict))
            .field("status", .string, .required)
            .field("conditions", .string, .required)
            .field("fast_tracked", .bool, .required)
            .field("decided_on", .string)
            .create()
        try await database.createIndex(on: "gate_reviews", "initiative_id")
        try await database.createIndex(on: "gate_reviews", "decision_id")

        try await database.schema("raid_escalations")
            .id()
            .field("raid_item_id", .uuid, .required, .references("raid_items", "id", onDelete: .cascade))
            .field("initiative_id", .uuid, .required)
            .field("from_level", .string, .required)
            .field("to_level", .string, .required)
            .field("direction", .string, .required)
            .field("rule_id", .uuid)
            .field("reason", .string, .required)
            .field("actor_id", .uuid)
            .field("actor", .string, .required)
            .field("occurred_on", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex(on: "raid_escalations", "raid_item_id")
        try await database.createIndex(on: "raid_escalations", "occurred_on")

        try await database.schema("tier_overrides")
            .id()
            .field("initiative_id", .uuid, .required, .references("initiatives", "id", onDelete: .cascade))
            .field("tier", .string, .required)
            .field("reason", .string, .required)
            .field("set_by", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex(on: "tier_overrides", "initiative_id", unique: true)
    }

    func revert(on database: any Database) async throws {
        for table in ["tier_overrides", "raid_escalations", "gate_reviews"] { try await database.schema(table).delete() }
    }
}
