import Fluent

/// The PMO's thresholds for the named health rules; a rule without a row uses its default.
struct CreateHealthThresholds: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("health_thresholds")
            .id()
            .field("rule", .string, .required)
            .field("amber", .double, .required)
            .field("red", .double, .required)
            .field("version", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "rule")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("health_thresholds").delete()
    }
}
