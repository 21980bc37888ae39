import Fluent
import LodestarCore
import Vapor

/// What `lodestar governance` does, behind a plain Swift API.
public enum GovernanceCommands {
    /// Runs the periodic governance work once and says what it did.
    public static func run(_ config: AppConfig, now: Date = Date()) async throws -> String {
        let summary = try await Commands.withDatabase(config) { app in try await GovernanceJobs.runAll(app: app, now: now) }
        return "Escalated \(summary.escalated) RAID item(s); \(summary.overdueDecisions) decision(s) overdue; webhook deliveries: "
            + "\(summary.deliveries.delivered) delivered, \(summary.deliveries.retrying) to retry, \(summary.deliveries.failed) failed."
    }

    /// Decision latency and the escalation history, for the closing note of a demo and for reports.
    public static func report(_ config: AppConfig, today: Day = Day.today()) async throws -> String {
        try await Commands.withDatabase(config) { app in
            let latency = try await DecisionService.latency(on: app.db, today: today)
            func line(_ group: DecisionLatency.Group) -> String {
                "  \(group.key.padding(toLength: 14, withPad: " ", startingAt: 0)) n=\(group.figures.count)  median \(format(group.figures.medianDays)) d  p90 \(format(group.figures.p90Days)) d"
            }
            var lines = ["Decision latency (request → decision)"]
            if let overall = latency.overall {
                lines.append("  overall        n=\(overall.count)  median \(format(overall.medianDays)) d  p90 \(format(overall.p90Days)) d")
            }
            lines.append("By type:")
            lines += latency.byType.map(line)
            lines.append("By tier:")
            lines += latency.byTier.map(line)
            lines.append("By month (last 6):")
            lines += latency.byMonth.suffix(6).map(line)
            lines.append("Trend: \(latency.trend.direction.rawValue), slope \(latency.trend.slopeDaysPerMonth.map(format) ?? "—") d/month; pending \(latency.pending), overdue \(latency.overdue)")
            let history = try await EscalationRecordModel.query(on: app.db).all()
            let byRules = history.filter { $0.ruleID != nil && $0.direction == EscalationDirection.escalated.rawValue }
            lines.append("Escalations: \(history.count) recorded, \(byRules.count) by the rules")
            for (rule, records) in Dictionary(grouping: byRules, by: \.actor).sorted(by: { $0.key < $1.key }) {
                let levels = Dictionary(grouping: records, by: \.toLevel).map { "\($0.value.count) to \($0.key)" }.sorted().joined(separator: ", ")
                lines.append("  \(rule): \(levels)")
            }
            return lines.joined(separator: "\n")
        }
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
