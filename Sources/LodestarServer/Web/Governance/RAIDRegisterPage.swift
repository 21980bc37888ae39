import Fluent
import LodestarCore
import Plot
import Vapor

/// The RAID register: heat maps for the portfolio and the executive, an initiative's when asked
/// for, the top exposures, the escalation history, and the open items with their levels.
enum RAIDRegisterPage {
    static func show(_ request: Request, errors: [String] = []) async throws -> Response {
        let caller = try request.caller
        let open = try await RAIDItemModel.query(on: request.db).filter(\.$status != RAIDStatus.closed.rawValue)
            .sort(\.$score, .descending).sort(\.$title).all().map(\.record)
        var initiativeFilter: Record<Initiative>?
        if let raw = request.query[String.self, at: "initiativeID"], let id = UUID(uuidString: raw) {
            initiativeFilter = try await InitiativeModel.find(id, on: request.db)?.record
        }
        let scoped = initiativeFilter.map { initiative in open.filter { $0.initiativeID == initiative.id } } ?? open
        let portfolio = RiskHeatMap.build(scoped)
        let executive = RiskHeatMap.build(scoped.filter { $0.escalationLevel == .executive })
        let history = try await EscalationService.history(initiativeID: initiativeFilter?.id, limit: 50, on: request.db)
        let initiatives = try await InitiativeModel.all(where: "id", in: Array(Set(scoped.prefix(100).map(\.initiativeID) + history.map(\.initiativeID))), on: request.db)
        let codes = Dictionary(uniqueKeysWithValues: initiatives.map { ($0.id!, $0.code) })
        let owners = try await UserDirectory.load(scoped.prefix(100).map(\.ownerID), on: request.db)
        let titles = Dictionary(uniqueKeysWithValues: try await RAIDItemModel.all(where: "id", in: history.map(\.raidItemID), on: request.db).map { ($0.id!, $0.title) })
        let mayMove = [Role.admin, .pmo, .executive].contains(caller.role)

        return Layout(
            title: "RAID and escalations", caller: caller, area: .governance,
            content: .group(
                .h1(.text("RAID and escalations"), .unwrap(initiativeFilter) { .text(" — \($0.code) \($0.name)") }),
                GovernancePages.tabs("/governance/raid", caller: caller),
                GovernancePages.flash(request, errors: errors),
                .div(.class("heatmaps"),
                     Components.section(initiativeFilter == nil ? "Portfolio heat map" : "Initiative heat map", id: "heatmap-all",
                                        RiskHeatMapSVG.render(portfolio, id: "heat-all", title: "Open RAID items by probability and impact")),
                     Components.section("Executive level", id: "heatmap-exec",
                                        RiskHeatMapSVG.render(executive, id: "heat-exec", title: "Open items escalated to the executive"))),
                Components.section("Top exposures", id: "top",
                    portfolio.top.isEmpty ? Components.empty("No open items.") :
                    .div(.class("table-wrap"), .table(
                        .id("top-risks"),
                        .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Item")), .th(.attribute(named: "scope", value: "col"), .text("Initiative")),
                                   .th(.class("number nowrap"), .attribute(named: "scope", value: "col"), .text("P × I")), .th(.attribute(named: "scope", value: "col"), .text("Level")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Owner")), .th(.attribute(named: "scope", value: "col"), .text("Due")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Mitigation")),
                                   .if(mayMove, .th(.attribute(named: "scope", value: "col"), .text("Move"))))),
                        .tbody(.forEach(portfolio.top) { item in
                            .tr(.td(.text("\(item.kind.label): \(item.title)")),
                                .td(.a(.href("/governance/raid?initiativeID=\(item.initiativeID)"), .text(codes[item.initiativeID] ?? "—"))),
                                .td(.class("number"), .text("\(item.probability) × \(item.impact) = \(item.score)")),
                                .td(Components.badge(item.escalationLevel, kind: "level")), .td(.text(owners.name(item.ownerID))),
                                .td(.class("nowrap"), .text(Components.day(item.dueDate))), .td(.text(item.mitigation.isEmpty ? "None" : item.mitigation)),
                                .if(mayMove, .td(moveForm(item, caller: caller))))
                        })))),
                Components.section("Escalations", id: "escalations",
                    history.isEmpty ? Components.empty("Nothing has been escalated.") :
                    .div(.class("table-wrap"), .table(
                        .id("escalation-history"),
                        .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("When")), .th(.attribute(named: "scope", value: "col"), .text("Item")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Initiative")), .th(.attribute(named: "scope", value: "col"), .text("Move")),
                                   .th(.attribute(named: "scope", value: "col"), .text("By")), .th(.attribute(named: "scope", value: "col"), .text("Why")))),
                        .tbody(.forEach(history) { model in
                            .tr(.td(.class("nowrap"), .text(model.occurredOn)), .td(.text(titles[model.raidItemID] ?? "—")),
                                .td(.text(codes[model.initiativeID] ?? "—")),
                                .td(.text("\(EscalationLevel.stored(model.fromLevel).label) → \(EscalationLevel.stored(model.toLevel).label)")),
                                .td(.text(model.actor)), .td(.text(model.reason)))
                        })))),
                Components.section("Open register", id: "register",
                    .p(.text("\(scoped.count) open items, most severe first\(scoped.count > 100 ? " (first 100 shown)" : "").")),
                    .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Kind")), .th(.attribute(named: "scope", value: "col"), .text("Title")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Initiative")), .th(.class("number"), .attribute(named: "scope", value: "col"), .text("Score")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Status")), .th(.attribute(named: "scope", value: "col"), .text("Level")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Owner")), .th(.attribute(named: "scope", value: "col"), .text("Due")))),
                        .tbody(.forEach(scoped.prefix(100)) { item in
                            .tr(.td(.text(item.kind.label)), .td(.text(item.title)), .td(.text(codes[item.initiativeID] ?? "—")),
                                .td(.class("number"), .text(String(item.score))), .td(.text(item.status.label)),
                                .td(Components.badge(item.escalationLevel, kind: "level")), .td(.text(owners.name(item.ownerID))),
                                .td(.class("nowrap"), .text(Components.day(item.dueDate))))
                        }))))
            )).response(status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func moveForm(_ item: Record<RAIDItem>, caller: Caller) -> Node<HTML.BodyContext> {
        let levels = EscalationLevel.allCases.filter { $0 != item.escalationLevel }
        return .form(
            .class("inline move"), .method(.post), .action("/governance/raid/\(item.id)/escalation"), GovernanceForms.csrf(caller),
            .div(.class("field"),
                 .label(.for("level-\(item.id)"), .text("Level")),
                 .select(.attribute(named: "name", value: "level"), .id("level-\(item.id)"),
                         .forEach(levels) { level in .element(named: "option", nodes: [.attribute(named: "value", value: level.rawValue), .text(level.label)]) })),
            GovernanceForms.field("Reason", name: "reason", id: "reason-\(item.id)", required: true),
            .button(.type(.submit), .text("Move")))
    }
}
