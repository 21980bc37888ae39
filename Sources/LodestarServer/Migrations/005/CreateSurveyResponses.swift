import Fluent

struct CreateSurveyResponses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // No timestamps and no invitation id: a response cannot be joined to the link that sent it.
        try await database.schema("survey_responses")
            .id()
            .field("wave_id", .uuid, .required, .references("survey_waves", "id", onDelete: .restrict))
            .field("stakeholder_group", .string, .required)
            .field("answers", .string, .required)
            .create()
        try await database.createIndex(on: "survey_responses", "wave_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("survey_responses").delete()
    }
}
