import Fluent

struct CreateImprovementItems: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pmo_improvements")
            .entityColumns()
            .field("title", .string, .required)
            .field("pain_point", .string, .required)
            .field("hypothesis", .string, .required)
            .field("metric", .string, .required)
            .field("before_value", .double)
            .field("after_value", .double)
            .field("direction", .string, .required)
            .field("status", .string, .required)
            .field("owner_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("started_on", .string)
            .field("completed_on", .string)
            .field("evidence", .string, .required)
            .create()
        try await database.createIndex(on: "pmo_improvements", "status")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pmo_improvements").delete()
    }
}
