import Fluent
import LodestarCore
import Vapor

/// Writes a generated demo portfolio into an empty database, all or nothing.
public enum DemoLoader {
    public struct Summary: Sendable {
        public var records: Int
        public var users: [DemoUser]
        /// The one password every demo user signs in with.
        public var password: String
    }

    public enum LoadError: Error, CustomStringConvertible {
        case notEmpty(initiatives: Int)

        public var description: String {
            switch self {
                case .notEmpty(let count):
                    "The database already holds \(count) initiatives. Load a demo portfolio into an empty database (choose another with --database)."
            }
        }
    }

    /// Rows per INSERT: large enough to be fast, small enough for SQLite's limit on bound values.
    static let batchSize = 500

    public static func load(
        _ portfolio: DemoPortfolio, password: String, passwordHash: String, into database: any Database,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> Summary {
        let existing = try await InitiativeModel.query(on: database).count()
        guard existing == 0 else { throw LoadError.notEmpty(initiatives: existing) }
        try await database.transaction { database in
            let emails = Set(portfolio.users.map(\.email))
            let taken = try await UserModel.query(on: database).filter(\.$email ~~ Array(emails)).all().map(\.email)
            let users = portfolio.users.filter { !taken.contains($0.email) }.map {
                UserModel(id: $0.id, email: $0.email, name: $0.name, role: $0.role, passwordHash: passwordHash)
            }
            try await insert(users, "users", on: database, progress: progress)
            try await insert(portfolio.objectives.map(ObjectiveModel.init), "objectives", on: database, progress: progress)
            try await insert(portfolio.initiatives.map(InitiativeModel.init), "initiatives", on: database, progress: progress)
            try await insert(portfolio.alignments.map(AlignmentModel.init), "alignments", on: database, progress: progress)
            try await insert(portfolio.pools.map(ResourcePoolModel.init), "resource pools", on: database, progress: progress)
            try await insert(portfolio.capacities.map(PoolCapacityModel.init), "capacities", on: database, progress: progress)
            try await insert(portfolio.demands.map(DemandModel.init), "demands", on: database, progress: progress)
            try await insert(portfolio.dependencies.map(DependencyModel.init), "dependencies", on: database, progress: progress)
            try await insert(portfolio.milestones.map(MilestoneModel.init), "milestones", on: database, progress: progress)
            try await insert(portfolio.forecastChanges.map(ForecastChangeModel.init), "forecast changes", on: database, progress: progress)
            try await insert(portfolio.statusUpdates.map(StatusUpdateModel.init), "status updates", on: database, progress: progress)
            try await insert(portfolio.raidItems.map(RAIDItemModel.init), "RAID items", on: database, progress: progress)
            try await insert(portfolio.decisions.map(DecisionModel.init), "decisions", on: database, progress: progress)
            try await insert(portfolio.benefits.map(BenefitModel.init), "benefits", on: database, progress: progress)
            try await insert(portfolio.measurements.map(BenefitMeasurementModel.init), "measurements", on: database, progress: progress)
            try await insert(portfolio.scoringModels.map(ScoringModelModel.init), "scoring models", on: database, progress: progress)
            try await insert(portfolio.criteria.map(ScoringCriterionModel.init), "scoring criteria", on: database, progress: progress)
            try await insert(portfolio.scores.map(ScoreModel.init), "scores", on: database, progress: progress)
        }
        try await ReportingDemo.seed(into: database)
        return Summary(records: portfolio.recordCount, users: portfolio.users, password: password)
    }

    private static func insert<M: Model>(
        _ models: [M], _ name: String, on database: any Database, progress: @Sendable (String) -> Void
    ) async throws {
        var start = 0
        while start < models.count {
            let end = min(start + batchSize, models.count)
            try await Array(models[start..<end]).create(on: database)
            start = end
        }
        progress("\(models.count) \(name)")
    }
}
