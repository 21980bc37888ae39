import Fluent

struct CreateObjectives: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("objectives")
            .entityColumns()
            .field("parent_id", .uuid, .references("objectives", "id"))
            .field("level", .string, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("owner_id", .uuid, .references("users", "id"))
            .field("weight", .double, .required)
            .field("horizon", .string)
            .field("stage", .string, .required)
            .create()
        try await database.createIndex(on: "objectives", "parent_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("objectives").delete()
    }
}
