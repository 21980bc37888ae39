import Fluent

struct CreatePoolCapacities: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pool_capacities")
            .entityColumns()
            .field("pool_id", .uuid, .required, .references("resource_pools", "id", onDelete: .restrict))
            .field("period", .string, .required)
            .field("fte", .double, .required)
            .unique(on: "pool_id", "period")
            .create()
        try await database.createIndex(on: "pool_capacities", "pool_id")
        try await database.createIndex(on: "pool_capacities", "period")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pool_capacities").delete()
    }
}
