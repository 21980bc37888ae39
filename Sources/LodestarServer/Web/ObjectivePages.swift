import Fluent
import LodestarCore
import Plot
import Vapor

/// The strategy tree (themes → objectives → key results) and one objective with what serves it.
enum ObjectivePages {
    static func tree(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let objectives = try await ObjectiveModel.query(on: request.db).sort(\.$name).all().map(\.record)
        let children = Dictionary(grouping: objectives.filter { $0.parentID != nil }, by: { $0.parentID! })
        func branch(_ items: [Record<Objective>]) -> Node<HTML.BodyContext> {
            .ul(.forEach(items) { item in
                .li(
                    .a(.href("/objectives/\(item.id)"), .text(item.name)),
                    .text(" "), .span(.class("muted"), .text("\(item.level.label) · weight \(item.weight.plainText) · \(item.stage.label)")),
                    .unwrap(children[item.id]) { branch($0) }
                )
            })
        }
        let themes = objectives.filter { $0.level == .theme }
        return Layout(
            title: "Strategy", caller: caller, area: .strategy,
            content: .group(
                .h1(.text("Strategic objectives")),
                themes.isEmpty ? Components.empty("No strategic themes yet.") : .div(.class("panel tree"), branch(themes))
            )).response()
    }

    static func show(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let id = try request.idParameter()
        guard let objective = try await ObjectiveModel.find(id, on: request.db)?.record else { throw Problem.notFound("Objective \(id)") }
        let parent = try await objective.parentID.asyncMap { try await ObjectiveModel.find($0, on: request.db) } ?? nil
        let children = try await ObjectiveModel.all(where: "parent_id", is: id, on: request.db).map(\.record)
        let alignments = try await AlignmentModel.all(where: "objective_id", is: id, on: request.db).map(\.record)
        let initiatives = try await InitiativeModel.all(where: "id", in: alignments.map(\.initiativeID), on: request.db)
        let byID = Dictionary(uniqueKeysWithValues: initiatives.map { ($0.id!, $0) })
        let benefits = try await BenefitModel.all(where: "objective_id", is: id, on: request.db).map(\.record)
        let people = try await UserDirectory.load([objective.ownerID], on: request.db)
        return Layout(
            title: objective.name, caller: caller, area: .strategy,
            content: .group(
                .nav(.class("crumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
                     .a(.href("/objectives"), .text("Strategy")),
                     .unwrap(parent) { parent in .group(.text(" / "), .a(.href("/objectives/\(parent.id!)"), .text(parent.name))) }),
                .h1(.text(objective.name)),
                .p(.class("badges"), .span(.class("badge"), .text(objective.level.label)), .text(" "), .span(.class("badge"), .text(objective.stage.label))),
                .unwrap(objective.description.isEmpty ? nil : objective.description) { .p(.class("lead"), .text($0)) },
                Components.section("Facts", id: "facts", Components.definitionList([
                    ("Owner", .text(people.name(objective.ownerID))),
                    ("Weight", .text(objective.weight.plainText)),
                    ("Horizon", .text(Components.day(objective.horizon))),
                ])),
                Components.section("Below this", id: "children",
                    children.isEmpty ? Components.empty("Nothing below this \(objective.level.label.lowercased()).") :
                    .ul(.forEach(children) { .li(.a(.href("/objectives/\($0.id)"), .text($0.name)), .text(" (\($0.level.label))")) })),
                Components.section("Initiatives that serve it", id: "initiatives",
                    alignments.isEmpty ? Components.empty("No initiative is aligned to this yet.") :
                    .ul(.forEach(alignments.sorted { $0.contribution > $1.contribution }) { alignment in
                        .li(.a(.href("/initiatives/\(alignment.initiativeID)"), .text(byID[alignment.initiativeID]?.name ?? "Unknown")),
                            .text(" — contributes \(alignment.contribution.percentText)"))
                    })),
                Components.section("Outcome KPIs", id: "benefits",
                    benefits.isEmpty ? Components.empty("No outcome KPI defined.") :
                    .ul(.forEach(benefits) { .li(.text("\($0.name): \($0.baseline.plainText) → \($0.target.plainText) \($0.unit) by \(Components.day($0.targetDate))")) }))
            )).response()
    }
}
