import Fluent
import LodestarCore
import Plot
import Vapor

/// `/pmo/improvements`: the PMO's improvement backlog, worked in short cycles (define, design,
/// deliver); completed items with evidence are its wins.
enum PMOImprovementsPage {
    static func show(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let items = try await ImprovementItemModel.query(on: request.db).all().map(\.record)
        let people = try await UserDirectory.load(items.map(\.ownerID), on: request.db)
        let order = ImprovementStatus.allCases
        let sorted = items.sorted {
            (order.firstIndex(of: $0.status)!, $0.completedOn ?? Day(ordinal: 0), $0.title) < (order.firstIndex(of: $1.status)!, $1.completedOn ?? Day(ordinal: 0), $1.title)
        }
        let wins = items.filter { $0.fields.isWin }
        return Layout(
            title: "Improvements", caller: caller, area: .pmo,
            content: .group(
                .h1(.text("Early wins and continuous improvement")),
                PMOPageParts.subnav(current: "/pmo/improvements"),
                .if(caller.isPortfolioStaff, .p(.a(.class("button"), .href("/pmo/improvements/new"), .text("New improvement item")))),
                .div(.class("cards"),
                     PMOCharterPage.card("\(wins.count)", "Wins: done, measured better, with evidence"),
                     PMOCharterPage.card("\(items.filter { $0.status.isOpen }.count)", "Items in define, design or deliver")),
                .if(items.isEmpty, Components.empty("The backlog is empty. Add items through the API (improvement items)."),
                    else: .div(.class("table-wrap"), .table(
                        .caption(.text("Improvement backlog")),
                        .thead(.tr(PMOPageParts.columnHeader("Improvement"), PMOPageParts.columnHeader("Status"),
                                   PMOPageParts.columnHeader("Metric"), PMOPageParts.columnHeader("Before", numeric: true),
                                   PMOPageParts.columnHeader("After", numeric: true), PMOPageParts.columnHeader("Owner"),
                                   PMOPageParts.columnHeader("Evidence"))),
                        .tbody(.forEach(sorted) { item in
                            .tr(
                                PMOPageParts.rowHeader(.group(
                                    .text(item.title), .if(item.fields.isWin, .group(.text(" "), .span(.class("badge health-green"), .text("Win")))),
                                    .p(.class("muted"), .text("Pain point: \(item.painPoint)")),
                                    .unwrap(item.hypothesis.isEmpty ? nil : item.hypothesis) { .p(.class("muted"), .text("Hypothesis: \($0)")) })),
                                .td(Components.badge(item.status, kind: "improvement"),
                                    .unwrap(item.completedOn) { .p(.class("muted"), .text("Completed \($0)")) }),
                                .td(.text(item.metric)),
                                PMOPageParts.number(item.before, decimals: 2),
                                PMOPageParts.number(item.after, decimals: 2),
                                .td(.text(people.name(item.ownerID))),
                                .td(.text(item.evidence)))
                        })
                    )))
            )).response()
    }
}
