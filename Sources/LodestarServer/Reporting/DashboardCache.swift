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
        // Forecast changes are only ever inserted.
        try await TableFingerprint.read(versioned: versioned, appendOnly: ["milestone_forecast_changes"], on: database)
            .map { "\(today)|\($0)" }
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
