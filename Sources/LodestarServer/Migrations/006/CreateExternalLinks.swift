import Fluent

/// Which record an id in another system (an MS Project task, a Jira epic, a Redmine version) became,
/// so a re-import updates that record instead of duplicating it. One table serves every kind of
/// record, so entities need no import columns of their own.
struct CreateExternalLinks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("external_links")
            .id()
            .field("source", .string, .required)
            .field("entity", .string, .required)
            .field("external_id", .string, .required)
            .field("record_id", .uuid, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "source", "entity", "external_id")
            .create()
        try await database.createIndex(on: "external_links", "record_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("external_links").delete()
    }
}
