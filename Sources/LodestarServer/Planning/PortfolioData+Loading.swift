import Fluent
import LodestarCore
import SQLKit
import Vapor

extension PortfolioData {
    /// Which tables an answer needs: loading only those keeps the answers fast on large portfolios.
    struct Parts: OptionSet, Sendable {
        let rawValue: Int
        /// Objectives, alignments and dependencies.
        static let strategy = Parts(rawValue: 1)
        /// Pools, their capacity and the demand on them.
        static let capacity = Parts(rawValue: 2)
        /// Scoring models, criteria and scores.
        static let scoring = Parts(rawValue: 4)
        static let all: Parts = [.strategy, .capacity, .scoring]
    }

    /// The initiatives and the `parts` asked for, in one pass over each table (no per-record queries).
    static func load(on database: any Database, parts: Parts = .all) async throws -> PortfolioData {
        func rows<M: EntityModel>(_ model: M.Type, when part: Parts) async throws -> [M] {
            parts.contains(part) ? try await M.query(on: database).all() : []
        }
        async let initiatives = InitiativeModel.query(on: database).all()
        async let objectives = rows(ObjectiveModel.self, when: .strategy)
        async let alignments = rows(AlignmentModel.self, when: .strategy)
        async let dependencies = rows(DependencyModel.self, when: .strategy)
        async let pools = rows(ResourcePoolModel.self, when: .capacity)
        async let capacities = rows(PoolCapacityModel.self, when: .capacity)
        async let demands = rows(DemandModel.self, when: .capacity)
        async let models = rows(ScoringModelModel.self, when: .scoring)
        async let criteria = rows(ScoringCriterionModel.self, when: .scoring)
        async let scores = rows(ScoreModel.self, when: .scoring)
        return PortfolioData(
            objectives: try await objectives.map(\.record), initiatives: try await initiatives.map(\.record),
            alignments: try await alignments.map(\.fields),
            pools: try await pools.map(\.record).sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) },
            capacities: try await capacities.map(\.fields), demands: try await demands.map(\.fields),
            dependencies: try await dependencies.map(\.fields), scoringModels: try await models.map(\.record),
            criteria: try await criteria.map(\.record), scores: try await scores.map(\.fields))
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
