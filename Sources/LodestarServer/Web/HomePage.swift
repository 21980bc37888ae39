import Fluent
import LodestarCore
import Plot
import Vapor

/// The signed-in overview: the portfolio at a glance with a way into each area.
enum HomePage {
    struct Model {
        var countsByStatus: [(InitiativeStatus, Int)]
        var totalBudget: Double
        var objectives: Int
    }

    static func query(on database: any Database) async throws -> Model {
        var counts: [(InitiativeStatus, Int)] = []
        for status in InitiativeStatus.allCases {
            counts.append((status, try await InitiativeModel.query(on: database).filter(\.$status == status.rawValue).count()))
        }
        let budget = try await InitiativeModel.query(on: database)
            .filter(\.$status ~~ [InitiativeStatus.approved.rawValue, InitiativeStatus.active.rawValue])
            .sum(\.$totalBudget) ?? 0
        return Model(countsByStatus: counts, totalBudget: budget, objectives: try await ObjectiveModel.query(on: database).count())
    }

    static func view(_ model: Model, caller: Caller) -> Layout {
        Layout(
            title: "Overview", caller: caller, area: .home,
            content: .group(
                .h1(.text("Portfolio overview")),
                .div(
                    .class("cards"),
                    .forEach(model.countsByStatus) { status, count in
                        .a(.class("card"), .href("/initiatives?status=\(status.rawValue)"),
                           .span(.class("figure"), .text("\(count)")),
                           .span(.class("caption"), .text("\(status.label) initiatives")))
                    },
                    .div(.class("card"),
                         .span(.class("figure"), .text(Components.money(model.totalBudget))),
                         .span(.class("caption"), .text("Budget of approved and active work"))),
                    .a(.class("card"), .href("/objectives"),
                       .span(.class("figure"), .text("\(model.objectives)")),
                       .span(.class("caption"), .text("Strategic objectives and key results")))
                )
            ))
    }
}
