import Fluent

struct CreatePMOProblems: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pmo_problems")
            .entityColumns()
            .field("statement", .string, .required)
            .field("symptoms", .string, .required)
            .field("evidence_metric", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pmo_problems").delete()
    }
}
