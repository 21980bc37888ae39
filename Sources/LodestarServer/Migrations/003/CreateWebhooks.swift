import Fluent

/// Outgoing webhooks and their delivery outbox. The unique (webhook, event key) pair is what makes
/// an event go out at most once per webhook, whichever instance enqueues it.
struct CreateWebhooks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("webhooks")
            .entityColumns()
            .field("url", .string, .required)
            .field("secret", .string, .required)
            .field("events", .string, .required)
            .field("active", .bool, .required)
            .field("description", .string, .required)
            .create()
        try await database.schema("webhook_deliveries")
            .id()
            .field("webhook_id", .uuid, .required, .references("webhooks", "id", onDelete: .cascade))
            .field("event", .string, .required)
            .field("event_key", .string, .required)
            .field("payload", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            // Seconds since 1970 as numbers: compared in SQL the same way on both databases.
            .field("next_attempt_at", .double, .required)
            .field("claimed_by", .string)
            .field("claimed_until", .double)
            .field("response_status", .int)
            .field("last_error", .string)
            .field("created_at", .double, .required)
            .field("delivered_at", .double)
            .create()
        try await database.createIndex(on: "webhook_deliveries", "webhook_id", "event_key", unique: true)
        try await database.createIndex(on: "webhook_deliveries", "status", "next_attempt_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("webhook_deliveries").delete()
        try await database.schema("webhooks").delete()
    }
}
