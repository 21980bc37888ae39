import Fluent
import LodestarCore
import Plot
import Vapor

/// The gates board: every live initiative in the column of the gate it has reached, with its tier,
/// and the reviews waiting for a decision.
enum GatesBoardPage {
    static func show(_ request: Request, errors: [String] = []) async throws -> Response {
        let caller = try request.caller
        let initiatives = try await InitiativeModel.query(on: request.db)
            .filter(\.$status ~~ [InitiativeStatus.proposed, .approved, .active, .onHold].map(\.rawValue)).sort(\.$code).all()
        let pending = Set(try await GateReviewModel.query(on: request.db).filter(\.$status == GateReviewStatus.pending.rawValue).all().map(\.initiativeID))
        let assessments = try await TierService.assess(on: request.db)
        let mismatched = assessments.filter { $0.currentTier != $0.effectiveTier }
        let columns = Gate.allCases.map { gate in (gate, initiatives.filter { $0.currentGate == gate.rawValue }) }
        return Layout(
            title: "Governance", caller: caller, area: .governance,
            content: .group(
                .h1(.text("Governance")),
                GovernancePages.tabs("/governance", caller: caller),
                GovernancePages.flash(request, errors: errors),
                Components.section("Tiers", id: "tiers",
                    .p(.text("\(assessments.count) initiatives; tier rules would change \(mismatched.count) of them.")),
                    .if(!mismatched.isEmpty, .div(.class("table-wrap"), .table(
                        .caption(.text("Initiatives whose tier differs from the rules (or an override)")),
                        .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Initiative")), .th(.attribute(named: "scope", value: "col"), .text("Now")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Rules say")), .th(.attribute(named: "scope", value: "col"), .text("Why")))),
                        .tbody(.forEach(mismatched.prefix(50)) { row in
                            .tr(.td(.a(.href("/governance/initiatives/\(row.initiativeID)"), .text("\(row.code) \(row.name)"))),
                                .td(.text(row.currentTier.label)), .td(.text(row.effectiveTier.label)),
                                .td(.text(row.overrideReason.map { "Override: \($0)" } ?? row.explanation)))
                        })))),
                    .if(caller.isPortfolioStaff && !mismatched.isEmpty, .form(
                        .method(.post), .action("/governance/tiers/apply"), GovernanceForms.csrf(caller),
                        .button(.type(.submit), .class("primary"), .text("Apply the tier rules"))))),
                .section(
                    .class("panel"), .attribute(named: "aria-labelledby", value: "board-title"),
                    .h2(.id("board-title"), .text("Gates board")),
                    .p(.class("muted"), .text("Each initiative sits in the column of the last gate it passed. ★ marks a review waiting for its decision.")),
                    .div(.class("gate-board"), .forEach(columns) { gate, rows in
                        .section(
                            .class("gate-column"), .attribute(named: "aria-labelledby", value: "gate-\(gate.rawValue)"),
                            .h3(.id("gate-\(gate.rawValue)"), .text("\(gate.label) (\(rows.count))")),
                            .ul(.forEach(rows.prefix(60)) { row in
                                .li(.a(.href("/governance/initiatives/\(row.id!)"), .span(.class("code"), .text(row.code)), .text(" \(row.name)")),
                                    .text(" "), .span(.class("badge tier-\(row.tier)"), .text(GovernanceTier.stored(row.tier).label)),
                                    .if(pending.contains(row.id!), .span(.class("badge pending"), .attribute(named: "title", value: "Review pending"), .text("★ review pending"))))
                            }),
                            .if(rows.count > 60, .p(.class("muted"), .text("and \(rows.count - 60) more")))
                        )
                    })
                )
            )).response(status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
