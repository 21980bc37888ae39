import Fluent

struct CreateSurveyInvitations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // No created_at / updated_at: when a link was used must not be recorded (see SurveyInvitationModel).
        try await database.schema("survey_invitations")
            .id()
            .field("wave_id", .uuid, .required, .references("survey_waves", "id", onDelete: .restrict))
            .field("stakeholder_group", .string, .required)
            .field("token_hash", .string, .required)
            .field("expires_on", .string, .required)
            .field("used", .bool, .required)
            .create()
        try await database.createIndex(on: "survey_invitations", "token_hash", unique: true)
        try await database.createIndex(on: "survey_invitations", "wave_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("survey_invitations").delete()
    }
}
