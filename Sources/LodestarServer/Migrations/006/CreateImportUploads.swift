import Fluent

/// A file uploaded on the import page between its preview and its commit. Kept in the database, not
/// in one server's memory or disk, so the commit may reach any instance behind a load balancer.
struct CreateImportUploads: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("import_uploads")
            .id()
            .field("created_at", .datetime, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("format", .string, .required)
            .field("file_name", .string, .required)
            .field("options", .string, .required)
            .field("content", .data, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("import_uploads").delete()
    }
}
