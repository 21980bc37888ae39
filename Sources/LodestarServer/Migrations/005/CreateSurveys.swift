import Fluent

struct CreateSurveys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("surveys")
            .entityColumns()
            .field("title", .string, .required)
            .field("introduction", .string, .required)
            .field("questions", .string, .required)
            .field("stakeholder_groups", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("surveys").delete()
    }
}
