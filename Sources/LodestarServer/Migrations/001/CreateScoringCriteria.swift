import Fluent

struct CreateScoringCriteria: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("scoring_criteria")
            .entityColumns()
            .field("model_id", .uuid, .required, .references("scoring_models", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("weight", .double, .required)
            .field("scale_min", .double, .required)
            .field("scale_max", .double, .required)
            .field("wsjf_component", .string)
            .unique(on: "model_id", "name")
            .create()
        try await database.createIndex(on: "scoring_criteria", "model_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("scoring_criteria").delete()
    }
}
