import Foundation
import LodestarCore
import Plot

/// What the PMO-value pages share: their sub-navigation and small table helpers.
enum PMOPageParts {
    static let sections: [(path: String, title: String)] = [
        ("/pmo", "Charter and KPIs"), ("/pmo/surveys", "Perception"), ("/pmo/improvements", "Improvements"),
        ("/pmo/maturity", "Maturity"), ("/pmo/impact-report", "Impact report"),
    ]

    static func subnav(current: String) -> Node<HTML.BodyContext> {
        .nav(
            .class("subnav"), .attribute(named: "aria-label", value: "PMO value"),
            .ul(.forEach(sections) { section in
                .li(.a(.href(section.path), .text(section.title),
                       .if(section.path == current, .attribute(named: "aria-current", value: "page"))))
            }))
    }

    static func columnHeader(_ text: String, numeric: Bool = false) -> Node<HTML.TableRowContext> {
        .th(.attribute(named: "scope", value: "col"), .attribute(named: "class", value: numeric ? "number" : ""), .text(text))
    }

    static func rowHeader(_ content: Node<HTML.BodyContext>) -> Node<HTML.TableRowContext> {
        .th(.attribute(named: "scope", value: "row"), content)
    }

    static func number(_ value: Double?, decimals: Int = 1) -> Node<HTML.TableRowContext> {
        .td(.class("number"), .text(value.map { ImpactFormat.number($0, decimals: decimals) } ?? "—"))
    }

    /// Whether a KPI meets its target, in words and colour.
    static func target<Context: HTML.BodyContext>(_ meets: Bool?) -> Node<Context> {
        switch meets {
            case true?: .span(.class("badge health-green"), .text("Target met"))
            case false?: .span(.class("badge health-red"), .text("Below target"))
            case nil: .span(.class("badge muted"), .text("Not measured"))
        }
    }

    static func flash(_ text: String?) -> Node<HTML.BodyContext> {
        .unwrap(text) { .p(.id("flash"), .class("flash"), .attribute(named: "role", value: "status"), .text($0)) }
    }

    /// The form-level list of what went wrong, linking to each field.
    static func errorSummary<Context: HTML.BodyContext>(_ errors: [String: String]) -> Node<Context> {
        .if(!errors.isEmpty,
            .div(.class("error"), .attribute(named: "role", value: "alert"), .id("form-errors"),
                 .p(.text("Nothing was saved. Please correct:")),
                 .ul(.forEach(errors.sorted { $0.key < $1.key }) { field, reason in .li(.a(.href("#\(field)"), .text("\(field): \(reason)"))) })))
    }
}
