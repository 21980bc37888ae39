import Fluent

/// Built status reports, never updated: a rebuild of a period is a new row with the next version.
struct CreateStatusReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("status_reports")
            .id()
            .field("period_start", .string, .required)
            .field("period_end", .string, .required)
            .field("report_version", .int, .required)
            .field("generated_at", .datetime, .required)
            .field("generated_by", .string, .required)
            .field("content", .string, .required)
            .unique(on: "period_start", "report_version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("status_reports").delete()
    }
}
