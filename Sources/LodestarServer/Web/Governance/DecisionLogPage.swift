import Fluent
import LodestarCore
import Plot
import Vapor

/// The decision log: latency figures (Q3), what waits on the reader, every pending decision with
/// the value it blocks, and the latest decisions taken.
enum DecisionLogPage {
    static func show(_ request: Request, errors: [String] = []) async throws -> Response {
        let caller = try request.caller
        let today = Day.today()
        let latency = try await DecisionService.latency(on: request.db, today: today)
        let pending = try await DecisionService.pending(on: request.db, today: today)
        let mine = pending.filter { $0.decisionMakerID == caller.userID }
        let recent = try await DecisionModel.query(on: request.db).filter(\.$status == DecisionStatus.decided.rawValue)
            .sort(\.$decidedOn, .descending).limit(25).all().map(\.record)
        let people = try await UserDirectory.load(pending.map(\.decisionMakerID) + recent.map(\.decisionMakerID), on: request.db)

        return Layout(
            title: "Decisions", caller: caller, area: .governance,
            content: .group(
                .h1(.text("Decisions")),
                GovernancePages.tabs("/governance/decisions", caller: caller),
                GovernancePages.flash(request, errors: errors),
                .div(.class("cards"),
                     card("latency-median", latency.overall.map { days($0.medianDays) } ?? "—", "median days from request to decision"),
                     card("latency-p90", latency.overall.map { days($0.p90Days) } ?? "—", "90th percentile, days"),
                     card("pending-count", String(latency.pending), "pending decisions"),
                     card("overdue-count", String(latency.overdue), "past their needed-by date"),
                     card("trend", trendText(latency.trend), "last three months against the three before")),
                Components.section("Waiting on me", id: "waiting",
                    mine.isEmpty ? Components.empty("Nothing is waiting on you.") :
                    .ul(.class("waiting"), .forEach(mine) { decision in
                        .li(.article(
                            .h3(.text(decision.title), .if(decision.overdue, .span(.class("badge health-red"), .text(" Overdue")))),
                            .p(.text("Requested \(decision.requestedOn) (\(decision.waitingDays) days ago), needed by \(Components.day(decision.neededBy)). Blocks \(decision.blockedInitiativeIDs.count) initiative(s), budget \(Components.money(decision.blockedBudget)).")),
                            .form(.class("inline"), .method(.post), .action("/governance/decisions/\(decision.id)/decide"), GovernanceForms.csrf(caller),
                                  .input(.type(.hidden), .name("version"), .value(String(decision.version))),
                                  GovernanceForms.field("Outcome", name: "outcome", id: "outcome-\(decision.id)", required: true),
                                  GovernanceForms.field("Rationale", name: "rationale", id: "rationale-\(decision.id)", required: true),
                                  .button(.type(.submit), .class("primary"), .text("Decide")))
                        ))
                    })),
                Components.section("Latency by type, tier and month", id: "latency",
                    LatencyChart.render(Array(latency.byMonth.suffix(12))),
                    .div(.class("latency-tables"),
                         table("By type", "Type", latency.byType, label: { DecisionType(rawValue: $0)?.label ?? $0 }),
                         table("By tier", "Tier", latency.byTier, label: { GovernanceTier(rawValue: $0)?.label ?? "Portfolio level" }),
                         table("By month decided (last 12)", "Month", Array(latency.byMonth.suffix(12)), label: { $0 }))),
                Components.section("Pending decisions", id: "pending",
                    pending.isEmpty ? Components.empty("No decision is pending.") :
                    .div(.class("table-wrap"), .table(
                        .caption(.text("\(pending.count) pending, overdue first")),
                        .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Decision")), .th(.attribute(named: "scope", value: "col"), .text("Maker")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Needed by")), .th(.class("number"), .attribute(named: "scope", value: "col"), .text("Waiting (days)")),
                                   .th(.class("number"), .attribute(named: "scope", value: "col"), .text("Initiatives blocked")),
                                   .th(.class("number"), .attribute(named: "scope", value: "col"), .text("Strategic value blocked")),
                                   .th(.class("number"), .attribute(named: "scope", value: "col"), .text("Budget blocked")))),
                        .tbody(.forEach(pending) { decision in
                            .tr(.td(.text(decision.title), .if(decision.overdue, .span(.class("badge health-red"), .text(" Overdue")))),
                                .td(.text(people.name(decision.decisionMakerID))), .td(.class("nowrap"), .text(Components.day(decision.neededBy))),
                                .td(.class("number"), .text(String(decision.waitingDays))),
                                .td(.class("number"), .text(String(decision.blockedInitiativeIDs.count))),
                                .td(.class("number"), .text(String(format: "%.2f", decision.blockedStrategicValue))),
                                .td(.class("number"), .text(Components.money(decision.blockedBudget))))
                        })))),
                Components.section("Recently decided", id: "recent",
                    recent.isEmpty ? Components.empty("No decision taken yet.") :
                    .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Decision")), .th(.attribute(named: "scope", value: "col"), .text("Type")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Maker")), .th(.attribute(named: "scope", value: "col"), .text("Outcome")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Rationale")), .th(.attribute(named: "scope", value: "col"), .text("Decided")),
                                   .th(.class("number"), .attribute(named: "scope", value: "col"), .text("Latency (days)")))),
                        .tbody(.forEach(recent) { decision in
                            .tr(.td(.text(decision.title)), .td(.text(decision.type.label)), .td(.text(people.name(decision.decisionMakerID))),
                                .td(.text(decision.outcome)), .td(.text(decision.rationale)), .td(.class("nowrap"), .text(Components.day(decision.decidedOn))),
                                .td(.class("number"), .text(decision.fields.latencyInDays.map(String.init) ?? "—")))
                        }))))
            )).response(status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func days(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value) }

    static func card(_ id: String, _ figure: String, _ caption: String) -> Node<HTML.BodyContext> {
        .div(.class("card"), .span(.id(id), .class("figure"), .text(figure)), .span(.class("caption"), .text(caption)))
    }

    static func trendText(_ trend: DecisionLatency.Trend) -> String {
        switch trend.direction {
            case .faster: "Faster"
            case .slower: "Slower"
            case .steady: "Steady"
            case .unknown: "—"
        }
    }

    static func table(_ title: String, _ heading: String, _ groups: [DecisionLatency.Group], label: (String) -> String) -> Node<HTML.BodyContext> {
        .table(
            .caption(.text(title)),
            .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text(heading)), .th(.class("number"), .attribute(named: "scope", value: "col"), .text("Decisions")),
                       .th(.class("number"), .attribute(named: "scope", value: "col"), .text("Median")), .th(.class("number"), .attribute(named: "scope", value: "col"), .text("P90")))),
            .tbody(.forEach(groups) { group in
                .tr(.th(.attribute(named: "scope", value: "row"), .text(label(group.key))), .td(.class("number"), .text(String(group.figures.count))),
                    .td(.class("number"), .text(days(group.figures.medianDays))), .td(.class("number"), .text(days(group.figures.p90Days))))
            }))
    }
}
