import Fluent
import LodestarCore
import Plot
import Vapor

/// Status reports on the web: the list of stored versions, one report to read or print, and the
/// PMO's button to build the current period's report now.
enum StatusReportPages {
    static func list(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let reports = try await StatusReports.list(on: request.db).map(StatusReportSummary.init)
        let today = Day.today()
        return Layout(
            title: "Status reports", caller: caller, area: .reports,
            content: .group(
                .h1(.text("Status reports")),
                .p(.class("lead"), .text("Built from the data at the end of every two-week period. Each build is kept as a version; nothing is edited after it is built.")),
                .if(caller.isPortfolioStaff, .form(
                    .method(.post), .action("/reports"), .class("inline"),
                    .input(.type(.hidden), .name("csrf"), .value((caller.csrfToken ?? "").attributeEscaped)),
                    .label(.for("period"), .text("Period containing ")),
                    .input(.type(.date), .id("period"), .name("period"), .value(today.description)),
                    .text(" "),
                    .button(.type(.submit), .text("Build report now"))
                )),
                reports.isEmpty ? Components.empty("No report has been built yet.") : .table(
                    .class("data"),
                    .caption(.text("Reports, newest first")),
                    .thead(.tr(
                        .th(.attribute(named: "scope", value: "col"), .text("Period")),
                        .th(.attribute(named: "scope", value: "col"), .text("Version")),
                        .th(.attribute(named: "scope", value: "col"), .text("Built")),
                        .th(.attribute(named: "scope", value: "col"), .text("By")),
                        .th(.attribute(named: "scope", value: "col"), .text("Formats"))
                    )),
                    .tbody(.forEach(reports) { report in
                        .tr(
                            .th(.attribute(named: "scope", value: "row"),
                                .a(.href("/reports/\(report.id)"), .text("\(report.periodStart) to \(report.periodEnd)"))),
                            .td(.text("v\(report.version)")),
                            .td(.text(Self.timestamp(report.generatedAt))),
                            .td(.text(report.generatedBy)),
                            .td(.a(.href("/reports/\(report.id)/markdown"), .text("Markdown")), .text(" · "),
                                .a(.href("/api/v1/status-reports/\(report.id)"), .text("JSON")))
                        )
                    })
                )
            )).response()
    }

    static func build(_ request: Request) async throws -> Response {
        let caller = try request.caller
        guard caller.isPortfolioStaff else { throw Problem.forbidden("Only the PMO and admins build status reports.") }
        let raw = (try? request.content.get(String.self, at: "period")) ?? ""
        guard let day = Day(raw) else {
            throw Problem.validation([FieldIssue("period", "must be a date in the form YYYY-MM-DD")])
        }
        let model = try await StatusReports.build(period: StatusReports.cadence.period(containing: day), by: caller.email, on: request.db)
        return request.redirect(to: "/reports/\(model.id!)", redirectType: .normal)
    }

    static func markdown(_ request: Request) async throws -> Response {
        _ = try request.caller
        return StatusReportAPI.markdownResponse(try await StatusReportAPI.find(request).report)
    }

    static func show(_ request: Request) async throws -> Response {
        let caller = try request.caller
        return try document(try await StatusReportAPI.find(request), caller: caller).response()
    }

    /// The report as a page; without a caller (the command line) it has no navigation.
    static func document(_ model: StatusReportModel, caller: Caller?) throws -> Layout {
        let report = try model.report
        let summary = StatusReportSummary(model)
        return Layout(
            title: "Status report \(report.period.start)", caller: caller, area: .reports,
            content: .article(
                .class("report"),
                .nav(.class("crumbs no-print"), .attribute(named: "aria-label", value: "Breadcrumb"),
                     .a(.href("/reports"), .text("Status reports")), .text(" / \(report.period.start)")),
                .h1(.text("Portfolio status report")),
                .p(.class("muted"), .text("\(report.period.start) to \(report.period.end) · version \(summary.version), built \(timestamp(summary.generatedAt)) by \(summary.generatedBy) · data as of \(report.asOf)")),
                .p(.class("no-print"), .a(.href("/reports/\(summary.id)/markdown"), .text("Markdown")), .text(" · "),
                   .a(.href("/api/v1/status-reports/\(summary.id)"), .text("JSON")), .text(" · Print this page for a PDF.")),
                Components.section("Summary", id: "summary", .forEach(report.narrative) { .p(.text($0)) }),
                Components.section("Health", id: "health", healthChart(report)),
                .if(!report.changes.isEmpty, Components.section(
                    "Changes since the previous report", id: "changes",
                    .ul(.forEach(report.changes) { change in
                        .li(.a(.href("/initiatives/\(change.initiativeID)"), .text(change.code)), .text(": \(change.text)"))
                    }))),
                Components.section("Initiatives", id: "initiatives", .forEach(report.sections) { section(_: $0) })
            ))
    }

    static func healthChart(_ report: StatusReport) -> Node<HTML.BodyContext> {
        .table(
            .class("data health-table"),
            .caption(.text("Initiatives by colour, overall and per dimension")),
            .thead(.tr(
                .th(.attribute(named: "scope", value: "col"), .text("Dimension")),
                .th(.attribute(named: "scope", value: "col"), .text("Green")),
                .th(.attribute(named: "scope", value: "col"), .text("Amber")),
                .th(.attribute(named: "scope", value: "col"), .text("Red")),
                .th(.attribute(named: "scope", value: "col"), .text("Share"))
            )),
            .tbody(.forEach(report.healthCounts) { count in
                .tr(
                    .th(.attribute(named: "scope", value: "row"), .text(count.dimension.capitalized)),
                    .td(.text("\(count.green)")), .td(.text("\(count.amber)")), .td(.text("\(count.red)")),
                    .td(stackedBar(count))
                )
            })
        )
    }

    /// One row of the chart: the three colours' shares side by side, with the counts as its text alternative.
    static func stackedBar(_ count: StatusReport.HealthCount) -> Node<HTML.BodyContext> {
        let total = max(1, count.green + count.amber + count.red)
        var x = 0.0
        var svg = "<svg class=\"stack\" role=\"img\" viewBox=\"0 0 200 16\" width=\"200\" height=\"16\"><title>\(count.dimension): \(count.green) green, \(count.amber) amber, \(count.red) red</title>"
        for (value, css) in [(count.green, "green"), (count.amber, "amber"), (count.red, "red")] where value > 0 {
            let width = Double(value) / Double(total) * 200
            svg += "<rect x=\"\(String(format: "%.1f", x))\" y=\"0\" width=\"\(String(format: "%.1f", width))\" height=\"16\" class=\"fill-\(css)\"></rect>"
            x += width
        }
        return .raw(svg + "</svg>")
    }

    static func section(_ section: StatusReport.Section) -> Node<HTML.BodyContext> {
        .section(
            .class("report-initiative"), .attribute(named: "aria-labelledby", value: "s-\(section.initiativeID)"),
            .h3(.id("s-\(section.initiativeID)"), .a(.href("/initiatives/\(section.initiativeID)"), .text("\(section.code) \(section.name)")),
                .text(" "), Components.health(section.health.overall)),
            .p(.class("muted"), .text("Owner: \(section.owner) · \(section.status.label) · "),
               .forEach(HealthDimension.allCases) { dimension in
                   .span(.class("dim"), .text("\(dimension.label) "), Components.health(section.health.health(of: dimension)), .text(" "))
               }),
            .unwrap(section.health.overrideReason) { reason in
                .p(.class("override"), .strong(.text("Overridden by the owner")), .text(" (the rules say \(section.health.computed.rawValue)): \(reason)"))
            },
            .if(!section.health.findings.isEmpty, .ul(.class("findings"), .forEach(section.health.findings) { finding in
                .li(.code(.text(finding.rule)), .text(" "), Components.health(finding.health), .text(" \(finding.explanation)"))
            })),
            .if(section.updateMissing, .p(.class("warning"), .strong(.text("No status update for this period.")), .text(" "),
                                          .a(.class("no-print"), .href("/initiatives/\(section.initiativeID)/status-update"), .text("Submit one")))),
            .unwrap(section.update) { update in
                .div(.class("update"),
                     .p(.strong(.text("Update (\(update.periodStart)): ")), .text(update.summary)),
                     .if(!update.blockers.isEmpty, .p(.strong(.text("Blockers: ")), .text(update.blockers))),
                     .if(!update.nextSteps.isEmpty, .p(.strong(.text("Next steps: ")), .text(update.nextSteps))))
            },
            .if(!section.milestoneMoves.isEmpty || !section.decisionsTaken.isEmpty || !section.decisionsPending.isEmpty || !section.escalations.isEmpty,
                .ul(
                    .forEach(section.milestoneMoves) { move in
                        .li(.text("Milestone \(move.name) moved \(Components.day(move.from)) → \(move.to) (\(move.days >= 0 ? "+" : "")\(move.days) days)"))
                    },
                    .forEach(section.decisionsTaken) { .li(.text("Decided: \($0.title) — \($0.outcome)")) },
                    .forEach(section.decisionsPending) { decision in
                        .li(.text("Pending decision: \(decision.title)" + ((decision.daysOverdue ?? 0) > 0 ? " (\(decision.daysOverdue!) days overdue)" : "")))
                    },
                    .forEach(section.escalations) { .li(.text("Escalated to \($0.escalation.rawValue): \($0.title) (score \($0.score))")) }
                ))
        )
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.string(from: date) + " UTC"
    }
}
