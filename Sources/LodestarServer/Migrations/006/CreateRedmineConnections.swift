import Fluent

/// The Redmine server Lodestar syncs from; its API key is stored sealed (AES-GCM), never in clear.
struct CreateRedmineConnections: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("redmine_connections")
            .id()
            .field("version", .int, .required)
            .field("url", .string, .required)
            .field("api_key_sealed", .string, .required)
            .field("last_synced_at", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("redmine_connections").delete()
    }
}
