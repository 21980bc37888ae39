import Fluent

struct CreateResourcePools: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("resource_pools")
            .entityColumns()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("cost_rate", .double, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("resource_pools").delete()
    }
}
