import Foundation
import LodestarCore
import Plot

/// Small building blocks shared by pages, so that a status, a colour or a form field looks and
/// behaves the same everywhere.
enum Components {
    static func badge(_ value: some Vocabulary, kind: String) -> Node<HTML.BodyContext> {
        .span(.class("badge \(kind)-\(value.rawValue)"), .text(value.label))
    }

    /// A colour is never the only signal: the word is always written beside it.
    static func health(_ value: Health?) -> Node<HTML.BodyContext> {
        guard let value else { return .span(.class("badge muted"), .text("Not reported")) }
        return .span(.class("badge health-\(value.rawValue)"), .text(value.label))
    }

    static func money(_ value: Double) -> String {
        if value >= 1_000_000 { return String(format: "%.1f M", value / 1_000_000) }
        if value >= 1_000 { return String(format: "%.0f k", value / 1_000) }
        return String(format: "%.0f", value)
    }

    static func day(_ value: Day?) -> String { value?.description ?? "—" }

    static func definitionList(_ rows: [(String, Node<HTML.BodyContext>)]) -> Node<HTML.BodyContext> {
        .dl(.class("facts"), .forEach(rows) { row in .group(.dt(.text(row.0)), .dd(row.1)) })
    }

    static func section(_ title: String, id: String, _ content: Node<HTML.BodyContext>...) -> Node<HTML.BodyContext> {
        .section(
            .class("panel"), .attribute(named: "aria-labelledby", value: "\(id)-title"),
            .h2(.id("\(id)-title"), .text(title)),
            .group(content))
    }

    static func empty(_ text: String) -> Node<HTML.BodyContext> { .p(.class("muted"), .text(text)) }

    /// A labelled input with its error, wired for screen readers.
    static func field<Context: HTML.BodyContext>(
        _ label: String, name: String, value: String, type: HTMLInputType = .text, error: String? = nil,
        required: Bool = false, hint: String? = nil, step: String? = nil
    ) -> Node<Context> {
        .div(
            .class(error == nil ? "field" : "field invalid"),
            .label(.for(name), .text(label)),
            .input(
                .type(type), .name(name), .id(name), .value(value.attributeEscaped), .required(required),
                .unwrap(step) { .attribute(named: "step", value: $0) },
                .unwrap(error.map { _ in "true" }) { .attribute(named: "aria-invalid", value: $0) },
                .unwrap((error ?? hint).map { _ in "\(name)-note" }) { .attribute(named: "aria-describedby", value: $0) }
            ),
            .unwrap(error ?? hint) { note in
                .p(.id("\(name)-note"), .class(error == nil ? "hint" : "error"), .text(note))
            }
        )
    }

    static func textArea<Context: HTML.BodyContext>(_ label: String, name: String, value: String, error: String? = nil) -> Node<Context> {
        .div(
            .class(error == nil ? "field" : "field invalid"),
            .label(.for(name), .text(label)),
            .textarea(.name(name), .id(name), .attribute(named: "rows", value: "4"),
                      .unwrap(error.map { _ in "\(name)-note" }) { .attribute(named: "aria-describedby", value: $0) }, .text(value)),
            .unwrap(error) { .p(.id("\(name)-note"), .class("error"), .text($0)) }
        )
    }

    static func select<Context: HTML.BodyContext>(
        _ label: String, name: String, options: [(value: String, label: String)], selected: String, error: String? = nil
    ) -> Node<Context> {
        .div(
            .class(error == nil ? "field" : "field invalid"),
            .label(.for(name), .text(label)),
            .select(
                .attribute(named: "name", value: name), .id(name),
                .forEach(options) { option in
                    .element(named: "option", nodes: [
                        .attribute(named: "value", value: option.value.attributeEscaped, ignoreIfValueIsEmpty: false),
                        .if(option.value == selected, .attribute(named: "selected", value: "selected")),
                        .text(option.label),
                    ])
                }
            ),
            .unwrap(error) { .p(.class("error"), .text($0)) }
        )
    }

    static func vocabularyOptions<V: Vocabulary>(_ type: V.Type, allowNone: String? = nil) -> [(value: String, label: String)] {
        (allowNone.map { [("", $0)] } ?? []) + V.allCases.map { ($0.rawValue, $0.label) }
    }

    /// Previous / next links that keep the rest of the query.
    static func pagination(total: Int, limit: Int, offset: Int, link: (Int) -> String) -> Node<HTML.BodyContext> {
        let first = total == 0 ? 0 : offset + 1
        let last = min(offset + limit, total)
        return .nav(
            .class("pagination"), .attribute(named: "aria-label", value: "Pages"),
            .span(.text("\(first)–\(last) of \(total)")),
            .if(offset > 0, .a(.href(link(max(0, offset - limit))), .attribute(named: "rel", value: "prev"), .text("← Previous"))),
            .if(last < total, .a(.href(link(offset + limit)), .attribute(named: "rel", value: "next"), .text("Next →")))
        )
    }
}

extension String {
    /// Plot writes attribute values as they are; every value that can hold user input goes through
    /// this, so a quote in a name can never end the attribute and start markup.
    var attributeEscaped: String {
        var result = ""
        result.reserveCapacity(count)
        for character in self {
            switch character {
                case "&": result += "&amp;"
                case "\"": result += "&quot;"
                case "'": result += "&#39;"
                case "<": result += "&lt;"
                case ">": result += "&gt;"
                default: result.append(character)
            }
        }
        return result
    }

    /// Percent-encodes for use as a query value.
    var queryEncoded: String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
