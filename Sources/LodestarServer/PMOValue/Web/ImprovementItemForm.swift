import Fluent
import LodestarCore
import Plot
import Vapor

/// `/pmo/improvements/new`: adds an item to the improvement backlog in its define stage: the pain
/// point, the hypothesis, the metric and its measurement before the change. Later stages (design,
/// deliver, done with the after measurement and evidence) are recorded through the API.
enum ImprovementItemForm {
    static let fields = ["title", "painPoint", "hypothesis", "metric", "before", "direction", "ownerID"]

    static func show(_ request: Request) async throws -> Response {
        let caller = try request.caller
        try caller.require([.admin, .pmo], to: "add improvement items")
        let values = ["direction": KPIDirection.higherIsBetter.rawValue, "ownerID": caller.userID.uuidString]
        return view(values: values, errors: [:], people: try await InitiativeEditPage.people(on: request.db), caller: caller).response()
    }

    static func view(values: [String: String], errors: [String: String], people: [(value: String, label: String)], caller: Caller) -> Layout {
        Layout(
            title: "New improvement item", caller: caller, area: .pmo,
            content: .group(
                .nav(.class("crumbs"), .attribute(named: "aria-label", value: "Breadcrumb"), .a(.href("/pmo/improvements"), .text("Improvements")), .text(" / New")),
                .h1(.text("New improvement item")),
                PMOPageParts.errorSummary(errors),
                .form(
                    .class("edit"), .method(.post), .action("/pmo/improvements/new"),
                    .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                    Components.field("Title", name: "title", value: values["title"] ?? "", error: errors["title"], required: true),
                    Components.textArea("Pain point it addresses", name: "painPoint", value: values["painPoint"] ?? "", error: errors["painPoint"]),
                    Components.textArea("Hypothesis (if we …, then …)", name: "hypothesis", value: values["hypothesis"] ?? "", error: errors["hypothesis"]),
                    Components.field("Metric", name: "metric", value: values["metric"] ?? "", error: errors["metric"]),
                    Components.field("Measurement before the change", name: "before", value: values["before"] ?? "", type: .number, error: errors["before"], step: "any"),
                    Components.select("Better is", name: "direction", options: Components.vocabularyOptions(KPIDirection.self),
                                      selected: values["direction"] ?? "", error: errors["direction"]),
                    Components.select("Owner", name: "ownerID", options: people, selected: values["ownerID"] ?? "", error: errors["ownerID"]),
                    .div(.class("actions"), .button(.type(.submit), .class("primary"), .text("Add to the backlog")),
                         .a(.href("/pmo/improvements"), .text("Cancel")))
                )
            ))
    }

    static func submit(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let form = try request.content.decode([String: String].self)
        func text(_ name: String) -> String { form[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        var issues: [FieldIssue] = []
        var before: Double?
        if !text("before").isEmpty {
            before = Double(text("before"))
            if before == nil { issues.append(FieldIssue("before", "must be a number")) }
        }
        let direction = KPIDirection(rawValue: text("direction"))
        if direction == nil { issues.append(FieldIssue("direction", "must be one of \(KPIDirection.rawValues.joined(separator: ", "))")) }
        var owner: UUID?
        if !text("ownerID").isEmpty {
            owner = UUID(uuidString: text("ownerID"))
            if owner == nil { issues.append(FieldIssue("ownerID", "must be a person from the list")) }
        }
        do {
            if !issues.isEmpty { throw Problem.validation(issues) }
            _ = try await EntityStore<ImprovementItemModel>(caller: caller, database: request.db).create(ImprovementItem(
                title: text("title"), painPoint: text("painPoint"), hypothesis: text("hypothesis"), metric: text("metric"), before: before,
                direction: direction!, status: .define, ownerID: owner))
        } catch let problem as Problem where problem.status == .unprocessableEntity {
            return view(values: form, errors: problem.fieldErrors, people: try await InitiativeEditPage.people(on: request.db), caller: caller)
                .response(status: .unprocessableEntity)
        }
        return request.redirect(to: "/pmo/improvements", redirectType: .normal)
    }
}
