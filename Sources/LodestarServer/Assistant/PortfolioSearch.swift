import Fluent
import Foundation
import LodestarCore
import SQLKit

/// Finds initiatives, objectives, RAID items and decisions whose text contains a phrase, for an
/// assistant that must turn "the billing project" into a record. Read-only, for any signed-in user
/// (every role reads the portfolio through the API too).
enum PortfolioSearch {
    enum Kind: String, CaseIterable, Codable, Sendable {
        case initiatives, objectives, risks, decisions
    }

    struct Hit: Codable, Sendable, Equatable {
        var kind: String
        var id: UUID
        var title: String
        /// Code, status and the like, in a few words.
        var facts: String
        var link: String
    }

    struct Result: Codable, Sendable {
        var query: String
        var hits: [Hit]
    }

    static let tool = AssistantTool(
        name: "search_portfolio", title: "Search the portfolio",
        description: "Finds initiatives (by code, name or description), strategic objectives, RAID items (risks, assumptions, issues, dependencies) and decisions whose text contains the query, case-insensitively. Returns each hit's id, title, key facts and a link. Use it to turn a name someone mentions into an id for the other tools.",
        parameters: [
            .text("query", "Text to find, e.g. 'billing' or 'INI-012' (at least 2 characters).", required: true, maxLength: 200),
            .texts("kinds", "Which kinds of record to search (default: all).", choices: Kind.allCases.map(\.rawValue), maxCount: 4),
            .integer("limit", "Most hits per kind (default 10).", 1...50),
        ]
    ) { arguments, _, session in
        let query = arguments.text("query") ?? ""
        guard query.count >= 2 else { throw ToolFailure.invalid("query", "must have at least 2 characters") }
        let kinds = arguments.texts("kinds").compactMap(Kind.init(rawValue:))
        let result = try await search(
            query, kinds: kinds.isEmpty ? Kind.allCases : kinds, limit: arguments.integer("limit", default: 10), session: session)
        let lines = result.hits.map { "- [\($0.kind)] \($0.title) (\($0.facts)) id \($0.id) — \($0.link)" }
        let summary = result.hits.isEmpty ? "Nothing in the portfolio contains '\(query)'." : (["\(result.hits.count) records contain '\(query)':"] + lines).joined(separator: "\n")
        return try ToolAnswer(summary: summary, value: result)
    }

    static func search(_ query: String, kinds: [Kind], limit: Int, session: AssistantSession) async throws -> Result {
        let database = session.database
        var hits: [Hit] = []
        for kind in kinds {
            switch kind {
                case .initiatives:
                    let found = try await InitiativeModel.query(on: database)
                        .group(.or) { $0.containing(query, in: ["code", "name", "description"]) }
                        .sort(\.$code).limit(limit).all()
                    hits += found.map { initiative in
                        Hit(kind: "initiative", id: initiative.id!, title: "\(initiative.code) \(initiative.name)",
                            facts: "\(initiative.fields.status.label), \(initiative.fields.currentGate.label) gate",
                            link: session.link("/initiatives/\(initiative.id!)"))
                    }
                case .objectives:
                    let found = try await ObjectiveModel.query(on: database)
                        .group(.or) { $0.containing(query, in: ["name", "description"]) }
                        .sort(\.$name).limit(limit).all()
                    hits += found.map { objective in
                        Hit(kind: "objective", id: objective.id!, title: objective.name,
                            facts: "\(objective.fields.level.label), \(objective.fields.stage.label) stage",
                            link: session.link("/objectives/\(objective.id!)"))
                    }
                case .risks:
                    let found = try await RAIDItemModel.query(on: database)
                        .group(.or) { $0.containing(query, in: ["title", "description"]) }
                        .sort(\.$score, .descending).sort(\.$title).limit(limit).all()
                    hits += found.map { item in
                        let fields = item.fields
                        return Hit(kind: fields.kind.rawValue, id: item.id!, title: fields.title,
                                   facts: "\(fields.status.label), score \(fields.score) of 25, escalated to \(fields.escalationLevel.rawValue)",
                                   link: session.link("/initiatives/\(fields.initiativeID)#raid"))
                    }
                case .decisions:
                    let found = try await DecisionModel.query(on: database)
                        .group(.or) { $0.containing(query, in: ["title", "context"]) }
                        .sort(\.$requestedOn, .descending).limit(limit).all()
                    hits += found.map { decision in
                        let fields = decision.fields
                        return Hit(kind: "decision", id: decision.id!, title: fields.title,
                                   facts: "\(fields.status.label)" + (fields.neededBy.map { ", needed by \($0)" } ?? ""),
                                   link: session.link(fields.initiativeID.map { "/initiatives/\($0)#decisions" } ?? "/"))
                    }
            }
        }
        return Result(query: query, hits: hits)
    }
}

extension QueryBuilder {
    /// Rows where any of `columns` contains `text`, ignoring case, on SQLite and PostgreSQL alike.
    @discardableResult
    func containing(_ text: String, in columns: [String]) -> Self {
        let pattern = "%" + text.lowercased()
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        for column in columns {
            filter(.sql(embed: "lower(\(ident: column)) LIKE \(bind: pattern) ESCAPE '\\'"))
        }
        return self
    }
}
