import Fluent

struct CreateDemands: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("demands")
            .entityColumns()
            .field("initiative_id", .uuid, .required, .references("initiatives", "id", onDelete: .cascade))
            .field("pool_id", .uuid, .required, .references("resource_pools", "id", onDelete: .restrict))
            .field("period", .string, .required)
            .field("fte", .double, .required)
            .unique(on: "initiative_id", "pool_id", "period")
            .create()
        try await database.createIndex(on: "demands", "initiative_id")
        try await database.createIndex(on: "demands", "pool_id")
        // The capacity view sums demand per pool per period.
        try await database.createIndex(on: "demands", "pool_id", "period")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("demands").delete()
    }
}
