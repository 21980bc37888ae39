import Fluent
import LodestarCore
import SQLKit
import Vapor

extension PortfolioData {
    /// Which tables an answer needs: loading only those keeps the answers fast on large portfolios.
    struct Parts: OptionSet, Hashable, Sendable {
        let rawValue: Int
        /// Objectives, alignments and dependencies.
        static let strategy = Parts(rawValue: 1)
        /// Pools, their capacity and the demand on them.
        static let capacity = Parts(rawValue: 2)
        /// Scoring models, criteria and scores.
        static let scoring = Parts(rawValue: 4)
        static let all: Parts = [.strategy, .capacity, .scoring]

        var tables: [String] {
            var tables = ["initiatives"]
            if contains(.strategy) { tables += ["objectives", "alignments", "dependencies"] }
            if contains(.capacity) { tables += ["resource_pools", "pool_capacities", "demands"] }
            if contains(.scoring) { tables += ["scoring_models", "scoring_criteria", "scores"] }
            return tables
        }
    }

    /// The initiatives and the `parts` asked for. The large tables are read as plain rows (Fluent's
    /// model hydration costs more than the query on 100,000 scores), one table after another: the
    /// SQLite pool serves one query per connection, and a burst of parallel reads only queues.
    /// Initiatives carry the fields planning reads (identity, status, dates, money, health override).
    static func load(on database: any Database, parts: Parts = .all) async throws -> PortfolioData {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError, reason: "Planning needs a SQL database.") }
        var data = PortfolioData()
        data.initiatives = try await sql.raw("""
            SELECT id, version, code, name, status, planned_start, planned_finish, capex_budget, opex_budget, actual_cost, health_override
            FROM initiatives
            """).all().map { row in
                Record(id: try row.decode(column: "id", as: UUID.self), version: try row.decode(column: "version", as: Int.self), fields: Initiative(
                    code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
                    status: .stored(try row.decode(column: "status", as: String.self)),
                    plannedStart: .stored(try row.decode(column: "planned_start", as: String?.self)),
                    plannedFinish: .stored(try row.decode(column: "planned_finish", as: String?.self)),
                    capexBudget: try row.decode(column: "capex_budget", as: Double.self), opexBudget: try row.decode(column: "opex_budget", as: Double.self),
                    actualCost: try row.decode(column: "actual_cost", as: Double.self),
                    healthOverride: .stored(try row.decode(column: "health_override", as: String?.self))))
            }
        if parts.contains(.strategy) {
            data.objectives = try await ObjectiveModel.query(on: database).all().map(\.record)
            data.alignments = try await sql.raw("SELECT initiative_id, objective_id, contribution FROM alignments").all().map { row in
                Alignment(initiativeID: try row.decode(column: "initiative_id", as: UUID.self), objectiveID: try row.decode(column: "objective_id", as: UUID.self),
                          contribution: try row.decode(column: "contribution", as: Double.self))
            }
            data.dependencies = try await sql.raw("SELECT predecessor_id, successor_id FROM dependencies").all().map { row in
                Dependency(predecessorID: try row.decode(column: "predecessor_id", as: UUID.self), successorID: try row.decode(column: "successor_id", as: UUID.self))
            }
        }
        if parts.contains(.capacity) {
            data.pools = try await ResourcePoolModel.query(on: database).all().map(\.record)
                .sorted { ($0.name, $0.id.orderKey) < ($1.name, $1.id.orderKey) }
            data.capacities = try await PoolCapacityModel.query(on: database).all().map(\.fields)
            data.demands = try await sql.raw("SELECT initiative_id, pool_id, period, fte FROM demands").all().map { row in
                Demand(initiativeID: try row.decode(column: "initiative_id", as: UUID.self), poolID: try row.decode(column: "pool_id", as: UUID.self),
                       period: .stored(try row.decode(column: "period", as: String.self)), fte: try row.decode(column: "fte", as: Double.self))
            }
        }
        if parts.contains(.scoring) {
            data.scoringModels = try await ScoringModelModel.query(on: database).all().map(\.record)
            data.criteria = try await ScoringCriterionModel.query(on: database).all().map(\.record)
            data.scores = try await sql.raw("SELECT initiative_id, criterion_id, value FROM scores").all().map { row in
                Score(initiativeID: try row.decode(column: "initiative_id", as: UUID.self), criterionID: try row.decode(column: "criterion_id", as: UUID.self),
                      value: try row.decode(column: "value", as: Double.self))
            }
        }
        return data
    }
}

/// Each initiative's health as its owner last reported it, or as overridden (with a reason).
enum ReportedHealth {
    static func load(on database: any Database) async throws -> [UUID: Health] {
        guard let sql = database as? any SQLDatabase else { return [:] }
        let rows = try await sql.raw("""
            SELECT s.initiative_id, s.overall FROM status_updates s
            JOIN (SELECT initiative_id, MAX(period_start) AS latest FROM status_updates GROUP BY initiative_id) m
              ON m.initiative_id = s.initiative_id AND m.latest = s.period_start
            """).all()
        var health: [UUID: Health] = [:]
        for row in rows {
            let id = try row.decode(column: "initiative_id", as: UUID.self)
            let overall: String = try row.decode(column: "overall", as: String.self)
            health[id] = Health(rawValue: overall)
        }
        return health
    }
}
