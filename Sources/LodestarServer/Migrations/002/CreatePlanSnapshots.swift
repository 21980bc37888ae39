import Fluent

struct CreatePlanSnapshots: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("plan_snapshots")
            .id()
            .field("cycle_id", .uuid, .required, .references("planning_cycles", "id", onDelete: .cascade))
            .field("taken_at", .datetime)
            .field("snapshot", .string, .required)
            .unique(on: "cycle_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plan_snapshots").delete()
    }
}
