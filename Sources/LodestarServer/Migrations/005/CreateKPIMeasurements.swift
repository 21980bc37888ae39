import Fluent

struct CreateKPIMeasurements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pmo_kpi_measurements")
            .entityColumns()
            .field("kpi_id", .uuid, .required, .references("pmo_kpis", "id", onDelete: .cascade))
            .field("measured_on", .string, .required)
            .field("value", .double, .required)
            .field("note", .string, .required)
            .create()
        // One value per KPI per day; also the index the trend reads by.
        try await database.createIndex(on: "pmo_kpi_measurements", "kpi_id", "measured_on", unique: true)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pmo_kpi_measurements").delete()
    }
}
