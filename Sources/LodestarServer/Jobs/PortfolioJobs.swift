import Foundation
import LodestarCore
import Vapor

/// The periodic work of the features that have some, on the shared scheduler: each slot runs once
/// across all instances.
enum PortfolioJobs {
    /// Escalation rules, overdue decisions and webhook deliveries, every five minutes.
    static let governance = ScheduledJob(name: "governance", slot: { now in fiveMinuteSlot(now) }, run: { app, _ in
        _ = try await GovernanceJobs.runAll(app: app)
    })

    /// The PMO's computed KPIs, once a day (recomputing a day replaces that day's values).
    static let kpis = ScheduledJob(name: "kpi-computation", slot: { now in Day(now).description }, run: { app, slot in
        _ = try await KPIComputation.run(app: app, asOf: Day(slot) ?? Day.today())
    })

    static func register(on app: Application) {
        app.jobs.register(governance)
        app.jobs.register(kpis)
    }

    /// `2026-11-22T01:35` for every instant from 01:35:00 to 01:39:59 UTC.
    static func fiveMinuteSlot(_ now: Date) -> String {
        let seconds = Int(now.timeIntervalSince1970)
        let start = Date(timeIntervalSince1970: TimeInterval(seconds - seconds % 300))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        return String(formatter.string(from: start).prefix(16))
    }
}
