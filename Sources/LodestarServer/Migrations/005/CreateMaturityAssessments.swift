import Fluent

struct CreateMaturityAssessments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pmo_maturity_assessments")
            .entityColumns()
            .field("assessed_on", .string, .required)
            .field("summary", .string, .required)
            .field("ratings", .string, .required)
            .field("benchmark_source", .string, .required)
            .field("benchmark", .string, .required)
            .create()
        try await database.createIndex(on: "pmo_maturity_assessments", "assessed_on")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pmo_maturity_assessments").delete()
    }
}
