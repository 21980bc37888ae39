import Fluent

struct CreateAlignments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("alignments")
            .entityColumns()
            .field("initiative_id", .uuid, .required, .references("initiatives", "id", onDelete: .cascade))
            .field("objective_id", .uuid, .required, .references("objectives", "id", onDelete: .restrict))
            .field("contribution", .double, .required)
            .unique(on: "initiative_id", "objective_id")
            .create()
        try await database.createIndex(on: "alignments", "initiative_id")
        try await database.createIndex(on: "alignments", "objective_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("alignments").delete()
    }
}
