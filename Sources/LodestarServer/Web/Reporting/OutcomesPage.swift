import Fluent
import LodestarCore
import Plot
import Vapor

/// Q5 in full: outputs (milestones) beside outcomes (benefits), benefit realisation and trend, and
/// each objective's outcome.
enum OutcomesPage {
    static func show(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let outcomes = try await Outcomes.compute(on: request.db)
        let hollow = outcomes.initiatives.filter(\.deliveredWithoutOutcome)
        func percent(_ value: Double?) -> String { value.map { "\($0.percentText)" } ?? "—" }
        return Layout(
            title: "Outcomes", caller: caller, area: .outcomes,
            content: .group(
                .h1(.text("Are we delivering the outcomes we expected?")),
                Components.section(
                    "Delivered, but no outcome moved", id: "hollow",
                    hollow.isEmpty ? Components.empty("Every completed initiative has moved at least one of its benefits.") :
                        .ul(.forEach(hollow) { row in
                            .li(.a(.href("/initiatives/\(row.initiativeID)"), .text("\(row.code) \(row.name)")),
                                .text(": \(row.milestonesOnTime) of \(row.milestones) milestones on time; " + (row.benefits == 0 ? "no benefit defined." : "benefits at \(percent(row.realisation)) of target.")))
                        })
                ),
                Components.section(
                    "Outputs beside outcomes", id: "outputs",
                    .table(
                        .class("data"), .caption(.text("Milestones delivered against benefits realised, per initiative")),
                        .thead(.tr(
                            .th(.attribute(named: "scope", value: "col"), .text("Initiative")), .th(.attribute(named: "scope", value: "col"), .text("Status")),
                            .th(.attribute(named: "scope", value: "col"), .text("Milestones reached")), .th(.attribute(named: "scope", value: "col"), .text("On time")),
                            .th(.attribute(named: "scope", value: "col"), .text("Benefits")), .th(.attribute(named: "scope", value: "col"), .text("Realisation")))),
                        .tbody(.forEach(outcomes.initiatives.prefix(200)) { row in
                            .tr(
                                .class(row.deliveredWithoutOutcome ? "flagged" : ""),
                                .th(.attribute(named: "scope", value: "row"), .a(.href("/initiatives/\(row.initiativeID)"), .text("\(row.code) \(row.name)"))),
                                .td(.text(row.status.label)), .td(.text("\(row.milestonesReached) of \(row.milestones)")),
                                .td(.text("\(row.milestonesOnTime)")), .td(.text("\(row.benefits)")), .td(.text(percent(row.realisation))))
                        }))
                ),
                Components.section(
                    "Benefits against plan", id: "benefits",
                    .table(
                        .class("data"), .caption(.text("Benefit KPIs: baseline, target, latest, realisation, trend and forecast")),
                        .thead(.tr(
                            .th(.attribute(named: "scope", value: "col"), .text("Benefit")), .th(.attribute(named: "scope", value: "col"), .text("Baseline → target")),
                            .th(.attribute(named: "scope", value: "col"), .text("Latest")), .th(.attribute(named: "scope", value: "col"), .text("Realised")),
                            .th(.attribute(named: "scope", value: "col"), .text("Planned by now")), .th(.attribute(named: "scope", value: "col"), .text("Trend / 30 days")),
                            .th(.attribute(named: "scope", value: "col"), .text("Reaches target")), .th(.attribute(named: "scope", value: "col"), .text("Status")))),
                        .tbody(.forEach(outcomes.benefits.prefix(300)) { benefit in
                            .tr(
                                .th(.attribute(named: "scope", value: "row"),
                                    benefit.initiativeID.map { .a(.href("/initiatives/\($0)"), .text(benefit.name)) }
                                        ?? .a(.href("/objectives/\(benefit.objectiveID!)"), .text(benefit.name))),
                                .td(.text("\(BarChart.format(benefit.baseline)) → \(BarChart.format(benefit.target)) \(benefit.unit)" + (benefit.targetDate.map { " by \($0)" } ?? ""))),
                                .td(.text(benefit.latestValue.map { "\(BarChart.format($0)) (\(benefit.latestOn!))" } ?? "—")),
                                .td(.text(percent(benefit.realisation))), .td(.text(percent(benefit.expectedRealisation))),
                                .td(.text(benefit.trendPer30Days.map { String(format: "%+.1f pts", $0 * 100) } ?? "—")),
                                .td(.text(Components.day(benefit.forecastDate))),
                                .td(.span(.class("badge benefit-\(benefit.status.rawValue)"), .text(benefit.status.rawValue.replacingOccurrences(of: "_", with: " ")))))
                        }))
                ),
                Components.section(
                    "Objectives' outcomes", id: "objectives",
                    .p(.text("Each objective's realisation: its own benefits and those of the initiatives aligned to it, weighted by their contribution.")),
                    .ul(.forEach(outcomes.objectives.filter { $0.benefits > 0 }) { outcome in
                        .li(.a(.href("/objectives/\(outcome.objectiveID)"), .text(outcome.name)), .text(": \(percent(outcome.realisation)) over \(outcome.benefits) benefits"))
                    })
                )
            )).response()
    }
}
