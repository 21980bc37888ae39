import Fluent
import LodestarCore
import Vapor

/// Builds, stores and finds status reports. Each build is a new immutable version of its period's report.
enum StatusReports {
    static let cadence = ReportingCadence.biweekly
    static let jobName = "status-report"

    /// The scheduled job: when a period ends, its report is built (once, whichever instance claims it).
    static var job: ScheduledJob {
        ScheduledJob(name: jobName, slot: { now in
            let ended = cadence.period(containing: Day(now)).start.adding(days: -1)
            return cadence.period(containing: ended).start.description
        }, run: { app, slot in
            guard let start = Day(slot) else { return }
            let period = cadence.period(containing: start)
            // A report someone built on demand after the period ended already is its final version.
            if let stored = try await latest(periodStart: period.start, on: app.db), isFinal(stored) { return }
            _ = try await build(period: period, by: "scheduler", on: app.db)
        })
    }

    /// Builds the report of `period` from the data as it is now (read as of the period's end when it has ended).
    static func build(period: ReportingPeriod, by author: String, today: Day = Day.today(), on database: any Database) async throws -> StatusReportModel {
        let asOf = min(today, period.end)
        let snapshot = try await PortfolioSnapshotLoader.load(on: database, today: asOf, cadence: cadence)
        let previous = try await latestBefore(period.start, on: database).map { try $0.report }
        let report = StatusReport.build(snapshot, index: PortfolioIndex(snapshot), period: period, previous: previous)
        let content = String(decoding: try JSONEncoder.api.encode(report), as: UTF8.self)
        // Two builds of one period at once race for the next version; the unique (period, version) lets one win, the other takes the next.
        for _ in 0..<3 {
            let version = (try await StatusReportModel.query(on: database).filter(\.$periodStart == period.start.description)
                .max(\.$reportVersion) ?? 0) + 1
            let model = StatusReportModel()
            model.periodStart = period.start.description
            model.periodEnd = period.end.description
            model.reportVersion = version
            model.generatedAt = Date()
            model.generatedBy = author
            model.content = content
            do {
                try await model.create(on: database)
                return model
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue
            }
        }
        throw Problem.conflict("Several builds of the report for \(period.start) ran at once; try again.")
    }

    static func latest(periodStart: Day, on database: any Database) async throws -> StatusReportModel? {
        try await StatusReportModel.query(on: database).filter(\.$periodStart == periodStart.description)
            .sort(\.$reportVersion, .descending).first()
    }

    /// The newest version of the newest report of an earlier period.
    static func latestBefore(_ start: Day, on database: any Database) async throws -> StatusReportModel? {
        try await StatusReportModel.query(on: database).filter(\.$periodStart < start.description)
            .sort(\.$periodStart, .descending).sort(\.$reportVersion, .descending).first()
    }

    static func list(on database: any Database) async throws -> [StatusReportModel] {
        try await StatusReportModel.query(on: database).field(\.$id).field(\.$periodStart).field(\.$periodEnd).field(\.$reportVersion)
            .field(\.$generatedAt).field(\.$generatedBy)
            .sort(\.$periodStart, .descending).sort(\.$reportVersion, .descending).all()
    }

    /// Built after its period ended, so later builds would read the same period's data.
    static func isFinal(_ model: StatusReportModel) -> Bool {
        model.generatedAt >= Day.stored(model.periodEnd).adding(days: 1).date
    }

    /// The report of the period containing `day`: its final stored version, or else a fresh build kept as a new version.
    static func forDay(_ day: Day, by author: String, rebuild: Bool = false, on database: any Database) async throws -> StatusReportModel {
        let period = cadence.period(containing: day)
        if !rebuild, let stored = try await latest(periodStart: period.start, on: database), isFinal(stored) { return stored }
        return try await build(period: period, by: author, on: database)
    }
}
