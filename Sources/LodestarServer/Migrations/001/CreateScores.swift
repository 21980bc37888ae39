import Fluent

struct CreateScores: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("scores")
            .entityColumns()
            .field("initiative_id", .uuid, .required, .references("initiatives", "id", onDelete: .cascade))
            .field("criterion_id", .uuid, .required, .references("scoring_criteria", "id", onDelete: .restrict))
            .field("value", .double, .required)
            .field("rationale", .string, .required)
            .unique(on: "initiative_id", "criterion_id")
            .create()
        try await database.createIndex(on: "scores", "initiative_id")
        try await database.createIndex(on: "scores", "criterion_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("scores").delete()
    }
}
