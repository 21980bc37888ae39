import Fluent
import SQLKit

/// An index on (version, updated_at) of every versioned table, which holds all a `TableFingerprint`
/// reads: its count, sum and maximum come from the index instead of a scan of the table. The
/// fingerprint is read on every list request and every cached answer; on the 10,000-initiative demo the
/// index is 172 KiB against the table's 4 MiB, and reading the table was most of a list request's CPU.
struct CreateFingerprintIndexes: AsyncMigration {
    /// The versioned tables when this migration shipped.
    static let tables = [
        "users", "objectives", "initiatives", "alignments", "resource_pools", "pool_capacities", "demands", "dependencies",
        "milestones", "status_updates", "raid_items", "decisions", "benefits", "benefit_measurements", "scoring_models",
        "scoring_criteria", "scores", "planning_cycles", "scenarios", "tier_rules", "gate_templates", "decision_rights",
        "escalation_rules", "gate_reviews", "webhooks", "health_thresholds", "pmo_problems", "pmo_services", "pmo_kpis",
        "pmo_kpi_measurements", "pmo_improvements", "pmo_maturity_assessments", "surveys", "survey_waves", "redmine_connections",
    ]

    func prepare(on database: any Database) async throws {
        for table in Self.tables { try await database.createIndex(on: table, "version", "updated_at") }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for table in Self.tables { try await sql.drop(index: "idx_\(table)_version_updated_at").run() }
    }
}
