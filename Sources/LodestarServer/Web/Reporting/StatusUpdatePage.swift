import Fluent
import LodestarCore
import Plot
import Vapor

/// The owner's status update for the current period, prefilled with what the records say changed
/// since the last one and the colours the rules compute, so reporting is confirming and adding
/// judgement. Saved through `EntityStore` (validated, authorised, audited).
enum StatusUpdatePage {
    static let colourFields = ["overall"] + HealthDimension.allCases.map(\.rawValue)
    static let textFields = [("summary", "Summary: what changed"), ("accomplishments", "Accomplishments"), ("nextSteps", "Next steps"),
                             ("blockers", "Blockers")]

    static func show(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let id = try request.idParameter()
        let initiative = try await authorised(id, caller: caller, on: request.db)
        let snapshot = try await request.snapshot(cadence: StatusReports.cadence)
        guard let draft = StatusDraft.prefill(id, snapshot: snapshot, index: PortfolioIndex(snapshot)) else { throw Problem.notFound("Initiative \(id)") }
        return view(initiative, values: values(of: draft), errors: [:], caller: caller).response()
    }

    static func submit(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let id = try request.idParameter()
        let initiative = try await authorised(id, caller: caller, on: request.db)
        let form = try request.content.decode([String: String].self)
        var errors: [String: String] = [:]
        func colour(_ name: String) -> Health {
            guard let value = form[name].flatMap(Health.init(rawValue:)) else {
                errors[name] = "Choose green, amber or red."
                return .green
            }
            return value
        }
        let period = StatusReports.cadence.period(containing: Day.today())
        let update = StatusUpdate(
            initiativeID: id, periodStart: period.start, overall: colour("overall"), schedule: colour("schedule"), cost: colour("cost"),
            scope: colour("scope"), risk: colour("risk"), benefits: colour("benefits"), summary: form["summary"] ?? "",
            accomplishments: form["accomplishments"] ?? "", nextSteps: form["nextSteps"] ?? "", blockers: form["blockers"] ?? "")
        if errors.isEmpty {
            do {
                _ = try await EntityStore<StatusUpdateModel>(caller: caller, database: request.db).create(update)
                return request.redirect(to: "/initiatives/\(id)?saved=1", redirectType: .normal)
            } catch let problem as Problem where problem.status == .unprocessableEntity {
                errors = problem.fieldErrors
            }
        }
        return view(initiative, values: form, errors: errors, caller: caller).response(status: .unprocessableEntity)
    }

    static func authorised(_ id: UUID, caller: Caller, on database: any Database) async throws -> InitiativeModel {
        guard let initiative = try await InitiativeModel.find(id, on: database) else { throw Problem.notFound("Initiative \(id)") }
        guard caller.isPortfolioStaff || (caller.role == .owner && initiative.ownerID == caller.userID) else {
            throw Problem.forbidden("Only the initiative's owner and the PMO report its status.")
        }
        return initiative
    }

    static func values(of draft: StatusUpdate) -> [String: String] {
        var values = ["overall": draft.overall.rawValue, "summary": draft.summary, "accomplishments": draft.accomplishments,
                      "nextSteps": draft.nextSteps, "blockers": draft.blockers]
        for (dimension, colour) in draft.dimensions { values[dimension.rawValue] = colour.rawValue }
        return values
    }

    static func view(_ initiative: InitiativeModel, values: [String: String], errors: [String: String], caller: Caller) -> Layout {
        let period = StatusReports.cadence.period(containing: Day.today())
        let id = initiative.id!
        return Layout(
            title: "Status update · \(initiative.code)", caller: caller, area: .portfolio,
            content: .group(
                .nav(.class("crumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
                     .a(.href("/initiatives"), .text("Portfolio")), .text(" / "),
                     .a(.href("/initiatives/\(id)"), .text(initiative.code)), .text(" / status update")),
                .h1(.text("Status update for \(initiative.name)")),
                .p(.class("lead"), .text("Period \(period.start) to \(period.end). Prefilled from the records: what moved, what was decided, what is due, and the colours the health rules compute. Correct and add your judgement.")),
                .if(!errors.isEmpty, .div(.id("form-errors"), .class("error"), .attribute(named: "role", value: "alert"),
                                          .p(.text("Please correct: \(errors.keys.sorted().joined(separator: ", ")).")))),
                .form(
                    .class("edit"), .method(.post), .action("/initiatives/\(id)/status-update"),
                    .input(.type(.hidden), .name("csrf"), .value((caller.csrfToken ?? "").attributeEscaped)),
                    .fieldset(
                        .element(named: "legend", text: "Health"),
                        .forEach(colourFields) { name in
                            Components.select(name == "overall" ? "Overall" : name.capitalized, name: name,
                                              options: Components.vocabularyOptions(Health.self), selected: values[name] ?? "green",
                                              error: errors[name])
                        }
                    ),
                    .forEach(textFields) { field in
                        Components.textArea(field.1, name: field.0, value: values[field.0] ?? "", error: errors[field.0])
                    },
                    .div(.class("actions"),
                         .button(.type(.submit), .class("primary"), .text("Submit update")),
                         .a(.href("/initiatives/\(id)"), .text("Cancel")))
                )
            ))
    }
}
