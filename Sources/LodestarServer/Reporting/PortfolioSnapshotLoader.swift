import Fluent
import LodestarCore
import Vapor

/// Reads the whole portfolio into a `PortfolioSnapshot` for the reporting engines.
enum PortfolioSnapshotLoader {
    static func load(on database: any Database, today: Day = Day.today(), cadence: ReportingCadence = .biweekly) async throws -> PortfolioSnapshot {
        async let users = UserModel.query(on: database).all()
        async let thresholds = HealthThresholdModel.thresholds(on: database)
        var snapshot = PortfolioSnapshot(today: today, cadence: cadence)
        snapshot.objectives = try await records(ObjectiveModel.self, on: database)
        snapshot.initiatives = try await records(InitiativeModel.self, on: database)
        snapshot.alignments = try await records(AlignmentModel.self, on: database).map(\.fields)
        snapshot.pools = try await records(ResourcePoolModel.self, on: database)
        snapshot.capacities = try await records(PoolCapacityModel.self, on: database).map(\.fields)
        snapshot.demands = try await records(DemandModel.self, on: database).map(\.fields)
        snapshot.dependencies = try await records(DependencyModel.self, on: database).map(\.fields)
        snapshot.milestones = try await records(MilestoneModel.self, on: database)
        snapshot.forecastChanges = try await ForecastChangeModel.query(on: database).sort(\.$changedOn).sort(\.$createdAt).all().map(\.change)
        snapshot.statusUpdates = try await records(StatusUpdateModel.self, on: database)
        snapshot.raidItems = try await records(RAIDItemModel.self, on: database)
        snapshot.decisions = try await records(DecisionModel.self, on: database)
        snapshot.benefits = try await records(BenefitModel.self, on: database)
        snapshot.measurements = try await records(BenefitMeasurementModel.self, on: database).map(\.fields)
        snapshot.criteria = try await records(ScoringCriterionModel.self, on: database)
        snapshot.scores = try await records(ScoreModel.self, on: database).map(\.fields)
        snapshot.people = Dictionary(try await users.map { ($0.id!, $0.name) }, uniquingKeysWith: { first, _ in first })
        snapshot.thresholds = try await thresholds
        return snapshot
    }

    /// Sorted by id so every engine sees the records in the same order on every database.
    private static func records<M: EntityModel>(_ type: M.Type, on database: any Database) async throws -> [Record<M.Fields>] {
        try await M.query(on: database).sort(.id).all().map(\.record)
    }
}
