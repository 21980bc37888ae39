import Foundation

/// A person in a generated demo organisation. Users are not portfolio entities (they carry no
/// version and no validation rules of their own), so they are plain values.
public struct DemoUser: Sendable, Equatable {
    public var id: UUID
    public var email: String
    public var name: String
    public var role: Role

    public init(id: UUID, email: String, name: String, role: Role) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
    }
}

/// A complete, internally consistent portfolio made by `DemoGenerator`: every reference points at a
/// record in the same portfolio and every record passes its own `validate()`.
public struct DemoPortfolio: Sendable, Equatable {
    public var users: [DemoUser] = []
    public var objectives: [Record<Objective>] = []
    public var initiatives: [Record<Initiative>] = []
    public var alignments: [Record<Alignment>] = []
    public var pools: [Record<ResourcePool>] = []
    public var capacities: [Record<PoolCapacity>] = []
    public var demands: [Record<Demand>] = []
    public var dependencies: [Record<Dependency>] = []
    public var milestones: [Record<Milestone>] = []
    /// Every move of every milestone's forecast, oldest first within each milestone.
    public var forecastChanges: [ForecastChange] = []
    public var statusUpdates: [Record<StatusUpdate>] = []
    public var raidItems: [Record<RAIDItem>] = []
    public var decisions: [Record<Decision>] = []
    public var benefits: [Record<Benefit>] = []
    public var measurements: [Record<BenefitMeasurement>] = []
    public var scoringModels: [Record<ScoringModel>] = []
    public var criteria: [Record<ScoringCriterion>] = []
    public var scores: [Record<Score>] = []

    public init() {}

    /// Rows of every kind, users and forecast changes included: what loading the portfolio writes.
    public var recordCount: Int {
        recordCountsByKind.reduce(0) { $0 + $1.count }
    }

    /// Rows per kind, named as the arrays are, in a stable order: for progress output and benchmarks.
    public var recordCountsByKind: [(kind: String, count: Int)] {
        [
            ("users", users.count), ("objectives", objectives.count), ("initiatives", initiatives.count),
            ("alignments", alignments.count), ("pools", pools.count), ("capacities", capacities.count),
            ("demands", demands.count), ("dependencies", dependencies.count), ("milestones", milestones.count),
            ("forecastChanges", forecastChanges.count), ("statusUpdates", statusUpdates.count),
            ("raidItems", raidItems.count), ("decisions", decisions.count), ("benefits", benefits.count),
            ("measurements", measurements.count), ("scoringModels", scoringModels.count), ("criteria", criteria.count), ("scores", scores.count),
        ]
    }
}
