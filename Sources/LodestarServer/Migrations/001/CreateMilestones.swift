import Fluent

struct CreateMilestones: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("milestones")
            .entityColumns()
            .field("initiative_id", .uuid, .required, .references("initiatives", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("baseline_date", .string)
            .field("forecast_date", .string, .required)
            .field("actual_date", .string)
            .create()
        try await database.createIndex(on: "milestones", "initiative_id")
        try await database.createIndex(on: "milestones", "forecast_date")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("milestones").delete()
    }
}
