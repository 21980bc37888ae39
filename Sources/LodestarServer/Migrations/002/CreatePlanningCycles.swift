import Fluent

struct CreatePlanningCycles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("planning_cycles")
            .entityColumns()
            .field("name", .string, .required)
            .field("quarter", .string, .required)
            .field("status", .string, .required)
            .field("opened_on", .string, .required)
            .field("closed_on", .string)
            .field("decisions_summary", .string, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("planning_cycles").delete()
    }
}
