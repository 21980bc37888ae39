import Fluent
import LodestarCore
import Plot
import Vapor

/// `/pmo/impact-report`: the annual PMO impact report for any date range, as a web page, a print
/// layout for PDF (`?layout=print`) and Markdown (`/pmo/impact-report.md`).
enum ImpactReportPage {
    static func show(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let range = try PMOValueController.reportRange(request)
        let report = try await PMOValueQueries.impactReport(from: range.from, to: range.to, on: request.db)
        if request.query[String.self, at: "layout"] == "print" {
            return printResponse(report)
        }
        return Layout(
            title: "PMO impact report", caller: caller, area: .pmo,
            content: .group(
                .h1(.text("PMO impact report")),
                PMOPageParts.subnav(current: "/pmo/impact-report"),
                .form(
                    .class("filters"), .method(.get), .action("/pmo/impact-report"),
                    Components.field("From", name: "from", value: report.from.description, type: .date),
                    Components.field("To", name: "to", value: report.to.description, type: .date),
                    .button(.type(.submit), .text("Show"))
                ),
                .p(.class("actions"),
                   .a(.class("button"), .href("/pmo/impact-report?from=\(report.from)&to=\(report.to)&layout=print"), .text("Print layout (save as PDF)")),
                   .a(.class("button"), .href("/pmo/impact-report.md?from=\(report.from)&to=\(report.to)"), .text("Markdown"))),
                body(report)
            )).response()
    }

    static func markdown(_ request: Request) async throws -> Response {
        _ = try request.caller
        let range = try PMOValueController.reportRange(request)
        let report = try await PMOValueQueries.impactReport(from: range.from, to: range.to, on: request.db)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "markdown", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"pmo-impact-\(report.from)-\(report.to).md\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: report.markdown))
    }

    /// A page with no navigation, laid out for paper: the browser's "Save as PDF" makes the PDF.
    static func printResponse(_ report: ImpactReport) -> Response {
        let html = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .element(named: "title", text: "PMO impact report \(report.from) to \(report.to) · Lodestar"),
                .link(.rel(.stylesheet), .href("/assets/lodestar.css"))
            ),
            .body(.class("print-report"), .main(.id("main"), .h1(.text("PMO impact report")), body(report)))
        )
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: html.render()))
    }

    static func body(_ report: ImpactReport) -> Node<HTML.BodyContext> {
        .group(
            .p(.class("lead"), .text("\(report.from) to \(report.to)")),
            .section(.class("panel narrative"), .attribute(named: "aria-labelledby", value: "summary-title"),
                     .h2(.id("summary-title"), .text("Summary")),
                     .forEach(report.narrative) { .p(.text($0)) }),
            Components.section("Achievements", id: "achievements",
                .div(.class("cards"),
                     PMOCharterPage.card("\(report.delivered.count)", "Initiatives delivered"),
                     PMOCharterPage.card(ImpactFormat.money(report.investmentDelivered), "Investment delivered"),
                     PMOCharterPage.card("\(report.benefitsAtTarget) of \(report.benefits.count)", "Benefits measured at target")),
                .if(!report.delivered.isEmpty, .div(.class("table-wrap"), .table(
                    .caption(.text("Initiatives delivered")),
                    .thead(.tr(PMOPageParts.columnHeader("Initiative"), PMOPageParts.columnHeader("Finished"), PMOPageParts.columnHeader("Budget", numeric: true))),
                    .tbody(.forEach(report.delivered) { item in
                        .tr(PMOPageParts.rowHeader(.text("\(item.code) \(item.name)")), .td(.text(item.finishedOn.description)),
                            .td(.class("number"), .text(ImpactFormat.money(item.budget))))
                    })))),
                .if(!report.benefits.isEmpty, .div(.class("table-wrap"), .table(
                    .caption(.text(report.benefits.count > ImpactReport.benefitsShown
                        ? "The \(ImpactReport.benefitsShown) furthest realised of \(report.benefits.count) benefits measured in the period"
                        : "Benefits measured in the period, furthest realised first")),
                    .thead(.tr(PMOPageParts.columnHeader("Benefit"), PMOPageParts.columnHeader("Baseline", numeric: true),
                               PMOPageParts.columnHeader("Latest", numeric: true), PMOPageParts.columnHeader("Target", numeric: true),
                               PMOPageParts.columnHeader("Realised", numeric: true))),
                    .tbody(.forEach(Array(report.benefits.prefix(ImpactReport.benefitsShown))) { benefit in
                        .tr(PMOPageParts.rowHeader(.text("\(benefit.name) (\(benefit.unit))")), PMOPageParts.number(benefit.baseline, decimals: 2),
                            PMOPageParts.number(benefit.latest, decimals: 2), PMOPageParts.number(benefit.target, decimals: 2),
                            .td(.class("number"), .text(ImpactFormat.percent(benefit.realisation * 100))))
                    }))))),
            Components.section("Challenges overcome", id: "challenges",
                Components.definitionList([
                    ("Escalations resolved", .text("\(report.escalationsResolved) of \(report.escalationsDue) due")),
                    ("Risks retired", .text("\(report.risksRetired)")),
                    ("Decisions made", .text("\(report.decisionsMade) (\(report.decisionsOnTime) by their needed-by date)")),
                    ("Mean decision latency", .text(report.decisionLatency.map { "\(ImpactFormat.number($0)) days" } ?? "—")),
                    ("The period before", .text(report.previousDecisionLatency.map { "\(ImpactFormat.number($0)) days" } ?? "—")),
                ])),
            Components.section("Improvements made", id: "improvements",
                .if(report.improvements.isEmpty, Components.empty("No improvement item was completed in the period."),
                    else: .div(.class("table-wrap"), .table(
                        .caption(.text("Completed improvement items with before and after")),
                        .thead(.tr(PMOPageParts.columnHeader("Improvement"), PMOPageParts.columnHeader("Metric"),
                                   PMOPageParts.columnHeader("Before", numeric: true), PMOPageParts.columnHeader("After", numeric: true),
                                   PMOPageParts.columnHeader("Completed"))),
                        .tbody(.forEach(report.improvements) { item in
                            .tr(PMOPageParts.rowHeader(.text(item.title)), .td(.text(item.metric)), PMOPageParts.number(item.before, decimals: 2),
                                PMOPageParts.number(item.after, decimals: 2), .td(.text(item.completedOn.description)))
                        }))))),
            Components.section("KPI trends against targets", id: "kpi-trends",
                .div(.class("table-wrap"), .table(
                    .caption(.text("First and latest value in the period")),
                    .thead(.tr(PMOPageParts.columnHeader("KPI"), PMOPageParts.columnHeader("Start", numeric: true),
                               PMOPageParts.columnHeader("Latest", numeric: true), PMOPageParts.columnHeader("Target", numeric: true),
                               PMOPageParts.columnHeader("Status"))),
                    .tbody(.forEach(report.kpis) { kpi in
                        .tr(PMOPageParts.rowHeader(.text("\(kpi.name) (\(kpi.unit))")), PMOPageParts.number(kpi.first), PMOPageParts.number(kpi.latest),
                            PMOPageParts.number(kpi.target), .td(PMOPageParts.target(kpi.meetsTarget),
                                                                  .text(kpi.improving == true ? " improving" : kpi.improving == false ? " not improving" : "")))
                    })))),
            Components.section("Perception", id: "perception",
                .if(report.perception.isEmpty, Components.empty("No survey wave closed in the period."),
                    else: .group(
                        PMOCharts.trend(id: "report-nps", title: "Net Promoter Score by wave",
                                        points: report.perception.compactMap { wave in wave.nps.map { ChartPoint(day: wave.closesOn, value: $0) } },
                                        target: nil, unit: "points"),
                        .div(.class("table-wrap"), .table(
                            .caption(.text("Survey waves that closed in the period")),
                            .thead(.tr(PMOPageParts.columnHeader("Wave"), PMOPageParts.columnHeader("Closed"), PMOPageParts.columnHeader("Responses", numeric: true),
                                       PMOPageParts.columnHeader("NPS", numeric: true), PMOPageParts.columnHeader("Satisfaction (1–5)", numeric: true))),
                            .tbody(.forEach(report.perception) { wave in
                                .tr(PMOPageParts.rowHeader(.text(wave.name)), .td(.text(wave.closesOn.description)), .td(.class("number"), .text("\(wave.responses)")),
                                    .td(.class("number"), .text(wave.nps.map(ImpactFormat.signed) ?? "—")), PMOPageParts.number(wave.satisfaction, decimals: 2))
                            })))))),
            Components.section("Maturity", id: "maturity",
                .if(report.maturity.isEmpty, Components.empty("No maturity assessment in the period."),
                    else: .group(
                        PMOCharts.radar(id: "report-radar", title: "Maturity at the start and the end of the period", series: radarSeries(report)),
                        PMOCharts.legend(radarSeries(report).map { ($0.name, $0.cssClass) }),
                        .div(.class("table-wrap"), .table(
                            .caption(.text("Maturity level by dimension")),
                            .thead(.tr(PMOPageParts.columnHeader("Dimension"), PMOPageParts.columnHeader(report.maturityFrom.map { "\($0)" } ?? "Start", numeric: true),
                                       PMOPageParts.columnHeader(report.maturityTo.map { "\($0)" } ?? "End", numeric: true),
                                       PMOPageParts.columnHeader("Benchmark", numeric: true))),
                            .tbody(.forEach(report.maturity) { line in
                                .tr(PMOPageParts.rowHeader(.text(line.dimension.label)), .td(.class("number"), .text(line.from.map(String.init) ?? "—")),
                                    .td(.class("number"), .text(line.to.map(String.init) ?? "—")), PMOPageParts.number(line.benchmark))
                            }))),
                        .unwrap(report.benchmarkSource) { .p(.class("muted"), .text("Benchmark source: \($0).")) })))
        )
    }

    static func radarSeries(_ report: ImpactReport) -> [(name: String, cssClass: String, values: [Double])] {
        var series: [(name: String, cssClass: String, values: [Double])] = []
        if report.maturity.contains(where: { $0.benchmark != nil }) {
            series.append(("Benchmark", "radar-benchmark", report.maturity.map { $0.benchmark ?? 0 }))
        }
        if let from = report.maturityFrom { series.append(("\(from)", "radar-previous", report.maturity.map { Double($0.from ?? 0) })) }
        if let to = report.maturityTo { series.append(("\(to)", "radar-latest", report.maturity.map { Double($0.to ?? 0) })) }
        return series
    }
}
