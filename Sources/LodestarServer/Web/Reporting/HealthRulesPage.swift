import Fluent
import LodestarCore
import Plot
import Vapor

/// The health rules with their thresholds; the PMO edits them here (one form per rule, with the
/// version it read so a concurrent change is caught, not overwritten).
enum HealthRulesPage {
    static func show(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let flash = request.query[String.self, at: "saved"].map { "Saved \($0)." }
        return view(try await HealthRuleSetting.all(on: request.db), caller: caller, flash: flash, errors: [:]).response()
    }

    static func view(_ rules: [HealthRuleSetting], caller: Caller, flash: String?, errors: [String: [String: String]],
                     status: HTTPResponseStatus = .ok) -> Layout {
        Layout(
            title: "Health rules", caller: caller, area: .reports,
            content: .group(
                .h1(.text("Health rules")),
                .p(.class("lead"), .text("Each colour on an initiative comes from these named rules: a rule turns amber when its measure is above the amber threshold and red when above the red one. Owners may override an initiative's overall colour only with a reason; the override is shown as such and audited.")),
                .unwrap(flash) { .p(.id("flash"), .class("flash"), .attribute(named: "role", value: "status"), .text($0)) },
                .table(
                    .class("data"),
                    .caption(.text("Rules and thresholds in force")),
                    .thead(.tr(
                        .th(.attribute(named: "scope", value: "col"), .text("Rule")),
                        .th(.attribute(named: "scope", value: "col"), .text("Dimension")),
                        .th(.attribute(named: "scope", value: "col"), .text("Measures")),
                        .th(.attribute(named: "scope", value: "col"), .text("Amber above")),
                        .th(.attribute(named: "scope", value: "col"), .text("Red above")),
                        .th(.attribute(named: "scope", value: "col"), .text("Default"))
                    )),
                    .tbody(.forEach(rules) { rule in row(rule, caller: caller, errors: errors[rule.rule] ?? [:]) })
                )
            ))
    }

    static func row(_ rule: HealthRuleSetting, caller: Caller, errors: [String: String]) -> Node<HTML.TableContext> {
        let formID = "rule-\(rule.rule.replacingOccurrences(of: ".", with: "-"))"
        func input(_ name: String, _ value: Double) -> Node<HTML.BodyContext> {
            let id = "\(formID)-\(name)"
            return .group(
                .label(.class("visually-hidden"), .for(id), .text("\(name.capitalized) threshold for \(rule.rule) (\(rule.unit))")),
                .input(.type(.number), .id(id), .name(name), .value(BarChart.format(value)), .attribute(named: "step", value: "any"),
                       .attribute(named: "form", value: formID), .attribute(named: "min", value: "0"),
                       .unwrap(errors[name].map { _ in "true" }) { .attribute(named: "aria-invalid", value: $0) },
                       .unwrap(errors[name].map { _ in "\(id)-error" }) { .attribute(named: "aria-describedby", value: $0) }),
                .text(" \(rule.unit)"),
                .unwrap(errors[name]) { .span(.class("error"), .id("\(id)-error"), .text($0)) })
        }
        return .tr(
            .th(.attribute(named: "scope", value: "row"), .code(.text(rule.rule))),
            .td(.text(rule.dimension ?? "overall")),
            .td(.text(rule.title)),
            caller.isPortfolioStaff ? .td(input("amber", rule.amber)) : .td(.text("\(BarChart.format(rule.amber)) \(rule.unit)")),
            caller.isPortfolioStaff ? .td(input("red", rule.red)) : .td(.text("\(BarChart.format(rule.red)) \(rule.unit)")),
            .td(
                .text("\(BarChart.format(rule.defaultAmber)) / \(BarChart.format(rule.defaultRed))"),
                .if(caller.isPortfolioStaff, .form(
                    .id(formID), .method(.post), .action("/health-rules/\(rule.rule)"), .class("inline"),
                    .input(.type(.hidden), .name("csrf"), .value((caller.csrfToken ?? "").attributeEscaped)),
                    .input(.type(.hidden), .name("version"), .value(String(rule.version))),
                    .button(.type(.submit), .text("Save"), .attribute(named: "aria-label", value: "Save \(rule.rule)"))
                ))
            )
        )
    }

    static func submit(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let name = request.parameters.get("rule") ?? ""
        struct Form: Decodable {
            var amber: String?
            var red: String?
            var version: String?
        }
        let form = try request.content.decode(Form.self)
        var errors: [String: String] = [:]
        let amber = Double(form.amber ?? ""), red = Double(form.red ?? "")
        if amber == nil { errors["amber"] = "Enter a number." }
        if red == nil { errors["red"] = "Enter a number." }
        do {
            guard errors.isEmpty, let amber, let red else { throw Problem.validation([]) }
            _ = try await HealthThresholdStore.update(
                rule: name, to: .init(amber: amber, red: red), expectedVersion: Int(form.version ?? "") ?? -1, by: caller, on: request.db)
            return request.redirect(to: "/health-rules?saved=\(name.queryEncoded)", redirectType: .normal)
        } catch let problem as Problem where problem.status == .unprocessableEntity || problem.status == .preconditionFailed {
            for issue in problem.issues { errors[issue.field] = issue.reason }
            if problem.status == .preconditionFailed { errors["amber"] = "Someone changed this rule since you opened the page; its current values are shown. Reapply your change." }
            return view(try await HealthRuleSetting.all(on: request.db), caller: caller, flash: nil, errors: [name: errors])
                .response(status: problem.status == .preconditionFailed ? .conflict : .unprocessableEntity)
        }
    }
}
