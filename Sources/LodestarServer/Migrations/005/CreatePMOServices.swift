import Fluent

struct CreatePMOServices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pmo_services")
            .entityColumns()
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("problem_ids", .string, .required)
            .field("executive_question", .string, .required)
            .field("owner_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("service_level", .string, .required)
            .create()
        try await database.createIndex(on: "pmo_services", "owner_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pmo_services").delete()
    }
}
