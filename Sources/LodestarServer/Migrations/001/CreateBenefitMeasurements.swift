import Fluent

struct CreateBenefitMeasurements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("benefit_measurements")
            .entityColumns()
            .field("benefit_id", .uuid, .required, .references("benefits", "id", onDelete: .cascade))
            .field("measured_on", .string, .required)
            .field("value", .double, .required)
            .field("note", .string, .required)
            .create()
        try await database.createIndex(on: "benefit_measurements", "benefit_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("benefit_measurements").delete()
    }
}
