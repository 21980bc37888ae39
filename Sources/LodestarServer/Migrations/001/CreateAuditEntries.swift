import Fluent

struct CreateAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .id()
            .field("occurred_at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_email", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .uuid, .required)
            .field("changes", .string, .required)
            .create()
        try await database.createIndex(on: "audit_entries", "entity", "entity_id")
        try await database.createIndex(on: "audit_entries", "occurred_at")
        try await database.createIndex(on: "audit_entries", "actor_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").delete()
    }
}
