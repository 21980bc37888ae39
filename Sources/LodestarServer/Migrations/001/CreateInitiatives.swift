import Fluent

struct CreateInitiatives: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("initiatives")
            .entityColumns()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("kind", .string, .required)
            .field("owner_id", .uuid, .references("users", "id"))
            .field("sponsor_id", .uuid, .references("users", "id"))
            .field("status", .string, .required)
            .field("tier", .string, .required)
            .field("current_gate", .string, .required)
            .field("planned_start", .string)
            .field("planned_finish", .string)
            .field("baseline_start", .string)
            .field("baseline_finish", .string)
            .field("capex_budget", .double, .required)
            .field("opex_budget", .double, .required)
            .field("total_budget", .double, .required)
            .field("actual_cost", .double, .required)
            .field("health_override", .string)
            .field("health_override_reason", .string)
            .field("external_source", .string)
            .field("external_id", .string)
            .unique(on: "code")
            .create()
        try await database.createIndex(on: "initiatives", "status")
        try await database.createIndex(on: "initiatives", "owner_id")
        try await database.createIndex(on: "initiatives", "name")
        try await database.createIndex(on: "initiatives", "external_source", "external_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("initiatives").delete()
    }
}
