import Fluent
import LodestarCore
import Plot
import Vapor

/// Scenario list, editor, run results, promotion and side-by-side comparison.
enum ScenarioPages {
    static func register(on app: Application) {
        app.get("scenarios") { request async throws -> Response in try await list(request) }
        app.get("scenarios", "new") { request async throws -> Response in try await editor(request, id: nil) }
        app.post("scenarios", "new") { request async throws -> Response in try await save(request, id: nil) }
        app.get("scenarios", "compare") { request async throws -> Response in try await compare(request) }
        app.get("scenarios", ":id") { request async throws -> Response in try await show(request) }
        app.get("scenarios", ":id", "edit") { request async throws -> Response in try await editor(request, id: try request.idParameter()) }
        app.post("scenarios", ":id", "edit") { request async throws -> Response in try await save(request, id: try request.idParameter()) }
        app.post("scenarios", ":id", "run") { request async throws -> Response in
            let caller = try request.caller
            try caller.require(ScenarioController.runners, to: "run scenarios")
            let id = try request.idParameter()
            _ = try await ScenarioRunner.run(id, by: caller, timeLimit: ScenarioRunner.interactiveTimeLimit, on: request.db, cache: request.application.portfolioCache)
            return request.redirect(to: "/scenarios/\(id)#outcome-title", redirectType: .normal)
        }
        app.post("scenarios", ":id", "promote") { request async throws -> Response in
            let caller = try request.caller
            let id = try request.idParameter()
            let form = try request.content.decode([String: String].self)
            do {
                _ = try await ScenarioPromotion.promote(id, run: nil, reason: form["reason"] ?? "", by: caller, on: request.db)
            } catch let problem as Problem where problem.status == .unprocessableEntity || problem.status == .conflict {
                return try await show(request, notice: problem.detail)
            }
            return request.redirect(to: "/scenarios/\(id)?promoted=1", redirectType: .normal)
        }
    }

    static func list(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let scenarios = try await ScenarioModel.query(on: request.db).sort(\.$name).all()
        let runs = try await ScenarioRunModel.query(on: request.db).all()
        let latest = Dictionary(grouping: runs, by: \.scenarioID).compactMapValues { $0.max { ($0.ranAt ?? .distantPast) < ($1.ranAt ?? .distantPast) } }
        return Layout(
            title: "Scenarios", caller: caller, area: .scenarios,
            content: .group(
                .h1(.text("Scenarios")),
                .p(.class("lead"), .text("What-ifs on the current plan: change budgets, capacity, what is in or out, and let the optimiser find the best plan.")),
                .if(caller.isPortfolioStaff, .p(.a(.class("button primary"), .href("/scenarios/new"), .text("New scenario")))),
                .p(.a(.href("/planning-cycles"), .text("Planning cycles"))),
                scenarios.isEmpty ? Components.empty("No scenarios yet.") : compareForm(scenarios, latest: latest)
            )).response()
    }

    static func compareForm(_ scenarios: [ScenarioModel], latest: [UUID: ScenarioRunModel]) -> Node<HTML.BodyContext> {
                .form(.method(.get), .action("/scenarios/compare"), .id("compare-form"),
                      .table(.class("data"), .id("scenarios"),
                             .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Compare")),
                                        .th(.attribute(named: "scope", value: "col"), .text("Scenario")),
                                        .th(.attribute(named: "scope", value: "col"), .text("Horizon")),
                                        .th(.attribute(named: "scope", value: "col"), .class("number"), .text("Value")),
                                        .th(.attribute(named: "scope", value: "col"), .class("number"), .text("Funded")),
                                        .th(.attribute(named: "scope", value: "col"), .text("Last run")))),
                             .tbody(.forEach(scenarios) { scenario in
                                 let outcome = latest[scenario.id!]?.decodedOutcome
                                 return .tr(
                                     .td(.input(.type(.checkbox), .name("ids"), .value(scenario.id!.uuidString), .id("compare-\(scenario.id!)"),
                                                .attribute(named: "aria-label", value: "Compare \(scenario.name)".attributeEscaped))),
                                     .th(.attribute(named: "scope", value: "row"), .a(.href("/scenarios/\(scenario.id!)"), .text(scenario.name))),
                                     .td(.text("\(scenario.firstQuarter), \(scenario.quarters) quarters")),
                                     .td(.class("number"), .text(outcome.map { String(format: "%.1f", $0.value) } ?? "—")),
                                     .td(.class("number"), .text(outcome.map { "\($0.funded.count)" } ?? "—")),
                                     .td(.text(latest[scenario.id!]?.ranAt.map(Self.timestamp) ?? "not run")))
                             })),
                      .button(.type(.submit), .text("Compare selected")))
    }

    static func show(_ request: Request, notice: String? = nil) async throws -> Response {
        let caller = try request.caller
        let id = try request.idParameter()
        guard let scenario = try await ScenarioModel.find(id, on: request.db) else { throw Problem.notFound("Scenario \(id)") }
        let run = try await ScenarioRunModel.latest(of: id, on: request.db)
        let outcome = run?.decodedOutcome
        let fields = scenario.fields
        let data = try await request.portfolio([.capacity, .scoring])
        let text = ScenarioForm.values(of: fields, ScenarioForm.Lookups(data))
        let canRun = ScenarioController.runners.contains(caller.role)
        let flash = request.query[String.self, at: "promoted"] != nil ? "Promoted: this run is now the plan, and the decision is recorded." : nil
        return Layout(
            title: scenario.name, caller: caller, area: .scenarios,
            content: .group(
                .nav(.class("crumbs"), .attribute(named: "aria-label", value: "Breadcrumb"), .a(.href("/scenarios"), .text("Scenarios"))),
                .h1(.id("scenario-name"), .text(scenario.name)),
                .unwrap(flash) { .p(.id("flash"), .class("flash"), .attribute(named: "role", value: "status"), .text($0)) },
                .unwrap(notice) { .p(.id("form-notice"), .class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
                .unwrap(fields.description.isEmpty ? nil : fields.description) { .p(.class("lead"), .text($0)) },
                Components.section("Changes to the plan", id: "changes",
                    Components.definitionList([
                        ("Horizon", .text("\(fields.firstQuarter), \(fields.quarters) quarters")),
                        ("Budget caps", .text(text["budgetCaps"].flatMap { $0.isEmpty ? nil : $0.replacingOccurrences(of: "\n", with: "; ") } ?? "none")),
                        ("Capacity changes", .text(text["capacityChanges"].flatMap { $0.isEmpty ? nil : $0.replacingOccurrences(of: "\n", with: "; ") } ?? "none")),
                        ("Forced in", .text(fields.forcedIn.isEmpty ? "none" : text["forcedIn"]!.replacingOccurrences(of: "\n", with: ", "))),
                        ("Forced out", .text(fields.forcedOut.isEmpty ? "none" : text["forcedOut"]!.replacingOccurrences(of: "\n", with: ", "))),
                        ("Shifted starts", .text(text["startShifts"].flatMap { $0.isEmpty ? nil : $0.replacingOccurrences(of: "\n", with: "; ") } ?? "none")),
                        ("Weight changes", .text(text["weightChanges"].flatMap { $0.isEmpty ? nil : $0.replacingOccurrences(of: "\n", with: "; ") } ?? "none")),
                    ]),
                    .div(.class("actions"),
                         .if(canRun, .form(.method(.post), .action("/scenarios/\(id)/run"), .class("inline"),
                                           .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                                           .button(.type(.submit), .class("primary"), .id("run-scenario"), .text("Run scenario")))),
                         .if(caller.isPortfolioStaff, .a(.href("/scenarios/\(id)/edit"), .text("Edit"))))),
                .unwrap(outcome) { outcomeSection($0, run: run!, scenarioVersion: scenario.version, caller: caller, id: id) }
            )).response()
    }

    static func outcomeSection(_ outcome: ScenarioOutcome, run: ScenarioRunModel, scenarioVersion: Int, caller: Caller, id: UUID) -> Node<HTML.BodyContext> {
        Components.section("Outcome of the last run", id: "outcome",
            .p(.id("outcome-summary"), .text(
                "\(outcome.funded.count) funded, \(outcome.leftOut.count) left out. Value \(String(format: "%.1f", outcome.value)); "
                    + "no plan can beat \(String(format: "%.1f", outcome.bound)) (gap \(String(format: "%.1f", outcome.gap * 100)) %). "
                    + "Cost \(Components.money(outcome.totalCost)); covers \(outcome.coverage.objectivesCovered) of \(outcome.coverage.objectivesTotal) objectives. "
                    + "Ran \(run.ranAt.map(timestamp) ?? "") in \(String(format: "%.2f", outcome.seconds)) s.")),
            .if(run.scenarioVersion != scenarioVersion, .p(.class("error"), .text("The scenario changed after this run: run it again before promoting."))),
            .unwrap(outcome.notes.isEmpty ? nil : outcome.notes) { notes in .ul(.class("notes"), .forEach(notes) { .li(.text($0)) }) },
            .h3(.text("Where one more unit helps most")),
            outcome.shadowPrices.isEmpty ? Components.empty("No constraint binds.") : .ul(.forEach(outcome.shadowPrices.prefix(6)) { .li(.text($0.explanation)) }),
            .h3(.text("Funded")),
            .table(.class("data"), .id("funded"),
                   .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Initiative")), .th(.attribute(named: "scope", value: "col"), .text("Runs")),
                              .th(.attribute(named: "scope", value: "col"), .class("number"), .text("Value")), .th(.attribute(named: "scope", value: "col"), .class("number"), .text("Cost")))),
                   .tbody(.forEach(outcome.funded.sorted { ($0.start, $0.code) < ($1.start, $1.code) }) { item in
                       .tr(.th(.attribute(named: "scope", value: "row"), .a(.href("/initiatives/\(item.initiativeID)"), .text("\(item.code) \(item.name)")),
                               .if(item.running, .span(.class("badge muted"), .text("running")))),
                           .td(.text("\(item.start) – \(item.finish)")), .td(.class("number"), .text(String(format: "%.1f", item.value))),
                           .td(.class("number"), .text(Components.money(item.cost))))
                   })),
            .h3(.text("Left out, and why")),
            outcome.leftOut.isEmpty ? Components.empty("Everything is funded.") :
            .table(.class("data"), .id("left-out"),
                   .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Initiative")), .th(.attribute(named: "scope", value: "col"), .class("number"), .text("Value")),
                              .th(.attribute(named: "scope", value: "col"), .text("Reason")))),
                   .tbody(.forEach(outcome.leftOut.sorted { ($0.value, $1.code) > ($1.value, $0.code) }) { item in
                       .tr(.th(.attribute(named: "scope", value: "row"), .a(.href("/initiatives/\(item.initiativeID)"), .text("\(item.code) \(item.name)"))),
                           .td(.class("number"), .text(String(format: "%.1f", item.value))), .td(.text(item.reason)))
                   })),
            .if(caller.isPortfolioStaff && run.promotedAt == nil && run.scenarioVersion == scenarioVersion,
                .form(.method(.post), .action("/scenarios/\(id)/promote"), .class("edit"), .id("promote-form"),
                      .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                      Components.textArea("Why make this the plan? (recorded as the decision's rationale)", name: "reason", value: ""),
                      .button(.type(.submit), .class("primary"), .text("Promote to the plan")))),
            .unwrap(run.promotedAt) { .p(.class("flash"), .text("Promoted \(timestamp($0)).")) })
    }

    static func editor(_ request: Request, id: UUID?, values: [String: String]? = nil, errors: [String: String] = [:], status: HTTPResponseStatus = .ok) async throws -> Response {
        let caller = try request.caller
        guard caller.isPortfolioStaff else { throw Problem.forbidden("Only the PMO and admins edit scenarios; executives may run and compare them.") }
        let data = try await request.portfolio([.capacity, .scoring])
        let lookups = ScenarioForm.Lookups(data)
        var version = 0
        var v = values ?? [
            "firstQuarter": Quarter(containing: .today()).adding(1).description, "quarters": "8",
        ]
        if let id, values == nil {
            guard let scenario = try await ScenarioModel.find(id, on: request.db) else { throw Problem.notFound("Scenario \(id)") }
            v = ScenarioForm.values(of: scenario.fields, lookups)
            version = scenario.version
        } else if let stored = values?["version"].flatMap(Int.init) {
            version = stored
        }
        let cycles = try await PlanningCycleModel.query(on: request.db).sort(\.$quarter, .descending).all()
        let error = { (field: String) in errors[field] }
        let action = id.map { "/scenarios/\($0)/edit" } ?? "/scenarios/new"
        return Layout(
            title: id == nil ? "New scenario" : "Edit scenario", caller: caller, area: .scenarios,
            content: .group(
                .nav(.class("crumbs"), .attribute(named: "aria-label", value: "Breadcrumb"), .a(.href("/scenarios"), .text("Scenarios"))),
                .h1(.text(id == nil ? "New scenario" : "Edit \(v["name"] ?? "scenario")")),
                .if(!errors.isEmpty,
                    .div(.class("error"), .attribute(named: "role", value: "alert"), .id("form-errors"),
                         .p(.text("Nothing was saved. Please correct:")),
                         .ul(.forEach(errors.sorted { $0.key < $1.key }) { field, reason in .li(.a(.href("#\(field)"), .text("\(field): \(reason)"))) }))),
                .form(.class("edit"), .method(.post), .action(action),
                      .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                      .input(.type(.hidden), .name("version"), .value(String(version))),
                      Components.field("Name", name: "name", value: v["name"] ?? "", error: error("name"), required: true),
                      Components.textArea("Description", name: "description", value: v["description"] ?? "", error: error("description")),
                      Components.field("First quarter", name: "firstQuarter", value: v["firstQuarter"] ?? "", error: error("firstQuarter"), required: true, hint: "e.g. 2027-Q1"),
                      Components.field("Quarters", name: "quarters", value: v["quarters"] ?? "8", type: .number, error: error("quarters"), required: true),
                      Components.select("Scoring model (the initiatives' value)", name: "scoringModelID",
                                        options: [(value: "", label: "The default model")] + data.scoringModels.sorted { $0.name < $1.name }.map { (value: $0.id.uuidString, label: $0.name) },
                                        selected: v["scoringModelID"] ?? "", error: error("scoringModelID")),
                      Components.select("Planning cycle", name: "cycleID",
                                        options: [(value: "", label: "None")] + cycles.map { (value: $0.id!.uuidString, label: $0.name) },
                                        selected: v["cycleID"] ?? "", error: error("cycleID")),
                      Components.textArea("Budget caps: one per line, quarter and amount (e.g. 2027-Q1 2500000)", name: "budgetCaps", value: v["budgetCaps"] ?? "", error: error("budgetCaps")),
                      Components.textArea("Capacity changes: pool, quarter, FTE (e.g. Data Engineering, 2027-Q3, +2)", name: "capacityChanges", value: v["capacityChanges"] ?? "", error: error("capacityChanges")),
                      Components.textArea("Forced in: initiative codes", name: "forcedIn", value: v["forcedIn"] ?? "", error: error("forcedIn")),
                      Components.textArea("Forced out: initiative codes", name: "forcedOut", value: v["forcedOut"] ?? "", error: error("forcedOut")),
                      Components.textArea("Shifted starts: code and quarter (e.g. INI-00042 2027-Q3)", name: "startShifts", value: v["startShifts"] ?? "", error: error("startShifts")),
                      Components.textArea("Weight changes: criterion = weight (e.g. Urgency = 30)", name: "weightChanges", value: v["weightChanges"] ?? "", error: error("weightChanges")),
                      .div(.class("actions"), .button(.type(.submit), .class("primary"), .text("Save")), .a(.href(id.map { "/scenarios/\($0)" } ?? "/scenarios"), .text("Cancel"))))
            )).response(status: status)
    }

    static func save(_ request: Request, id: UUID?) async throws -> Response {
        let caller = try request.caller
        let form = try request.content.decode([String: String].self)
        let data = try await request.portfolio([.capacity, .scoring])
        let scenario: Scenario
        switch ScenarioForm(values: form).scenario(ScenarioForm.Lookups(data)) {
            case .success(let value): scenario = value
            case .failure(let errors): return try await editor(request, id: id, values: form, errors: errors.byField, status: .unprocessableEntity)
        }
        let store = EntityStore<ScenarioModel>(caller: caller, database: request.db)
        do {
            if let id {
                guard let version = form["version"].flatMap(Int.init) else { throw Problem.badRequest("The form has no version; reload the page.") }
                _ = try await store.update(id, expectedVersion: version) { _ in scenario }
                return request.redirect(to: "/scenarios/\(id)", redirectType: .normal)
            }
            let created = try await store.create(scenario)
            return request.redirect(to: "/scenarios/\(created.id!)", redirectType: .normal)
        } catch let problem as Problem where problem.status == .unprocessableEntity {
            return try await editor(request, id: id, values: form, errors: problem.fieldErrors, status: .unprocessableEntity)
        } catch let problem as Problem where problem.status == .preconditionFailed {
            return try await editor(request, id: id, values: form,
                                    errors: ["version": "somebody else saved this scenario while you were editing; your changes are still here, reload to see theirs"],
                                    status: .conflict)
        }
    }

    static func compare(_ request: Request) async throws -> Response {
        let caller = try request.caller
        try caller.require(ScenarioController.runners, to: "compare scenarios")
        let ids = (try? request.query.get([String].self, at: "ids")) ?? (request.query[String.self, at: "ids"].map { $0.split(separator: ",").map(String.init) } ?? [])
        let uuids = ids.compactMap(UUID.init(uuidString:))
        guard (2...6).contains(uuids.count), uuids.count == ids.count else {
            throw Problem.validation([FieldIssue("ids", "choose 2 to 6 scenarios to compare")])
        }
        let result = try await ScenarioRunner.compare(uuids, on: request.db)
        let columns = result.comparison.columns
        func row(_ label: String, _ value: @escaping (ScenarioComparison.Column) -> String) -> Node<HTML.TableContext> {
            .tr(.th(.attribute(named: "scope", value: "row"), .text(label)), .forEach(columns) { .td(.class("number"), .text(value($0))) })
        }
        let pools = columns.first?.utilisation.map(\.poolName) ?? []
        return Layout(
            title: "Compare scenarios", caller: caller, area: .scenarios,
            content: .group(
                .nav(.class("crumbs"), .attribute(named: "aria-label", value: "Breadcrumb"), .a(.href("/scenarios"), .text("Scenarios"))),
                .h1(.text("Compare scenarios")),
                .table(.class("data"), .id("comparison"),
                       .thead(.tr(.td(), .forEach(result.scenarios) { .th(.attribute(named: "scope", value: "col"), .a(.href("/scenarios/\($0.id)"), .text($0.name))) })),
                       .tbody(
                           row("Value") { String(format: "%.1f", $0.value) },
                           row("Gap to best possible") { String(format: "%.1f %%", $0.gap * 100) },
                           row("Cost") { Components.money($0.cost) },
                           row("Initiatives funded") { "\($0.fundedCount)" },
                           row("Objectives covered") { "\($0.objectivesCovered)" },
                           row("Strategy weight covered") { "\($0.weightCovered.percentText)" },
                           .forEach(pools) { pool in
                               row("\(pool) utilisation") { column in
                                   column.utilisation.first { $0.poolName == pool }.map { "\($0.utilisation.percentText)" } ?? "—"
                               }
                           })),
                Components.section("Initiatives whose fate differs", id: "differences",
                    result.comparison.differences.isEmpty ? Components.empty("The scenarios fund the same initiatives at the same times.") :
                    .table(.class("data"), .id("differences-table"),
                           .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Initiative")),
                                      .forEach(result.scenarios) { .th(.attribute(named: "scope", value: "col"), .text($0.name)) })),
                           .tbody(.forEach(result.comparison.differences) { difference in
                               .tr(.th(.attribute(named: "scope", value: "row"), .a(.href("/initiatives/\(difference.initiativeID)"), .text("\(difference.code) \(difference.name)"))),
                                   .forEach(difference.fates) { .td(.text($0)) })
                           })))
            )).response()
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMM yyyy HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
