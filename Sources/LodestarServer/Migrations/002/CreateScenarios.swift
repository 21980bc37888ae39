import Fluent

struct CreateScenarios: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("scenarios")
            .entityColumns()
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("cycle_id", .uuid, .references("planning_cycles", "id", onDelete: .setNull))
            .field("scoring_model_id", .uuid, .references("scoring_models", "id", onDelete: .setNull))
            .field("first_quarter", .string, .required)
            .field("quarters", .int, .required)
            .field("changes", .string, .required)
            .unique(on: "name")
            .create()
        try await database.createIndex(on: "scenarios", "cycle_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("scenarios").delete()
    }
}
