import Fluent
import LodestarCore
import Plot
import Vapor

/// The form that changes an initiative. It carries the version it was read at, so a concurrent
/// change by somebody else is shown to the user instead of being overwritten.
enum InitiativeEditPage {
    struct Model {
        var id: UUID
        var version: Int
        var values: [String: String]
        var errors: [String: String]
        var notice: String?
        var people: [(value: String, label: String)]
    }

    static let textFields = ["code", "name", "description", "plannedStart", "plannedFinish", "baselineStart", "baselineFinish",
                             "capexBudget", "opexBudget", "actualCost", "healthOverrideReason"]
    static let choiceFields = ["kind", "status", "tier", "currentGate", "ownerID", "sponsorID", "healthOverride"]

    static func values(of initiative: Initiative) -> [String: String] {
        [
            "code": initiative.code, "name": initiative.name, "description": initiative.description,
            "kind": initiative.kind.rawValue, "status": initiative.status.rawValue, "tier": initiative.tier.rawValue,
            "currentGate": initiative.currentGate.rawValue,
            "ownerID": initiative.ownerID?.uuidString ?? "", "sponsorID": initiative.sponsorID?.uuidString ?? "",
            "plannedStart": initiative.plannedStart?.description ?? "", "plannedFinish": initiative.plannedFinish?.description ?? "",
            "baselineStart": initiative.baselineStart?.description ?? "", "baselineFinish": initiative.baselineFinish?.description ?? "",
            "capexBudget": initiative.capexBudget.plainText, "opexBudget": initiative.opexBudget.plainText,
            "actualCost": initiative.actualCost.plainText,
            "healthOverride": initiative.healthOverride?.rawValue ?? "", "healthOverrideReason": initiative.healthOverrideReason ?? "",
        ]
    }

    /// Reads the submitted form into fields, or the per-field reasons it cannot be read.
    static func fields(from form: [String: String]) -> Result<Initiative, Problem> {
        var issues: [FieldIssue] = []
        func text(_ name: String) -> String { form[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        func day(_ name: String) -> Day? {
            let raw = text(name)
            guard !raw.isEmpty else { return nil }
            guard let day = Day(raw) else { issues.append(FieldIssue(name, "must be a date such as 2027-03-31")); return nil }
            return day
        }
        func number(_ name: String) -> Double {
            let raw = text(name).replacingOccurrences(of: ",", with: "")
            guard let value = Double(raw.isEmpty ? "0" : raw), value.isFinite else { issues.append(FieldIssue(name, "must be a number")); return 0 }
            return value
        }
        func choice<V: Vocabulary>(_ name: String, _ type: V.Type) -> V {
            guard let value = V(rawValue: text(name)) else {
                issues.append(FieldIssue(name, "must be one of \(V.rawValues.joined(separator: ", "))"))
                return V.allCases.first!
            }
            return value
        }
        func person(_ name: String) -> UUID? {
            let raw = text(name)
            guard !raw.isEmpty else { return nil }
            guard let id = UUID(uuidString: raw) else { issues.append(FieldIssue(name, "must be a person from the list")); return nil }
            return id
        }
        let override = text("healthOverride")
        let initiative = Initiative(
            code: text("code"), name: text("name"), description: text("description"), kind: choice("kind", InitiativeKind.self),
            ownerID: person("ownerID"), sponsorID: person("sponsorID"), status: choice("status", InitiativeStatus.self),
            tier: choice("tier", GovernanceTier.self), currentGate: choice("currentGate", Gate.self),
            plannedStart: day("plannedStart"), plannedFinish: day("plannedFinish"),
            baselineStart: day("baselineStart"), baselineFinish: day("baselineFinish"),
            capexBudget: number("capexBudget"), opexBudget: number("opexBudget"), actualCost: number("actualCost"),
            healthOverride: override.isEmpty ? nil : choice("healthOverride", Health.self),
            healthOverrideReason: text("healthOverrideReason").isEmpty ? nil : text("healthOverrideReason"))
        return issues.isEmpty ? .success(initiative) : .failure(.validation(issues))
    }

    static func people(on database: any Database) async throws -> [(value: String, label: String)] {
        let users = try await UserModel.query(on: database).filter(\.$disabled == false).sort(\.$name).all()
        return [("", "Nobody")] + users.map { ($0.id!.uuidString, "\($0.name) (\($0.role.label))") }
    }

    static func identity(_ v: [String: String], _ error: (String) -> String?, people: [(value: String, label: String)]) -> Node<HTML.FormContext> {
        .fieldset(
            .element(named: "legend", text: "Identity"),
            Components.field("Code", name: "code", value: v["code"] ?? "", error: error("code"), required: true),
            Components.field("Name", name: "name", value: v["name"] ?? "", error: error("name"), required: true),
            Components.textArea("Description", name: "description", value: v["description"] ?? "", error: error("description")),
            Components.select("Kind", name: "kind", options: Components.vocabularyOptions(InitiativeKind.self), selected: v["kind"] ?? ""),
            Components.select("Owner", name: "ownerID", options: people, selected: v["ownerID"] ?? "", error: error("ownerID")),
            Components.select("Sponsor", name: "sponsorID", options: people, selected: v["sponsorID"] ?? "", error: error("sponsorID"))
        )
    }

    static func lifecycle(_ v: [String: String]) -> Node<HTML.FormContext> {
        .fieldset(
            .element(named: "legend", text: "Lifecycle"),
            Components.select("Status", name: "status", options: Components.vocabularyOptions(InitiativeStatus.self), selected: v["status"] ?? ""),
            Components.select("Governance tier", name: "tier", options: Components.vocabularyOptions(GovernanceTier.self), selected: v["tier"] ?? ""),
            Components.select("Current gate", name: "currentGate", options: Components.vocabularyOptions(Gate.self), selected: v["currentGate"] ?? "")
        )
    }

    static func dates(_ v: [String: String], _ error: (String) -> String?) -> Node<HTML.FormContext> {
        .fieldset(
            .element(named: "legend", text: "Dates"),
            Components.field("Planned start", name: "plannedStart", value: v["plannedStart"] ?? "", type: .date, error: error("plannedStart")),
            Components.field("Planned finish", name: "plannedFinish", value: v["plannedFinish"] ?? "", type: .date, error: error("plannedFinish")),
            Components.field("Baseline start", name: "baselineStart", value: v["baselineStart"] ?? "", type: .date, error: error("baselineStart")),
            Components.field("Baseline finish", name: "baselineFinish", value: v["baselineFinish"] ?? "", type: .date, error: error("baselineFinish"))
        )
    }

    static func money(_ v: [String: String], _ error: (String) -> String?) -> Node<HTML.FormContext> {
        .fieldset(
            .element(named: "legend", text: "Money"),
            Components.field("Capex budget", name: "capexBudget", value: v["capexBudget"] ?? "", type: .number, error: error("capexBudget"), step: "any"),
            Components.field("Opex budget", name: "opexBudget", value: v["opexBudget"] ?? "", type: .number, error: error("opexBudget"), step: "any"),
            Components.field("Actual cost", name: "actualCost", value: v["actualCost"] ?? "", type: .number, error: error("actualCost"), step: "any")
        )
    }

    static func healthOverride(_ v: [String: String], _ error: (String) -> String?) -> Node<HTML.FormContext> {
        .fieldset(
            .element(named: "legend", text: "Health override"),
            Components.select("Override the health", name: "healthOverride",
                              options: Components.vocabularyOptions(Health.self, allowNone: "No override"), selected: v["healthOverride"] ?? ""),
            Components.field("Reason for the override", name: "healthOverrideReason", value: v["healthOverrideReason"] ?? "",
                             error: error("healthOverrideReason"), hint: "Required when you override the computed health.")
        )
    }

    static func view(_ model: Model, caller: Caller) -> Layout {
        let v = model.values
        func error(_ name: String) -> String? { model.errors[name] }
        return Layout(
            title: "Edit \(v["name"] ?? "initiative")", caller: caller, area: .portfolio,
            content: .group(
                .nav(.class("crumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
                     .a(.href("/initiatives"), .text("Portfolio")), .text(" / "),
                     .a(.href("/initiatives/\(model.id)"), .text(v["code"] ?? ""))),
                .h1(.text("Edit \(v["name"] ?? "initiative")")),
                .unwrap(model.notice) { .p(.id("form-notice"), .class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
                .if(!model.errors.isEmpty,
                    .div(.class("error"), .attribute(named: "role", value: "alert"), .id("form-errors"),
                         .p(.text("Nothing was saved. Please correct:")),
                         .ul(.forEach(model.errors.sorted { $0.key < $1.key }) { field, reason in .li(.a(.href("#\(field)"), .text("\(field): \(reason)"))) }))),
                .form(
                    .class("edit"), .method(.post), .action("/initiatives/\(model.id)/edit"),
                    .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                    .input(.type(.hidden), .name("version"), .value(String(model.version))),
                    identity(v, error, people: model.people),
                    lifecycle(v),
                    dates(v, error),
                    money(v, error),
                    healthOverride(v, error),
                    .div(.class("actions"),
                         .button(.type(.submit), .class("primary"), .text("Save")),
                         .a(.href("/initiatives/\(model.id)"), .text("Cancel")))
                )
            ))
    }

    /// Handles the submitted form: saved → back to the page; invalid or stale → the form again, with
    /// what the user typed and what went wrong.
    static func submit(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let id = try request.idParameter()
        let form = try request.content.decode([String: String].self)
        let people = try await people(on: request.db)
        func again(_ errors: [String: String], notice: String?, version: Int, status: HTTPResponseStatus) -> Response {
            view(Model(id: id, version: version, values: form, errors: errors, notice: notice, people: people), caller: caller)
                .response(status: status)
        }
        guard let version = form["version"].flatMap(Int.init) else { throw Problem.badRequest("The form has no version; reload the page.") }
        let fields: Initiative
        switch Self.fields(from: form) {
            case .success(let value): fields = value
            case .failure(let problem): return again(problem.fieldErrors, notice: nil, version: version, status: .unprocessableEntity)
        }
        do {
            _ = try await EntityStore<InitiativeModel>(caller: caller, database: request.db).update(id, expectedVersion: version) { current in
                var next = fields
                next.externalSource = current.externalSource
                next.externalID = current.externalID
                return next
            }
        } catch let problem as Problem where problem.status == .unprocessableEntity {
            return again(problem.fieldErrors, notice: nil, version: version, status: .unprocessableEntity)
        } catch let problem as Problem where problem.status == .preconditionFailed {
            let current = try await InitiativeModel.find(id, on: request.db)
            return again(
                [:], notice: "Somebody else saved this initiative while you were editing it. Your changes are still in the form; check them against the current values and save again.",
                version: current?.version ?? version, status: .conflict)
        }
        return request.redirect(to: "/initiatives/\(id)?saved=1", redirectType: .normal)
    }
}

extension Problem {
    var fieldErrors: [String: String] {
        Dictionary(issues.map { ($0.field, $0.reason) }, uniquingKeysWith: { "\($0); \($1)" })
    }
}
