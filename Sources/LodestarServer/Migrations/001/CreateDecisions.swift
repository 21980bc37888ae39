import Fluent

struct CreateDecisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("decisions")
            .entityColumns()
            .field("title", .string, .required)
            .field("context", .string, .required)
            .field("type", .string, .required)
            // Restrict, not cascade: a decision is governance history that outlives the work it was about.
            .field("initiative_id", .uuid, .references("initiatives", "id", onDelete: .restrict))
            .field("decision_maker_id", .uuid, .references("users", "id"))
            .field("options", .string, .required)
            .field("requested_on", .string, .required)
            .field("needed_by", .string)
            .field("decided_on", .string)
            .field("status", .string, .required)
            .field("outcome", .string, .required)
            .field("rationale", .string, .required)
            .create()
        try await database.createIndex(on: "decisions", "initiative_id")
        try await database.createIndex(on: "decisions", "decision_maker_id")
        try await database.createIndex(on: "decisions", "status")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("decisions").delete()
    }
}
