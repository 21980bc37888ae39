import Fluent

struct CreateRAIDItems: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("raid_items")
            .entityColumns()
            .field("initiative_id", .uuid, .required, .references("initiatives", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("probability", .int, .required)
            .field("impact", .int, .required)
            .field("score", .int, .required)
            .field("owner_id", .uuid, .references("users", "id"))
            .field("mitigation", .string, .required)
            .field("due_date", .string)
            .field("status", .string, .required)
            .field("escalation_level", .string, .required)
            .field("category", .string, .required)
            .create()
        try await database.createIndex(on: "raid_items", "initiative_id")
        try await database.createIndex(on: "raid_items", "owner_id")
        try await database.createIndex(on: "raid_items", "status", "escalation_level")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("raid_items").delete()
    }
}
