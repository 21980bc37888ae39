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

        var tables: [PlanningTable] {
            var tables: [PlanningTable] = [.initiatives]
            if contains(.strategy) { tables += [.objectives, .alignments, .dependencies] }
            if contains(.capacity) { tables += [.resourcePools, .poolCapacities, .demands] }
            if contains(.scoring) { tables += [.scoringModels, .scoringCriteria, .scores] }
            return tables
        }
    }

    /// The initiatives and the `parts` asked for, one table after another: the SQLite pool serves
    /// one query per connection, and a burst of parallel reads only queues.
    static func load(on database: any Database, parts: Parts = .all) async throws -> PortfolioData {
        var data = PortfolioData()
        for table in parts.tables { try await table.load(into: &data, on: database) }
        return data
    }
}

/// One table of the planning data. The large ones are read as plain rows (Fluent's model hydration
/// costs more than the query on 100,000 scores); initiatives carry the fields planning reads
/// (identity, status, dates, money, health override).
enum PlanningTable: String, CaseIterable, CachedTable {
    case initiatives, objectives, alignments, dependencies
    case resourcePools = "resource_pools", poolCapacities = "pool_capacities", demands
    case scoringModels = "scoring_models", scoringCriteria = "scoring_criteria", scores

    func load(into data: inout PortfolioData, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError, reason: "Planning needs a SQL database.") }
        switch self {
        case .initiatives:
            data.initiatives = try await sql.raw("""
                SELECT id, version, code, name, status, planned_start, planned_finish, capex_budget, opex_budget, actual_cost, health_override
                FROM initiatives
                """).all().map { row in
                    Record(id: try row.uuid("id"), version: try row.integer("version"), fields: Initiative(
                        code: try row.text("code"), name: try row.text("name"), status: .stored(try row.text("status")),
                        plannedStart: .stored(try row.optionalText("planned_start")), plannedFinish: .stored(try row.optionalText("planned_finish")),
                        capexBudget: try row.number("capex_budget"), opexBudget: try row.number("opex_budget"),
                        actualCost: try row.number("actual_cost"), healthOverride: .stored(try row.optionalText("health_override"))))
                }
        case .objectives:
            data.objectives = try await ObjectiveModel.query(on: database).all().map(\.record)
        case .alignments:
            data.alignments = try await sql.raw("SELECT initiative_id, objective_id, contribution FROM alignments").all().map { row in
                Alignment(initiativeID: try row.uuid("initiative_id"), objectiveID: try row.uuid("objective_id"), contribution: try row.number("contribution"))
            }
        case .dependencies:
            data.dependencies = try await sql.raw("SELECT predecessor_id, successor_id FROM dependencies").all().map { row in
                Dependency(predecessorID: try row.uuid("predecessor_id"), successorID: try row.uuid("successor_id"))
            }
        case .resourcePools:
            data.pools = try await ResourcePoolModel.query(on: database).all().map(\.record)
                .sorted { ($0.name, $0.id.orderKey) < ($1.name, $1.id.orderKey) }
        case .poolCapacities:
            data.capacities = try await PoolCapacityModel.query(on: database).all().map(\.fields)
        case .demands:
            data.demands = try await sql.raw("SELECT initiative_id, pool_id, period, fte FROM demands").all().map { row in
                Demand(initiativeID: try row.uuid("initiative_id"), poolID: try row.uuid("pool_id"), period: .stored(try row.text("period")),
                       fte: try row.number("fte"))
            }
        case .scoringModels:
            data.scoringModels = try await ScoringModelModel.query(on: database).all().map(\.record)
        case .scoringCriteria:
            data.criteria = try await ScoringCriterionModel.query(on: database).all().map(\.record)
        case .scores:
            data.scores = try await sql.raw("SELECT initiative_id, criterion_id, value FROM scores").all().map { row in
                Score(initiativeID: try row.uuid("initiative_id"), criterionID: try row.uuid("criterion_id"), value: try row.number("value"))
            }
        }
    }

    func copy(from source: PortfolioData, into data: inout PortfolioData) {
        switch self {
        case .initiatives: data.initiatives = source.initiatives
        case .objectives: data.objectives = source.objectives
        case .alignments: data.alignments = source.alignments
        case .dependencies: data.dependencies = source.dependencies
        case .resourcePools: data.pools = source.pools
        case .poolCapacities: data.capacities = source.capacities
        case .demands: data.demands = source.demands
        case .scoringModels: data.scoringModels = source.scoringModels
        case .scoringCriteria: data.criteria = source.criteria
        case .scores: data.scores = source.scores
        }
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
            health[try row.uuid("initiative_id")] = Health(rawValue: try row.text("overall"))
        }
        return health
    }
}
