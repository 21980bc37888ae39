import Fluent
import Foundation
import LodestarCore
import MCP

/// Documents an assistant can read whole: the latest portfolio status report and the PMO's impact
/// report for the year up to today, as Markdown.
/// Any signed-in user; every read is audited like a tool call.
enum AssistantResources {
    static let statusReportURI = "lodestar://reports/status/latest"
    static let impactReportURI = "lodestar://reports/impact/latest"

    static let list = [
        Resource(
            name: "latest-status-report", uri: statusReportURI, title: "Latest portfolio status report",
            description: "The newest stored portfolio status report (narrative, health per dimension, changes since the previous report, each initiative's section) as Markdown; when none is stored yet, the current period's report built from live data.",
            mimeType: "text/markdown"),
        Resource(
            name: "latest-impact-report", uri: impactReportURI, title: "PMO impact report",
            description: "The PMO impact report for the year up to today (KPIs against targets, stakeholder perception, wins, maturity, narrative) as Markdown.",
            mimeType: "text/markdown"),
    ]

    static func read(_ uri: String, session: AssistantSession) async throws -> ReadResource.Result {
        guard list.contains(where: { $0.uri == uri }) else {
            throw MCPError.invalidParams("Unknown resource '\(uri)'. The resources are: \(list.map(\.uri).joined(separator: ", ")).")
        }
        let caller: Caller
        do { caller = try await session.caller() } catch let failure as ToolFailure { throw MCPError.invalidRequest(failure.message) }
        let text = uri == statusReportURI ? try await latestStatusReport(session) : try await impactReport(session)
        try await AssistantCatalog.audit(tool: "resource \(uri)", arguments: nil, outcome: "answered", subject: nil, caller: caller, session: session)
        return .init(contents: [.text(text, uri: uri, mimeType: "text/markdown")])
    }

    static func impactReport(_ session: AssistantSession) async throws -> String {
        let today = Day.today()
        return try await PMOValueQueries.impactReport(from: today.adding(days: -365), to: today, on: session.database).markdown
    }

    static func latestStatusReport(_ session: AssistantSession) async throws -> String {
        if let stored = try await StatusReportModel.query(on: session.database)
            .sort(\.$periodStart, .descending).sort(\.$reportVersion, .descending).first()
        {
            return try stored.report.markdown
        }
        // Nothing stored yet: the current period's report from live data, built but not kept.
        let period = StatusReports.cadence.period(containing: Day.today())
        let snapshot = try await PortfolioSnapshotLoader.load(on: session.database, cadence: StatusReports.cadence)
        let report = StatusReport.build(snapshot, period: period, previous: nil)
        return "_Not yet published: built now from live data._\n\n" + report.markdown
    }
}
