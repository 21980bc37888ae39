import Fluent

struct CreateSurveyWaves: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("survey_waves")
            .entityColumns()
            .field("survey_id", .uuid, .required, .references("surveys", "id", onDelete: .restrict))
            .field("name", .string, .required)
            .field("opens_on", .string, .required)
            .field("closes_on", .string, .required)
            .create()
        try await database.createIndex(on: "survey_waves", "survey_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("survey_waves").delete()
    }
}
