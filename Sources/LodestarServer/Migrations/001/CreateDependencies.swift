import Fluent

struct CreateDependencies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("dependencies")
            .entityColumns()
            .field("predecessor_id", .uuid, .required, .references("initiatives", "id", onDelete: .cascade))
            .field("successor_id", .uuid, .required, .references("initiatives", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .unique(on: "predecessor_id", "successor_id")
            .create()
        try await database.createIndex(on: "dependencies", "predecessor_id")
        try await database.createIndex(on: "dependencies", "successor_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dependencies").delete()
    }
}
