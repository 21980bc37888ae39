import Fluent
import LodestarCore
import Plot
import Vapor

/// Planning cycles: open one, see its scenarios, close it with the decisions taken, and compare what
/// was decided with the plan as it is now.
enum PlanningCyclePages {
    static func register(on app: Application) {
        app.get("planning-cycles") { request async throws -> Response in try await list(request) }
        app.post("planning-cycles") { request async throws -> Response in try await open(request) }
        app.get("planning-cycles", ":id") { request async throws -> Response in try await show(request) }
        app.post("planning-cycles", ":id", "close") { request async throws -> Response in try await close(request) }
    }

    static func list(_ request: Request, errors: [String: String] = [:], values: [String: String] = [:]) async throws -> Response {
        let caller = try request.caller
        let cycles = try await PlanningCycleModel.query(on: request.db).sort(\.$quarter, .descending).all()
        let next = Quarter(containing: .today()).adding(1)
        return Layout(
            title: "Planning cycles", caller: caller, area: .scenarios,
            content: .group(
                .h1(.text("Planning cycles")),
                .p(.class("lead"), .text("Each quarter: open a cycle, re-score, run scenarios, and close it with the decisions taken. A closed cycle keeps a snapshot of the plan.")),
                cycles.isEmpty ? Components.empty("No planning cycle yet.") :
                .table(.class("data"), .id("cycles"),
                       .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Cycle")), .th(.attribute(named: "scope", value: "col"), .text("Quarter")),
                                  .th(.attribute(named: "scope", value: "col"), .text("Status")), .th(.attribute(named: "scope", value: "col"), .text("Opened")),
                                  .th(.attribute(named: "scope", value: "col"), .text("Closed")))),
                       .tbody(.forEach(cycles) { cycle in
                           .tr(.th(.attribute(named: "scope", value: "row"), .a(.href("/planning-cycles/\(cycle.id!)"), .text(cycle.name))),
                               .td(.text(cycle.quarter)), .td(Components.badge(PlanningCycleStatus.stored(cycle.status), kind: "cycle")),
                               .td(.text(cycle.openedOn)), .td(.text(cycle.closedOn ?? "—")))
                       })),
                .if(caller.isPortfolioStaff, Components.section("Open a cycle", id: "open",
                    .if(!errors.isEmpty, .div(.class("error"), .attribute(named: "role", value: "alert"), .id("form-errors"),
                                              .ul(.forEach(errors.sorted { $0.key < $1.key }) { .li(.text("\($0.key): \($0.value)")) }))),
                    .form(.class("edit"), .method(.post), .action("/planning-cycles"),
                          .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                          Components.field("Name", name: "name", value: values["name"] ?? "\(next) planning", error: errors["name"], required: true),
                          Components.field("Quarter it plans", name: "quarter", value: values["quarter"] ?? next.description, error: errors["quarter"], required: true),
                          .div(.class("actions"), .button(.type(.submit), .class("primary"), .text("Open cycle"))))))
            )).response(status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func open(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let form = try request.content.decode([String: String].self)
        guard let quarter = Quarter(form["quarter"] ?? "") else { return try await list(request, errors: ["quarter": "must be a quarter such as 2027-Q1"], values: form) }
        do {
            let created = try await EntityStore<PlanningCycleModel>(caller: caller, database: request.db)
                .create(PlanningCycle(name: form["name"] ?? "", quarter: quarter, openedOn: .today()))
            return request.redirect(to: "/planning-cycles/\(created.id!)", redirectType: .normal)
        } catch let problem as Problem where problem.status == .unprocessableEntity {
            return try await list(request, errors: problem.fieldErrors, values: form)
        }
    }

    static func show(_ request: Request, notice: String? = nil) async throws -> Response {
        let caller = try request.caller
        let id = try request.idParameter()
        guard let cycle = try await PlanningCycleModel.find(id, on: request.db) else { throw Problem.notFound("Planning cycle \(id)") }
        let scenarios = try await ScenarioModel.query(on: request.db).filter(\.$cycleID == id).sort(\.$name).all()
        let fields = cycle.fields
        var changes: PlanChanges?
        var snapshot: PlanSnapshot?
        if fields.status == .closed {
            snapshot = try await PlanningCycleController.snapshot(of: id, on: request.db)
            changes = snapshot!.changes(to: PlanSnapshot.take(of: try await request.portfolio(.scoring), on: .today()))
        }
        return Layout(
            title: fields.name, caller: caller, area: .scenarios,
            content: .group(
                .nav(.class("crumbs"), .attribute(named: "aria-label", value: "Breadcrumb"), .a(.href("/planning-cycles"), .text("Planning cycles"))),
                .h1(.id("cycle-name"), .text(fields.name)),
                .p(.text("Plans \(fields.quarter). Opened \(fields.openedOn)"), .text(fields.closedOn.map { ", closed \($0)." } ?? "."), .text(" "),
                   Components.badge(fields.status, kind: "cycle")),
                .unwrap(notice) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
                Components.section("Scenarios in this cycle", id: "scenarios",
                    scenarios.isEmpty ? Components.empty("No scenario belongs to this cycle yet.") :
                    .ul(.forEach(scenarios) { .li(.a(.href("/scenarios/\($0.id!)"), .text($0.name))) })),
                .if(fields.status == .closed, Components.section("Decisions taken", id: "decisions", .p(.id("decisions-summary"), .text(fields.decisionsSummary)))),
                .unwrap(snapshot) { snapshot in
                    Components.section("Since the cycle closed", id: "since",
                        .p(.text("At closing, \(snapshot.plan.count) initiatives were in the plan with \(Components.money(snapshot.totalBudget)) of budget.")),
                        .unwrap(changes) { changes in
                            .group(
                                .p(.id("plan-changes"), .text("Since then \(changes.joined.count) joined the plan, \(changes.left.count) left it, and the budget changed by \(Components.money(abs(changes.budgetChange)))\(changes.budgetChange < 0 ? " down" : changes.budgetChange > 0 ? " up" : "").")),
                                .if(!changes.joined.isEmpty, .group(.h3(.text("Joined")), .ul(.forEach(changes.joined) { .li(.a(.href("/initiatives/\($0.initiativeID)"), .text("\($0.code) \($0.name)"))) }))),
                                .if(!changes.left.isEmpty, .group(.h3(.text("Left")), .ul(.forEach(changes.left) { .li(.a(.href("/initiatives/\($0.initiativeID)"), .text("\($0.code) \($0.name)"))) }))),
                                .if(!changes.rankMoves.isEmpty, .group(.h3(.text("Largest rank moves")),
                                    .ul(.forEach(changes.rankMoves.prefix(10)) { .li(.text("\($0.code) \($0.name): #\($0.from) → #\($0.to)")) }))))
                        })
                },
                .if(fields.status == .open && caller.isPortfolioStaff, Components.section("Close the cycle", id: "close",
                    .form(.class("edit"), .method(.post), .action("/planning-cycles/\(id)/close"),
                          .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                          .input(.type(.hidden), .name("version"), .value(String(cycle.version))),
                          Components.textArea("Decisions taken in this cycle", name: "decisionsSummary", value: ""),
                          .div(.class("actions"), .button(.type(.submit), .class("primary"), .text("Close and keep a snapshot"))))))
            )).response()
    }

    static func close(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let id = try request.idParameter()
        let form = try request.content.decode([String: String].self)
        guard let version = form["version"].flatMap(Int.init) else { throw Problem.badRequest("The form has no version; reload the page.") }
        do {
            _ = try await PlanningCycleController.close(id, version: version, summary: form["decisionsSummary"] ?? "", by: caller, on: request.db)
        } catch let problem as Problem where [.unprocessableEntity, .conflict, .preconditionFailed].contains(problem.status) {
            return try await show(request, notice: problem.detail)
        }
        return request.redirect(to: "/planning-cycles/\(id)", redirectType: .normal)
    }
}
