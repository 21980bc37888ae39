import Fluent
import Foundation
import LodestarCore
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Keeps the last dashboard computed by this instance with a fingerprint of the data it came from,
/// so a dashboard is recomputed only when a record changed (or the day did).
///
/// The fingerprint is read from the database on every request, so a change made through any
/// instance is seen by all; the cache is an optimisation no other instance depends on.
final class DashboardCache: Sendable {
    private let entry = NIOLockedValueBox<(key: String, dashboard: ExecutiveDashboard)?>(nil)

    /// Tables the dashboard reads. Every portfolio record carries a version that grows on each
    /// update; with the row count and the newest timestamp, any insert, update or delete moves the sum.
    static let versioned = [
        "objectives", "initiatives", "alignments", "resource_pools", "pool_capacities", "demands", "dependencies", "milestones",
        "status_updates", "raid_items", "decisions", "benefits", "benefit_measurements", "scoring_criteria", "scores",
        "health_thresholds",
    ]

    func dashboard(on database: any Database, today: Day, compute: () async throws -> ExecutiveDashboard) async throws -> ExecutiveDashboard {
        guard let key = try await Self.fingerprint(on: database, today: today) else { return try await compute() }
        if let cached = entry.withLockedValue({ $0 }), cached.key == key { return cached.dashboard }
        let dashboard = try await compute()
        entry.withLockedValue { $0 = (key, dashboard) }
        return dashboard
    }

    static func fingerprint(on database: any Database, today: Day) async throws -> String? {
        guard let sql = database as? any SQLDatabase else { return nil }
        var parts = versioned.map { table in
            "(SELECT COUNT(*) || ':' || COALESCE(SUM(version), 0) || ':' || COALESCE(CAST(MAX(updated_at) AS TEXT), '') FROM \(table))"
        }
        // Forecast changes are only ever inserted.
        parts.append("(SELECT COUNT(*) || '' FROM milestone_forecast_changes)")
        // Only the constant table names above are spliced in; nothing comes from a request.
        let row = try await sql.raw("SELECT \(unsafeRaw: parts.joined(separator: " || '|' || ")) AS fingerprint").first()
        guard let text = try row?.decode(column: "fingerprint", as: String.self) else { return nil }
        return "\(today)|\(text)"
    }
}

private struct DashboardCacheKey: StorageKey {
    typealias Value = DashboardCache
}

extension Application {
    var dashboardCache: DashboardCache {
        if let cache = storage[DashboardCacheKey.self] { return cache }
        let cache = DashboardCache()
        storage[DashboardCacheKey.self] = cache
        return cache
    }
}
