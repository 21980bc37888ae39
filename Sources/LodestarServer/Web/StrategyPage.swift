import Fluent
import LodestarCore
import Plot
import Vapor

/// The strategy map (Q4): the objective tree with the initiatives serving each, what is out of line
/// with the strategy, and the work everything else waits on.
enum StrategyPage {
    /// Initiatives listed under each objective; the rest are counted.
    static let perObjective = 6

    static func view(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let map = try await StrategyMap.load(request, limits: .init(perObjective: perObjective, scores: 0, critical: 15))
        return Layout(
            title: "Strategy map", caller: caller, area: .strategy,
            content: .group(
                .h1(.text("Strategy map")),
                .p(.class("lead"), .text("Which work is most critical to the strategy, and where investment is out of line with it. "),
                   .a(.href("/objectives"), .text("Edit the objectives"))),
                findings(map),
                Components.section("Objectives and the work that serves them", id: "map",
                    map.themes.isEmpty ? Components.empty("No strategic themes yet.") : .div(.class("tree map"), branch(map.themes))),
                critical(map)
            )).response()
    }

    static func findings(_ map: StrategyMap) -> Node<HTML.BodyContext> {
        Components.section("Findings", id: "findings",
            .div(.class("cards"),
                 card("Orphans", "\(map.orphans.count)", "open initiatives aligned to no objective", id: "orphans-count"),
                 card("Uncovered", "\(map.uncovered.count)", "objectives no in-flight work serves", id: "uncovered-count"),
                 card("Out of line", "\(map.investment.filter { $0.verdict != "balanced" }.count)", "themes whose investment strays from their weight", id: "misaligned-count")),
            .table(.class("data"), .caption(.text("Investment against weight, by theme")),
                   .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Theme")),
                              .th(.attribute(named: "scope", value: "col"), .class("number"), .text("Weight")),
                              .th(.attribute(named: "scope", value: "col"), .class("number"), .text("Investment")),
                              .th(.attribute(named: "scope", value: "col"), .text("Verdict")))),
                   .tbody(.forEach(map.investment) { row in
                       .tr(.th(.attribute(named: "scope", value: "row"), .a(.href("/objectives/\(row.objectiveID)"), .text(row.name))),
                           .td(.class("number"), .text(percent(row.weightShare))), .td(.class("number"), .text(percent(row.investmentShare))),
                           .td(.span(.class("badge verdict-\(row.verdict)"), .text(row.verdict.replacingOccurrences(of: "_", with: " ")))))
                   })),
            .if(!map.orphans.isEmpty, .group(
                .h3(.text("Orphans")),
                .ul(.id("orphans"), .forEach(map.orphans.prefix(20)) { .li(.a(.href("/initiatives/\($0.id)"), .text("\($0.code) \($0.name)"))) }))),
            .if(!map.uncovered.isEmpty, .group(
                .h3(.text("Uncovered objectives")),
                .ul(.id("uncovered"), .forEach(map.uncovered) { .li(.a(.href("/objectives/\($0.id)"), .text($0.name)), .text(" (\($0.level.label))")) }))))
    }

    static func branch(_ nodes: [StrategyMap.Node]) -> Node<HTML.BodyContext> {
        .ul(.forEach(nodes) { node in
            .li(
                .a(.href("/objectives/\(node.id)"), .strong(.text(node.name))),
                .text(" "),
                .span(.class("muted"), .text("\(node.level.label) · \(percent(node.effectiveWeight)) of the strategy · invested \(Components.money(node.investment))")),
                .if(!node.covered, .span(.class("badge health-red"), .text("Uncovered"))),
                .if(!node.initiatives.isEmpty,
                    .ul(.class("serving"),
                        .forEach(node.initiatives) { initiative in
                            .li(.a(.href("/initiatives/\(initiative.id)"), .text("\(initiative.code) \(initiative.name)")), .text(" "),
                                Components.badge(initiative.status, kind: "status"), .text(" "), Components.health(initiative.health),
                                .span(.class("muted"), .text(" \(Components.money(initiative.budget)) · contributes \(percent(initiative.contribution))")))
                        },
                        .if(node.initiativeCount > node.initiatives.count,
                            .li(.class("muted"), .a(.href("/objectives/\(node.id)"), .text("and \(node.initiativeCount - node.initiatives.count) more")))))),
                .if(!node.children.isEmpty, branch(node.children)))
        })
    }

    static func critical(_ map: StrategyMap) -> Node<HTML.BodyContext> {
        Components.section("Critical work", id: "critical",
            .p(.class("hint"), .text("Ranked by their own alignment plus the alignment of everything that waits on them through dependencies.")),
            map.criticalWork.isEmpty ? Components.empty("No open initiative is aligned yet.") :
            .table(.class("data"), .id("critical-work"), .caption(.text("The 15 most critical initiatives")),
                   .thead(.tr(.th(.attribute(named: "scope", value: "col"), .class("number"), .text("#")),
                              .th(.attribute(named: "scope", value: "col"), .text("Initiative")),
                              .th(.attribute(named: "scope", value: "col"), .class("number"), .text("Own value")),
                              .th(.attribute(named: "scope", value: "col"), .class("number"), .text("Waiting on it")),
                              .th(.attribute(named: "scope", value: "col"), .class("number"), .text("Initiatives blocked")))),
                   .tbody(.forEach(map.criticalWork) { entry in
                       .tr(.td(.class("number"), .text("\(entry.rank)")),
                           .th(.attribute(named: "scope", value: "row"), .a(.href("/initiatives/\(entry.initiativeID)"), .text("\(entry.code) \(entry.name)"))),
                           .td(.class("number"), .text(String(format: "%.3f", entry.ownValue))),
                           .td(.class("number"), .text(String(format: "%.3f", entry.waitingValue))),
                           .td(.class("number"), .text("\(entry.blocked.count)")))
                   })))
    }

    static func card(_ title: String, _ figure: String, _ caption: String, id: String) -> Node<HTML.BodyContext> {
        .div(.class("card"), .h3(.text(title)), .p(.class("figure"), .id(id), .text(figure)), .p(.class("muted"), .text(caption)))
    }

    static func percent(_ share: Double) -> String { "\(share.percentText)" }
}
