import Fluent

struct CreateBenefits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("benefits")
            .entityColumns()
            .field("initiative_id", .uuid, .references("initiatives", "id", onDelete: .cascade))
            .field("objective_id", .uuid, .references("objectives", "id", onDelete: .restrict))
            .field("name", .string, .required)
            .field("unit", .string, .required)
            .field("baseline", .double, .required)
            .field("target", .double, .required)
            .field("target_date", .string)
            .field("direction", .string, .required)
            .create()
        try await database.createIndex(on: "benefits", "initiative_id")
        try await database.createIndex(on: "benefits", "objective_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("benefits").delete()
    }
}
