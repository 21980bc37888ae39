import Foundation

/// Every record the reporting engines read, as of one day: what the dashboard, the status report,
/// the forecasts and the delay analysis are computed from. The server loads one from the database;
/// tests build one from a generated demo portfolio, so both paths run the same engines.
public struct PortfolioSnapshot: Sendable {
    public var today: Day
    public var cadence: ReportingCadence
    public var thresholds: HealthThresholds
    /// Display names of people, by id.
    public var people: [UUID: String]
    public var objectives: [Record<Objective>]
    public var initiatives: [Record<Initiative>]
    public var alignments: [Alignment]
    public var pools: [Record<ResourcePool>]
    public var capacities: [PoolCapacity]
    public var demands: [Demand]
    public var dependencies: [Dependency]
    public var milestones: [Record<Milestone>]
    public var forecastChanges: [ForecastChange]
    public var statusUpdates: [Record<StatusUpdate>]
    public var raidItems: [Record<RAIDItem>]
    public var decisions: [Record<Decision>]
    public var benefits: [Record<Benefit>]
    public var measurements: [BenefitMeasurement]
    public var criteria: [Record<ScoringCriterion>]
    public var scores: [Score]

    public init(
        today: Day, cadence: ReportingCadence = .biweekly, thresholds: HealthThresholds = .standard, people: [UUID: String] = [:],
        objectives: [Record<Objective>] = [], initiatives: [Record<Initiative>] = [], alignments: [Alignment] = [],
        pools: [Record<ResourcePool>] = [], capacities: [PoolCapacity] = [], demands: [Demand] = [],
        dependencies: [Dependency] = [], milestones: [Record<Milestone>] = [], forecastChanges: [ForecastChange] = [],
        statusUpdates: [Record<StatusUpdate>] = [], raidItems: [Record<RAIDItem>] = [], decisions: [Record<Decision>] = [],
        benefits: [Record<Benefit>] = [], measurements: [BenefitMeasurement] = [], criteria: [Record<ScoringCriterion>] = [],
        scores: [Score] = []
    ) {
        self.today = today
        self.cadence = cadence
        self.thresholds = thresholds
        self.people = people
        self.objectives = objectives
        self.initiatives = initiatives
        self.alignments = alignments
        self.pools = pools
        self.capacities = capacities
        self.demands = demands
        self.dependencies = dependencies
        self.milestones = milestones
        self.forecastChanges = forecastChanges
        self.statusUpdates = statusUpdates
        self.raidItems = raidItems
        self.decisions = decisions
        self.benefits = benefits
        self.measurements = measurements
        self.criteria = criteria
        self.scores = scores
    }

    public init(_ demo: DemoPortfolio, today: Day, thresholds: HealthThresholds = .standard) {
        self.init(
            today: today, thresholds: thresholds, people: Dictionary(uniqueKeysWithValues: demo.users.map { ($0.id, $0.name) }),
            objectives: demo.objectives, initiatives: demo.initiatives, alignments: demo.alignments.map(\.fields),
            pools: demo.pools, capacities: demo.capacities.map(\.fields), demands: demo.demands.map(\.fields),
            dependencies: demo.dependencies.map(\.fields), milestones: demo.milestones, forecastChanges: demo.forecastChanges,
            statusUpdates: demo.statusUpdates, raidItems: demo.raidItems, decisions: demo.decisions, benefits: demo.benefits,
            measurements: demo.measurements.map(\.fields), criteria: demo.criteria, scores: demo.scores.map(\.fields))
    }
}

/// The snapshot's records grouped by initiative, built once so each engine looks up in constant time.
public struct PortfolioIndex: Sendable {
    public var initiatives: [UUID: Record<Initiative>]
    public var milestones: [UUID: [Record<Milestone>]]
    public var latestStatus: [UUID: Record<StatusUpdate>]
    public var statusUpdates: [UUID: [Record<StatusUpdate>]]
    public var raid: [UUID: [Record<RAIDItem>]]
    public var decisions: [UUID: [Record<Decision>]]
    public var benefitProgress: [BenefitProgress]
    public var benefitsByInitiative: [UUID: [BenefitProgress]]
    public var predecessors: [UUID: [UUID]]
    public var successors: [UUID: [UUID]]

    public init(_ snapshot: PortfolioSnapshot) {
        initiatives = Dictionary(uniqueKeysWithValues: snapshot.initiatives.map { ($0.id, $0) })
        milestones = Dictionary(grouping: snapshot.milestones, by: \.initiativeID)
        statusUpdates = Dictionary(grouping: snapshot.statusUpdates, by: \.initiativeID)
        latestStatus = statusUpdates.compactMapValues { $0.max { $0.periodStart < $1.periodStart } }
        raid = Dictionary(grouping: snapshot.raidItems, by: \.initiativeID)
        decisions = Dictionary(grouping: snapshot.decisions.filter { $0.initiativeID != nil }, by: { $0.initiativeID! })
        benefitProgress = BenefitTracking.progress(of: snapshot.benefits, measurements: snapshot.measurements, today: snapshot.today)
        benefitsByInitiative = Dictionary(grouping: benefitProgress.filter { $0.initiativeID != nil }, by: { $0.initiativeID! })
        predecessors = Dictionary(grouping: snapshot.dependencies, by: \.successorID).mapValues { $0.map(\.predecessorID) }
        successors = Dictionary(grouping: snapshot.dependencies, by: \.predecessorID).mapValues { $0.map(\.successorID) }
    }
}

extension PortfolioSnapshot {
    /// The health of every initiative that is not closed (proposed, approved, active, on hold).
    public func health(index: PortfolioIndex) -> [UUID: HealthAssessment] {
        var result: [UUID: HealthAssessment] = [:]
        for initiative in initiatives where initiative.status != .completed && initiative.status != .cancelled {
            result[initiative.id] = HealthAssessment.assess(
                initiative.fields, milestones: (index.milestones[initiative.id] ?? []).map(\.fields),
                latestStatus: index.latestStatus[initiative.id]?.fields, today: today, cadence: cadence,
                raid: (index.raid[initiative.id] ?? []).map(\.fields), decisions: (index.decisions[initiative.id] ?? []).map(\.fields),
                benefits: index.benefitsByInitiative[initiative.id] ?? [], thresholds: thresholds)
        }
        return result
    }

    /// The Monte Carlo forecast of every open initiative with a finish date, from this portfolio's history.
    public func forecast(index: PortfolioIndex, trials: Int, seed: UInt64, milestoneDetail: Bool = true) -> MonteCarloForecast.Result {
        let items = initiatives.compactMap { initiative -> MonteCarloForecast.Item? in
            guard initiative.status != .completed, initiative.status != .cancelled else { return nil }
            let milestones = index.milestones[initiative.id] ?? []
            let open = milestones.filter { !$0.isReached }
            guard let finish = open.map(\.forecastDate).max() ?? initiative.plannedFinish else { return nil }
            let baseline = initiative.baselineFinish ?? milestones.compactMap(\.baselineDate).max()
            return MonteCarloForecast.Item(
                initiativeID: initiative.id, tier: initiative.tier, kind: initiative.kind, plannedStart: initiative.plannedStart,
                forecastFinish: finish, baselineFinish: baseline, milestones: milestones)
        }
        // Draws follow the items' order, so it must not depend on the order records were loaded in.
        .sorted { $0.initiativeID.orderKey < $1.initiativeID.orderKey }
        let history = MonteCarloForecast.history(
            milestones: milestones, changes: forecastChanges, initiatives: index.initiatives.mapValues(\.fields))
        return MonteCarloForecast.run(
            items: items, dependencies: dependencies, history: history, today: today, trials: trials, seed: seed,
            milestoneDetail: milestoneDetail)
    }
}
