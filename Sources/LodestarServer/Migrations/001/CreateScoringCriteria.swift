import Fluent

struct CreateScoringCriteria: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("scoring_criteria")
            .entityColumns()
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("weight", .double, .required)
            .field("scale_min", .double, .required)
            .field("scale_max", .double, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("scoring_criteria").delete()
    }
}
