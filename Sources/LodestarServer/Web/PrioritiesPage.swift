import Fluent
import LodestarCore
import Plot
import Vapor

/// The ranking (Q1) under a scoring model, each criterion's points shown, and "why is X above Y".
enum PrioritiesPage {
    static let pageSize = 50

    static func view(_ request: Request) async throws -> Response {
        let caller = try request.caller
        var query = QueryParameters(request)
        let modelID = query.id("model")
        let offset = query.integer("offset", 0...1_000_000, default: 0)
        try query.check()
        let data = try await request.portfolio(.scoring)
        guard let ranking = PriorityRanking.build(from: data, model: modelID, window: offset..<(offset + pageSize)) else {
            return Layout(title: "Priorities", caller: caller, area: .priorities, content: .group(
                .h1(.text("Priorities")), Components.empty("No scoring model yet: the PMO creates one through the API (POST /api/v1/scoring-models)."))).response()
        }
        let explanation = try explanation(request, data: data, model: ranking.modelID)
        let models = data.scoringModels.sorted { $0.name < $1.name }
        let modelParameter = modelID.map { "&model=\($0)" } ?? ""
        return Layout(
            title: "Priorities", caller: caller, area: .priorities,
            content: .group(
                .h1(.text("Priorities")),
                .p(.class("lead"), .text("Open initiatives ranked by the \(ranking.modelName) model (\(ranking.method.label)). Every total is the sum of the points shown.")),
                .form(.class("inline"), .method(.get), .action("/priorities"),
                      Components.select("Scoring model", name: "model",
                                        options: models.map { (value: $0.id.uuidString, label: $0.name + ($0.isDefault ? " (default)" : "")) },
                                        selected: ranking.modelID.uuidString),
                      .button(.type(.submit), .text("Show"))),
                .unwrap(explanation) { explained($0) },
                table(ranking, modelParameter: modelParameter),
                Components.pagination(total: ranking.total, limit: pageSize, offset: offset) { "/priorities?offset=\($0)\(modelParameter)" }
            )).response()
    }

    /// `?a=CODE&b=CODE` (or ids) on the page asks why one ranks above the other.
    static func explanation(_ request: Request, data: PortfolioData, model: UUID) throws -> RankingExplanation? {
        guard let a = request.query[String.self, at: "a"], let b = request.query[String.self, at: "b"] else { return nil }
        func resolve(_ key: String) -> UUID? {
            UUID(uuidString: key) ?? data.initiatives.first { $0.code.caseInsensitiveCompare(key.trimmingCharacters(in: .whitespaces)) == .orderedSame }?.id
        }
        var issues: [FieldIssue] = []
        let first = resolve(a), second = resolve(b)
        if first == nil { issues.append(FieldIssue("a", "no initiative has the code '\(a)'")) }
        if second == nil { issues.append(FieldIssue("b", "no initiative has the code '\(b)'")) }
        if !issues.isEmpty { throw Problem.validation(issues) }
        return RankingExplanation.build(from: data, model: model, first: first!, second: second!)
    }

    static func explained(_ explanation: RankingExplanation) -> Node<HTML.BodyContext> {
        Components.section("Why \(explanation.higher.code) ranks above \(explanation.lower.code)", id: "explanation",
            .p(.id("explanation-summary"), .text(explanation.summary)),
            .table(.class("data"),
                   .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Criterion")),
                              .th(.attribute(named: "scope", value: "col"), .class("number"), .text(explanation.higher.code)),
                              .th(.attribute(named: "scope", value: "col"), .class("number"), .text(explanation.lower.code)),
                              .th(.attribute(named: "scope", value: "col"), .class("number"), .text("Points difference")))),
                   .tbody(.forEach(explanation.differences) { row in
                       .tr(.th(.attribute(named: "scope", value: "row"), .text(row.criterion)),
                           .td(.class("number"), .text(row.higherValue.map(\.plainText) ?? "not scored")),
                           .td(.class("number"), .text(row.lowerValue.map(\.plainText) ?? "not scored")),
                           .td(.class("number"), .text(String(format: "%+.2f", row.points))))
                   })))
    }

    static func table(_ ranking: PriorityRanking, modelParameter: String) -> Node<HTML.BodyContext> {
        let entries = ranking.entries
        return .table(
            .class("data"), .id("ranking"),
            .caption(.text("Ranks \(entries.first?.rank ?? 0)–\(entries.last?.rank ?? 0) of \(ranking.total)")),
            .thead(.tr(
                .th(.attribute(named: "scope", value: "col"), .class("number"), .text("#")),
                .th(.attribute(named: "scope", value: "col"), .text("Initiative")),
                .forEach(ranking.criteria) { criterion in
                    .th(.attribute(named: "scope", value: "col"), .class("number"),
                        .text(criterion.name), .br(), .span(.class("muted"), .text(criterion.wsjfComponent.map { $0.isCostOfDelay ? "cost of delay" : "divides" } ?? "weight \(criterion.weight.plainText)")))
                },
                .th(.attribute(named: "scope", value: "col"), .class("number"), .text("Total")),
                .th(.attribute(named: "scope", value: "col"), .text("Compare")))),
            .tbody(.forEach(entries.indices, { index in
                let entry = entries[index]
                let next = index + 1 < entries.count ? entries[index + 1] : nil
                return .tr(
                    .td(.class("number"), .text("\(entry.rank)")),
                    .th(.attribute(named: "scope", value: "row"), .a(.href("/initiatives/\(entry.initiativeID)"), .text("\(entry.code) \(entry.name)")),
                        .if(!entry.missing.isEmpty, .span(.class("badge muted"), .text("\(entry.missing.count) not scored")))),
                    .forEach(entry.parts) { part in
                        .td(.class("number"), .attribute(named: "title", value: "score \(part.value.map(\.plainText) ?? "none")"),
                            .text(String(format: "%.2f", part.points)))
                    },
                    .td(.class("number"), .strong(.text(String(format: "%.2f", entry.total)))),
                    .td(.unwrap(next) { next in
                        .a(.href("/priorities?a=\(entry.code.urlQueryEscaped)&b=\(next.code.urlQueryEscaped)\(modelParameter)#explanation-title"),
                           .text("Why above #\(next.rank)?"))
                    }))
            })))
    }
}

extension String {
    /// Escaped for a query value: only RFC 3986's unreserved characters stay as they are.
    var urlQueryEscaped: String {
        addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? self
    }
}
