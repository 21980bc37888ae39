import Fluent

struct CreateScenarioRuns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("scenario_runs")
            .id()
            .field("scenario_id", .uuid, .required, .references("scenarios", "id", onDelete: .cascade))
            .field("scenario_version", .int, .required)
            .field("run_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("ran_at", .datetime)
            .field("outcome", .string, .required)
            .field("promoted_at", .datetime)
            .field("decision_id", .uuid, .references("decisions", "id", onDelete: .setNull))
            .create()
        try await database.createIndex(on: "scenario_runs", "scenario_id", "ran_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("scenario_runs").delete()
    }
}
