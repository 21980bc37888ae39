import Fluent

struct CreatePMOKPIs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pmo_kpis")
            .entityColumns()
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("unit", .string, .required)
            .field("direction", .string, .required)
            .field("target", .double, .required)
            .field("service_id", .uuid, .references("pmo_services", "id", onDelete: .setNull))
            .field("source", .string, .required)
            .create()
        try await database.createIndex(on: "pmo_kpis", "service_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pmo_kpis").delete()
    }
}
