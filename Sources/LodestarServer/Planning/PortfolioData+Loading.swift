import Fluent
import LodestarCore
import SQLKit
import Vapor

extension PortfolioData {
    /// Everything the planning engines read, in one pass over the tables (no per-initiative queries).
    static func load(on database: any Database) async throws -> PortfolioData {
        async let objectives = ObjectiveModel.query(on: database).all()
        async let initiatives = InitiativeModel.query(on: database).all()
        async let alignments = AlignmentModel.query(on: database).all()
        async let pools = ResourcePoolModel.query(on: database).sort(\.$name).all()
        async let capacities = PoolCapacityModel.query(on: database).all()
        async let demands = DemandModel.query(on: database).all()
        async let dependencies = DependencyModel.query(on: database).all()
        async let models = ScoringModelModel.query(on: database).all()
        async let criteria = ScoringCriterionModel.query(on: database).all()
        async let scores = ScoreModel.query(on: database).all()
        return PortfolioData(
            objectives: try await objectives.map(\.record), initiatives: try await initiatives.map(\.record),
            alignments: try await alignments.map(\.fields), pools: try await pools.map(\.record),
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
