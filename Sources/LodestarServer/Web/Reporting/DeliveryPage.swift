import Fluent
import LodestarCore
import Plot
import Vapor

/// Q3 in full: Monte Carlo finish forecasts beside the delay Pareto, by tier and pool, and its trend.
enum DeliveryPage {
    static let trials = 2000
    static let shown = 50

    static func show(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let snapshot = try await request.snapshot()
        let index = PortfolioIndex(snapshot)
        let forecast = snapshot.forecast(index: index, trials: trials, seed: 1, milestoneDetail: false)
        let delays = DelayAnalysis.analyse(snapshot, index: index)
        let risky = forecast.initiatives.filter { $0.finish.probabilityOnTime != nil }
            .sorted { ($0.finish.probabilityOnTime!, $0.initiativeID.uuidString) < ($1.finish.probabilityOnTime!, $1.initiativeID.uuidString) }
        func name(_ id: UUID) -> String { index.initiatives[id].map { "\($0.code) \($0.name)" } ?? "unknown" }

        return Layout(
            title: "Delivery and delays", caller: caller, area: .delivery,
            content: .group(
                .h1(.text("Why is work late, and when will it finish?")),
                Components.section(
                    "Where slippage comes from", id: "pareto",
                    .p(.text("\(delays.slippedInitiatives) initiatives have slipped \(delays.totalSlippedDays) days in all (worst milestone against baseline). Each one's days are shared equally among the causes its records show.")),
                    BarChart.render(
                        id: "pareto-chart", title: "Pareto of delay causes",
                        description: delays.pareto.prefix(8).map { "\($0.cause): \($0.days.wholeText) days, cumulative \($0.cumulativeShare.percentText)" }.joined(separator: "; "),
                        unit: "days", bars: delays.pareto.prefix(8).map { .init(label: $0.cause, value: $0.days.rounded(), link: nil) }),
                    .table(
                        .class("data"), .caption(.text("Causes, largest first")),
                        .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Cause")), .th(.attribute(named: "scope", value: "col"), .text("Days")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Initiatives")), .th(.attribute(named: "scope", value: "col"), .text("Cumulative share")))),
                        .tbody(.forEach(delays.pareto) { cause in
                            .tr(.th(.attribute(named: "scope", value: "row"), .text(cause.cause)), .td(.text("\(cause.days.wholeText)")),
                                .td(.text("\(cause.initiatives)")), .td(.text("\(cause.cumulativeShare.percentText)")))
                        }))
                ),
                Components.section(
                    "By tier and pool", id: "breakdown",
                    .table(
                        .class("data"), .caption(.text("Slippage by governance tier, with its largest cause")),
                        .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Tier")), .th(.attribute(named: "scope", value: "col"), .text("Days slipped")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Largest cause")))),
                        .tbody(.forEach(delays.byTier) { tier in
                            .tr(.th(.attribute(named: "scope", value: "row"), .text(tier.tier.label)), .td(.text("\(tier.slippedDays)")),
                                .td(.text(tier.causes.first.map { "\($0.cause) (\($0.share.percentText))" } ?? "—")))
                        })),
                    .table(
                        .class("data"), .caption(.text("Slippage of the late initiatives drawing on each pool")),
                        .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Pool")), .th(.attribute(named: "scope", value: "col"), .text("Days slipped")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Late initiatives")), .th(.attribute(named: "scope", value: "col"), .text("Over-allocated")))),
                        .tbody(.forEach(delays.byPool) { pool in
                            .tr(.th(.attribute(named: "scope", value: "row"), .text(pool.name)), .td(.text("\(pool.slippedDays)")),
                                .td(.text("\(pool.initiatives)")), .td(.text(pool.overAllocated ? "yes" : "no")))
                        }))
                ),
                Components.section(
                    "Trend", id: "trend",
                    BarChart.render(
                        id: "trend-chart", title: "Days added to forecasts per quarter",
                        description: delays.trend.map { "\($0.quarter): \($0.daysAdded) days over \($0.moves) moves" }.joined(separator: "; "),
                        unit: "days", bars: delays.trend.suffix(8).map { .init(label: $0.quarter.description, value: Double(max(0, $0.daysAdded)), link: nil) })
                ),
                Components.section(
                    "Finish forecasts", id: "forecasts",
                    .p(.text("\(forecast.trials) Monte Carlo trials, seed \(forecast.seed), drawn from \(forecast.historySize) completed milestones' slippage. The \(min(shown, risky.count)) initiatives least likely to meet their baseline:")),
                    .table(
                        .class("data"), .caption(.text("Forecast finish dates")),
                        .thead(.tr(
                            .th(.attribute(named: "scope", value: "col"), .text("Initiative")), .th(.attribute(named: "scope", value: "col"), .text("Baseline")),
                            .th(.attribute(named: "scope", value: "col"), .text("Forecast")), .th(.attribute(named: "scope", value: "col"), .text("P50")),
                            .th(.attribute(named: "scope", value: "col"), .text("P80")), .th(.attribute(named: "scope", value: "col"), .text("P95")),
                            .th(.attribute(named: "scope", value: "col"), .text("Chance on time")), .th(.attribute(named: "scope", value: "col"), .text("Reference class")))),
                        .tbody(.forEach(risky.prefix(shown)) { entry in
                            .tr(
                                .th(.attribute(named: "scope", value: "row"), .a(.href("/initiatives/\(entry.initiativeID)"), .text(name(entry.initiativeID)))),
                                .td(.text(Components.day(entry.finish.baseline))), .td(.text(entry.finish.forecast.description)),
                                .td(.text(entry.finish.p50.description)), .td(.text(entry.finish.p80.description)), .td(.text(entry.finish.p95.description)),
                                .td(.text("\(((entry.finish.probabilityOnTime ?? 0)).percentText)")), .td(.text(entry.referenceClass)))
                        }))
                )
            )).response()
    }
}
