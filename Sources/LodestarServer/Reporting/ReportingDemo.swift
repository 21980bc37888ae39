import Fluent
import LodestarCore

/// Demo data for reporting: the status reports the scheduler would have built for the last two
/// periods, so a fresh demo shows reports and the changes between them.
enum ReportingDemo {
    static func seed(into database: any Database, today: Day = Day.today()) async throws {
        let current = StatusReports.cadence.period(containing: today)
        let previous = StatusReports.cadence.period(containing: current.start.adding(days: -1))
        let earlier = StatusReports.cadence.period(containing: previous.start.adding(days: -1))
        for period in [earlier, previous] {
            _ = try await StatusReports.build(period: period, by: "scheduler", today: today, on: database)
        }
    }
}
