import Fluent
import LodestarCore
import Plot
import Vapor

/// The portfolio list: every initiative, filtered, sorted and paged on the server.
enum PortfolioPage {
    struct Model {
        var rows: [InitiativeModel]
        var total: Int
        var query: ListQuery
        var sortName: String
        var status: String
        var tier: String
        var search: String
        var owners: UserDirectory
    }

    static func query(_ request: Request) async throws -> Model {
        let listing = InitiativeModel.listing
        let query = try ListQuery(request, listing: listing)
        let page = try await ResourceController<InitiativeModel>.page(query, on: request.db)
        return Model(
            rows: page.items, total: page.total, query: query,
            sortName: request.query[String.self, at: "sort"] ?? listing.defaultSort,
            status: request.query[String.self, at: "status"] ?? "",
            tier: request.query[String.self, at: "tier"] ?? "",
            search: request.query[String.self, at: "q"] ?? "",
            owners: try await UserDirectory.load(page.items.map(\.ownerID), on: request.db))
    }

    static func link(_ model: Model, sort: String? = nil, offset: Int = 0) -> String {
        var parts = ["sort=\((sort ?? model.sortName).queryEncoded)", "limit=\(model.query.limit)", "offset=\(offset)"]
        if !model.status.isEmpty { parts.append("status=\(model.status.queryEncoded)") }
        if !model.tier.isEmpty { parts.append("tier=\(model.tier.queryEncoded)") }
        if !model.search.isEmpty { parts.append("q=\(model.search.queryEncoded)") }
        return "/initiatives?" + parts.joined(separator: "&")
    }

    static func sortHeader(_ title: String, _ name: String, _ model: Model) -> Node<HTML.TableRowContext> {
        let current = model.sortName == name ? "ascending" : model.sortName == "-\(name)" ? "descending" : nil
        let next = current == "ascending" ? "-\(name)" : name
        return .th(
            .attribute(named: "scope", value: "col"),
            .unwrap(current) { .attribute(named: "aria-sort", value: $0) },
            .a(.href(link(model, sort: next)), .text(title))
        )
    }

    static func view(_ model: Model, caller: Caller) -> Layout {
        Layout(
            title: "Portfolio", caller: caller, area: .portfolio,
            content: .group(
                .h1(.text("Portfolio")),
                .form(
                    .class("filters"), .method(.get), .action("/initiatives"),
                    .attribute(named: "role", value: "search"),
                    Components.field("Name contains", name: "q", value: model.search, type: .search),
                    Components.select("Status", name: "status", options: Components.vocabularyOptions(InitiativeStatus.self, allowNone: "Any status"), selected: model.status),
                    Components.select("Tier", name: "tier", options: Components.vocabularyOptions(GovernanceTier.self, allowNone: "Any tier"), selected: model.tier),
                    .input(.type(.hidden), .name("sort"), .value(model.sortName.attributeEscaped)),
                    .button(.type(.submit), .text("Filter"))
                ),
                .if(model.rows.isEmpty,
                    Components.empty("No initiative matches these filters."),
                    else: .div(
                        .class("table-wrap"),
                        .table(
                            .caption(.text("\(model.total) initiatives")),
                            .thead(.tr(
                                sortHeader("Code", "code", model),
                                sortHeader("Name", "name", model),
                                sortHeader("Status", "status", model),
                                sortHeader("Tier", "tier", model),
                                .th(.attribute(named: "scope", value: "col"), .text("Owner")),
                                sortHeader("Start", "plannedStart", model),
                                sortHeader("Finish", "plannedFinish", model),
                                sortHeader("Budget", "budget", model)
                            )),
                            .tbody(.forEach(model.rows) { row in
                                .tr(
                                    .td(.class("nowrap"), .text(row.code)),
                                    .td(.a(.href("/initiatives/\(row.id!)"), .text(row.name))),
                                    .td(Components.badge(InitiativeStatus.stored(row.status), kind: "status")),
                                    .td(.text(GovernanceTier.stored(row.tier).label)),
                                    .td(.text(model.owners.name(row.ownerID))),
                                    .td(.class("nowrap"), .text(row.plannedStart ?? "—")),
                                    .td(.class("nowrap"), .text(row.plannedFinish ?? "—")),
                                    .td(.class("number"), .text(Components.money(row.totalBudget)))
                                )
                            })
                        )
                    )),
                Components.pagination(total: model.total, limit: model.query.limit, offset: model.query.offset) { link(model, offset: $0) }
            ))
    }
}
