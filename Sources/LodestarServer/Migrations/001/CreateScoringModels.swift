import Fluent

struct CreateScoringModels: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("scoring_models")
            .entityColumns()
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("method", .string, .required)
            .field("is_default", .bool, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("scoring_models").delete()
    }
}
