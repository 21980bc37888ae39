import Foundation
import LodestarCore
import Vapor

/// The periodic work of the features that have some, on the shared scheduler: each slot runs once
/// across all instances.
enum PortfolioJobs {
    /// Escalation rules, overdue decisions and webhook deliveries, once per slot of `seconds`
    /// (five minutes unless `LODESTAR_GOVERNANCE_SECONDS` says otherwise).
    static func governance(every seconds: Int = 300) -> ScheduledJob {
        ScheduledJob(name: "governance", slot: { now in slot(now, every: seconds) }, run: { app, _ in
            _ = try await GovernanceJobs.runAll(app: app)
        })
    }

    /// The PMO's computed KPIs, once a day (recomputing a day replaces that day's values).
    static let kpis = ScheduledJob(name: "kpi-computation", slot: { now in Day(now).description }, run: { app, slot in
        _ = try await KPIComputation.run(app: app, asOf: Day(slot) ?? Day.today())
    })

    static func register(on app: Application) {
        app.jobs.register(governance(every: app.config.governanceInterval))
        app.jobs.register(kpis)
    }

    /// The start of the slot of `seconds` holding `now`: `2026-11-22T01:35:00` for every instant from
    /// 01:35:00 to 01:39:59 UTC with five-minute slots.
    static func slot(_ now: Date, every seconds: Int) -> String {
        let elapsed = Int(now.timeIntervalSince1970)
        let start = Date(timeIntervalSince1970: TimeInterval(elapsed - elapsed % max(1, seconds)))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        return formatter.string(from: start)
    }
}
