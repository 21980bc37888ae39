import Fluent

struct CreateForecastChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("milestone_forecast_changes")
            .id()
            .field("milestone_id", .uuid, .required, .references("milestones", "id", onDelete: .cascade))
            .field("changed_on", .string, .required)
            .field("previous_date", .string)
            .field("new_date", .string, .required)
            .field("changed_by", .uuid)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex(on: "milestone_forecast_changes", "milestone_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("milestone_forecast_changes").delete()
    }
}
