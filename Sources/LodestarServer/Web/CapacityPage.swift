import Fluent
import LodestarCore
import Plot
import Vapor

/// Where the resource constraints are (Q2): the heat map, the over-allocations with their causes,
/// and the shadow prices of capacity.
enum CapacityPage {
    static func view(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let picture = try await CapacityPicture.load(request)
        let pools = Dictionary(uniqueKeysWithValues: picture.pools.map { ($0.id, $0.name) })
        return Layout(
            title: "Capacity", caller: caller, area: .capacity,
            content: .group(
                .h1(.text("Capacity")),
                .p(.class("lead"), .text("Demand of approved and active work against each pool's capacity, \(picture.quarters.first?.description ?? "") to \(picture.quarters.last?.description ?? "").")),
                Components.section("Heat map", id: "heatmap",
                    .div(.class("scroll"), .raw(HeatMapSVG(picture: picture).svg)),
                    .element(named: "details", nodes: [
                        .element(named: "summary", text: "The same figures as a table"),
                        dataTable(picture, pools: pools),
                    ])),
                Components.section("Where one more unit helps most", id: "shadow-prices",
                    picture.shadowPrices.isEmpty ? Components.empty("No constraint binds the current plan: more capacity would not unlock value.") :
                    .ul(.id("shadow-price-list"), .forEach(picture.shadowPrices.prefix(8)) { .li(.text($0.explanation)) })),
                Components.section("Over-allocations", id: "over",
                    picture.overAllocations.isEmpty ? Components.empty("No pool is over capacity in these quarters.") :
                    .ul(.id("over-allocations"), .forEach(picture.overAllocations) { over in
                        .li(.strong(.text("\(over.poolName), \(over.quarter): ")),
                            .text("\(fte(over.demand)) FTE asked of \(fte(over.capacity)) (\(fte(over.excess)) over). Largest demands: "),
                            .group(over.causes.prefix(4).enumerated().map { index, cause in
                                .group(.if(index > 0, .text(", ")), .a(.href("/initiatives/\(cause.initiativeID)"), .text(cause.code)),
                                       .text(" \(fte(cause.fte))"))
                            }))
                    }))
            )).response()
    }

    static func dataTable(_ picture: CapacityPicture, pools: [UUID: String]) -> Node<HTML.BodyContext> {
        let cells = Dictionary(picture.cells.map { ("\($0.poolID)|\($0.quarter)", $0) }, uniquingKeysWith: { first, _ in first })
        return .table(.class("data"), .id("capacity-table"),
            .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Pool")),
                       .forEach(picture.quarters) { .th(.attribute(named: "scope", value: "col"), .class("number"), .text($0.description)) })),
            .tbody(.forEach(picture.pools) { pool in
                .tr(.th(.attribute(named: "scope", value: "row"), .text(pool.name)),
                    .forEach(picture.quarters) { quarter in
                        let cell = cells["\(pool.id)|\(quarter)"]
                        return .td(.class("number"), .text(cell.map { "\(fte($0.demand)) / \(fte($0.capacity))" } ?? "—"))
                    })
            }))
    }

    static func fte(_ value: Double) -> String { String(format: "%.1f", value) }
}
