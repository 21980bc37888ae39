import Fluent

/// One row per (job, slot) run. The unique pair is the claim: of several instances on one database,
/// only the one whose insert succeeds runs the slot.
struct CreateJobRuns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("job_runs")
            .id()
            .field("job", .string, .required)
            .field("slot", .string, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("claimed_at", .datetime, .required)
            .field("finished_at", .datetime)
            .field("next_attempt_at", .datetime)
            .field("error", .string)
            .field("instance", .string, .required)
            .unique(on: "job", "slot")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("job_runs").delete()
    }
}
