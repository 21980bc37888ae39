import Fluent
import LodestarCore
import Plot
import Vapor

/// The executive dashboard: the six questions answered with a figure, a chart and a way to the
/// records behind them, and the ranked insights that say where to act. Its figures are exactly those
/// of `GET /api/v1/dashboard` (both come from `Dashboard.compute`).
enum DashboardPage {
    static func view(_ dashboard: ExecutiveDashboard, caller: Caller) -> Layout {
        Layout(
            title: "Dashboard", caller: caller, area: .home,
            content: .group(
                .div(
                    .class("title-row"),
                    .h1(.text("Executive dashboard")),
                    .p(.class("muted"), .text("As of \(dashboard.asOf) · reporting period \(dashboard.period.start) to \(dashboard.period.end) · "),
                       .a(.href("/api/v1/dashboard"), .text("the same figures as JSON")))
                ),
                .div(.class("questions"), .forEach(dashboard.answers) { answer(_: $0) }),
                .section(
                    .class("panel"), .id("insights"), .attribute(named: "aria-labelledby", value: "insights-title"),
                    .h2(.id("insights-title"), .text("Where to act, most urgent first")),
                    dashboard.insights.isEmpty
                        ? Components.empty("Nothing needs leadership's attention.")
                        : .ol(.class("insights"), .forEach(dashboard.insights) { insight in
                            .li(
                                .class("insight insight-\(insight.kind.attributeEscaped)"),
                                .span(.class("severity"), .attribute(named: "title", value: "Urgency \(BarChart.format(insight.severity)) of 100"),
                                      .text(BarChart.format(insight.severity))),
                                .text(" "),
                                .a(.href(insight.link.attributeEscaped), .text(insight.text)))
                        })
                )
            ))
    }

    static func answer(_ answer: ExecutiveDashboard.Answer) -> Node<HTML.BodyContext> {
        let id = answer.id.lowercased()
        return .section(
            .class("panel question"), .id(id), .attribute(named: "aria-labelledby", value: "\(id)-title"),
            .h2(.id("\(id)-title"), .span(.class("qid"), .text(answer.id)), .text(" \(answer.question)")),
            .p(.class("headline"), .span(.class("figure"), .text(BarChart.format(answer.figure))), .text(" "), .text(answer.headline)),
            .p(.class("muted"), .text(answer.detail)),
            answer.chart.isEmpty ? Components.empty("No data yet.") : BarChart.render(
                id: "\(id)-chart", title: answer.question, description: "\(answer.headline). Bars: " +
                    answer.chart.map { "\($0.label) \(BarChart.format($0.value)) \(answer.chartUnit)" }.joined(separator: "; "),
                unit: answer.chartUnit, bars: answer.chart.map { BarChart.Bar(label: $0.label, value: $0.value, link: $0.link) }),
            .p(.a(.href(answer.link.attributeEscaped), .text("Open the full answer →")))
        )
    }
}
