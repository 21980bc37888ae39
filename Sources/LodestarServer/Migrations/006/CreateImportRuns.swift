import Fluent

/// The history of committed imports and syncs: what came in, from where, by whom, with what result.
struct CreateImportRuns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("import_runs")
            .id()
            .field("occurred_at", .datetime, .required)
            .field("format", .string, .required)
            .field("file_name", .string, .required)
            .field("actor_email", .string, .required)
            .field("created", .int, .required)
            .field("updated", .int, .required)
            .field("unchanged", .int, .required)
            .field("skipped", .int, .required)
            .field("succeeded", .bool, .required)
            .field("message", .string, .required)
            .create()
        try await database.createIndex(on: "import_runs", "occurred_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("import_runs").delete()
    }
}
