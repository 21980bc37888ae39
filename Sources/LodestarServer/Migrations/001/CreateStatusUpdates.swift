import Fluent

struct CreateStatusUpdates: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("status_updates")
            .entityColumns()
            .field("initiative_id", .uuid, .required, .references("initiatives", "id", onDelete: .cascade))
            .field("period_start", .string, .required)
            .field("overall", .string, .required)
            .field("schedule", .string, .required)
            .field("cost", .string, .required)
            .field("scope", .string, .required)
            .field("risk", .string, .required)
            .field("benefits", .string, .required)
            .field("summary", .string, .required)
            .field("accomplishments", .string, .required)
            .field("next_steps", .string, .required)
            .field("blockers", .string, .required)
            .unique(on: "initiative_id", "period_start")
            .create()
        try await database.createIndex(on: "status_updates", "initiative_id")
        try await database.createIndex(on: "status_updates", "period_start")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("status_updates").delete()
    }
}
