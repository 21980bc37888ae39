import Fluent
import LodestarCore
import Vapor

/// A built status report, kept as built: rows are only ever inserted.
final class StatusReportModel: Model, @unchecked Sendable {
    static let schema = "status_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "period_start") var periodStart: String
    @Field(key: "period_end") var periodEnd: String
    /// 1 for the first build of a period, then 2, 3… for rebuilds.
    @Field(key: "report_version") var reportVersion: Int
    @Field(key: "generated_at") var generatedAt: Date
    /// `scheduler`, or the email of the person who asked for the build.
    @Field(key: "generated_by") var generatedBy: String
    /// The report as JSON (`StatusReport`).
    @Field(key: "content") var content: String

    init() {}

    var report: StatusReport {
        get throws { try JSONDecoder.api.decode(StatusReport.self, from: Data(content.utf8)) }
    }
}

/// What the API says about a stored report besides its content.
struct StatusReportSummary: Content, Equatable {
    var id: UUID
    var periodStart: Day
    var periodEnd: Day
    var version: Int
    var generatedAt: Date
    var generatedBy: String

    init(_ model: StatusReportModel) {
        id = model.id!
        periodStart = .stored(model.periodStart)
        periodEnd = .stored(model.periodEnd)
        version = model.reportVersion
        generatedAt = model.generatedAt
        generatedBy = model.generatedBy
    }
}

/// A stored report version: its metadata beside the report as built.
struct StoredStatusReport: Content {
    var id: UUID
    var periodStart: Day
    var periodEnd: Day
    var version: Int
    var generatedAt: Date
    var generatedBy: String
    var report: StatusReport

    init(_ model: StatusReportModel) throws {
        let summary = StatusReportSummary(model)
        id = summary.id
        periodStart = summary.periodStart
        periodEnd = summary.periodEnd
        version = summary.version
        generatedAt = summary.generatedAt
        generatedBy = summary.generatedBy
        report = try model.report
    }
}
