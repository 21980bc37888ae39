import Fluent
import LodestarCore
import SQLKit
import Vapor

/// Reads the whole portfolio into a `PortfolioSnapshot` for the reporting engines.
///
/// The large tables are read as plain rows: Fluent hydrates each model through reflection, which
/// took 36 s for the 400,000 rows of the 10,000-initiative demo. Small configuration tables go
/// through their models. One query at a time: concurrent reads would wait for a pooled connection
/// while a large table loads. The server reads through `SnapshotCache`, which rereads only the
/// tables that changed since its last read.
enum PortfolioSnapshotLoader {
    static func load(on database: any Database, today: Day = Day.today(), cadence: ReportingCadence = .biweekly) async throws -> PortfolioSnapshot {
        var tables = PortfolioSnapshot(today: today)
        for table in SnapshotTable.allCases { try await table.load(into: &tables, on: database) }
        return try await completed(tables, today: today, cadence: cadence, on: database)
    }

    /// The snapshot from `cache`, rereading only the tables that changed.
    static func load(
        from cache: SnapshotCache, on database: any Database, today: Day = Day.today(), cadence: ReportingCadence = .biweekly
    ) async throws -> PortfolioSnapshot {
        try await completed(cache.read(SnapshotTable.allCases, on: database).data, today: today, cadence: cadence, on: database)
    }

    /// The snapshot's tables made whole: the day and cadence it is read as of, and people's names
    /// (a few rows, read every time).
    static func completed(
        _ tables: PortfolioSnapshot, today: Day, cadence: ReportingCadence, on database: any Database
    ) async throws -> PortfolioSnapshot {
        var snapshot = tables
        snapshot.today = today
        snapshot.cadence = cadence
        snapshot.people = Dictionary(
            try await UserModel.query(on: database).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { first, _ in first })
        return snapshot
    }
}

/// The reporting snapshot's tables, rereadable one by one.
typealias SnapshotCache = TableCache<SnapshotTable>

private struct SnapshotCacheKey: StorageKey {
    typealias Value = SnapshotCache
}

extension Application {
    var snapshotCache: SnapshotCache {
        if let cache = storage[SnapshotCacheKey.self] { return cache }
        let cache = SnapshotCache(empty: PortfolioSnapshot(today: Day.today()))
        storage[SnapshotCacheKey.self] = cache
        return cache
    }
}

extension Request {
    /// The whole portfolio for the reporting engines, from this instance's snapshot cache.
    func snapshot(today: Day = Day.today(), cadence: ReportingCadence = .biweekly) async throws -> PortfolioSnapshot {
        try await PortfolioSnapshotLoader.load(from: application.snapshotCache, on: db, today: today, cadence: cadence)
    }
}

/// One table of the reporting snapshot, rereadable on its own.
enum SnapshotTable: String, CaseIterable, CachedTable {
    case objectives, initiatives, alignments
    case resourcePools = "resource_pools", poolCapacities = "pool_capacities", demands, dependencies, milestones
    case forecastChanges = "milestone_forecast_changes", statusUpdates = "status_updates", raidItems = "raid_items", decisions
    case benefits, measurements = "benefit_measurements", scoringCriteria = "scoring_criteria", scores
    case healthThresholds = "health_thresholds"

    var isAppendOnly: Bool { self == .forecastChanges }

    func load(into snapshot: inout PortfolioSnapshot, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError, reason: "Reporting needs a SQL database.") }
        switch self {
        case .objectives:
            snapshot.objectives = try await ObjectiveModel.query(on: database).sort(.id).all().map(\.record)
        case .initiatives:
            snapshot.initiatives = try await Self.records(InitiativeModel.self, on: sql) { row in
                Initiative(
                    code: try row.text("code"), name: try row.text("name"), description: try row.text("description"),
                    kind: .stored(try row.text("kind")), ownerID: try row.optionalUUID("owner_id"), sponsorID: try row.optionalUUID("sponsor_id"),
                    status: .stored(try row.text("status")), tier: .stored(try row.text("tier")), currentGate: .stored(try row.text("current_gate")),
                    plannedStart: .stored(try row.optionalText("planned_start")), plannedFinish: .stored(try row.optionalText("planned_finish")),
                    baselineStart: .stored(try row.optionalText("baseline_start")), baselineFinish: .stored(try row.optionalText("baseline_finish")),
                    capexBudget: try row.number("capex_budget"), opexBudget: try row.number("opex_budget"), actualCost: try row.number("actual_cost"),
                    healthOverride: .stored(try row.optionalText("health_override")),
                    healthOverrideReason: try row.optionalText("health_override_reason"),
                    externalSource: try row.optionalText("external_source"), externalID: try row.optionalText("external_id"))
            }
        case .alignments:
            snapshot.alignments = try await Self.records(AlignmentModel.self, on: sql) { row in
                Alignment(initiativeID: try row.uuid("initiative_id"), objectiveID: try row.uuid("objective_id"), contribution: try row.number("contribution"))
            }.map(\.fields)
        case .resourcePools:
            snapshot.pools = try await ResourcePoolModel.query(on: database).sort(.id).all().map(\.record)
        case .poolCapacities:
            snapshot.capacities = try await PoolCapacityModel.query(on: database).sort(.id).all().map(\.fields)
        case .demands:
            snapshot.demands = try await Self.records(DemandModel.self, on: sql) { row in
                Demand(initiativeID: try row.uuid("initiative_id"), poolID: try row.uuid("pool_id"), period: .stored(try row.text("period")), fte: try row.number("fte"))
            }.map(\.fields)
        case .dependencies:
            snapshot.dependencies = try await Self.records(DependencyModel.self, on: sql) { row in
                Dependency(
                    predecessorID: try row.uuid("predecessor_id"), successorID: try row.uuid("successor_id"), kind: .stored(try row.text("kind")),
                    description: try row.text("description"))
            }.map(\.fields)
        case .milestones:
            snapshot.milestones = try await Self.records(MilestoneModel.self, on: sql) { row in
                Milestone(
                    initiativeID: try row.uuid("initiative_id"), name: try row.text("name"), baselineDate: .stored(try row.optionalText("baseline_date")),
                    forecastDate: .stored(try row.text("forecast_date")), actualDate: .stored(try row.optionalText("actual_date")))
            }
        case .forecastChanges:
            snapshot.forecastChanges = try await sql.raw("""
                SELECT milestone_id, changed_on, previous_date, new_date, changed_by FROM milestone_forecast_changes ORDER BY changed_on, created_at
                """).all().map { row in
                    ForecastChange(
                        milestoneID: try row.uuid("milestone_id"), changedOn: .stored(try row.text("changed_on")),
                        previousDate: .stored(try row.optionalText("previous_date")), newDate: .stored(try row.text("new_date")),
                        changedBy: try row.optionalUUID("changed_by"))
                }
        case .statusUpdates:
            snapshot.statusUpdates = try await Self.records(StatusUpdateModel.self, on: sql) { row in
                StatusUpdate(
                    initiativeID: try row.uuid("initiative_id"), periodStart: .stored(try row.text("period_start")), overall: .stored(try row.text("overall")),
                    schedule: .stored(try row.text("schedule")), cost: .stored(try row.text("cost")), scope: .stored(try row.text("scope")),
                    risk: .stored(try row.text("risk")), benefits: .stored(try row.text("benefits")), summary: try row.text("summary"),
                    accomplishments: try row.text("accomplishments"), nextSteps: try row.text("next_steps"), blockers: try row.text("blockers"))
            }
        case .raidItems:
            snapshot.raidItems = try await Self.records(RAIDItemModel.self, on: sql) { row in
                RAIDItem(
                    initiativeID: try row.uuid("initiative_id"), kind: .stored(try row.text("kind")), title: try row.text("title"),
                    description: try row.text("description"), probability: try row.integer("probability"), impact: try row.integer("impact"),
                    ownerID: try row.optionalUUID("owner_id"), mitigation: try row.text("mitigation"), dueDate: .stored(try row.optionalText("due_date")),
                    status: .stored(try row.text("status")), escalationLevel: .stored(try row.text("escalation_level")), category: try row.text("category"),
                    milestoneID: try row.optionalUUID("milestone_id"), identifiedOn: .stored(try row.optionalText("identified_on")))
            }
        case .decisions:
            snapshot.decisions = try await Self.records(DecisionModel.self, on: sql) { row in
                Decision(
                    title: try row.text("title"), context: try row.text("context"), type: .stored(try row.text("type")),
                    initiativeID: try row.optionalUUID("initiative_id"), decisionMakerID: try row.optionalUUID("decision_maker_id"),
                    options: DecisionModel.decodeOptions(try row.text("options")), requestedOn: .stored(try row.text("requested_on")),
                    neededBy: .stored(try row.optionalText("needed_by")), decidedOn: .stored(try row.optionalText("decided_on")),
                    status: .stored(try row.text("status")), outcome: try row.text("outcome"), rationale: try row.text("rationale"),
                    amount: try row.decode(column: "amount", as: Double?.self),
                    linkedInitiativeIDs: StoredJSON.decode([UUID].self, try row.optionalText("linked_initiative_ids"), fallback: []))
            }
        case .benefits:
            snapshot.benefits = try await Self.records(BenefitModel.self, on: sql) { row in
                Benefit(
                    initiativeID: try row.optionalUUID("initiative_id"), objectiveID: try row.optionalUUID("objective_id"), name: try row.text("name"),
                    unit: try row.text("unit"), baseline: try row.number("baseline"), target: try row.number("target"),
                    targetDate: .stored(try row.optionalText("target_date")), direction: .stored(try row.text("direction")))
            }
        case .measurements:
            snapshot.measurements = try await Self.records(BenefitMeasurementModel.self, on: sql) { row in
                BenefitMeasurement(
                    benefitID: try row.uuid("benefit_id"), measuredOn: .stored(try row.text("measured_on")), value: try row.number("value"),
                    note: try row.text("note"))
            }.map(\.fields)
        case .scoringCriteria:
            snapshot.criteria = try await ScoringCriterionModel.query(on: database).sort(.id).all().map(\.record)
        case .scores:
            snapshot.scores = try await Self.records(ScoreModel.self, on: sql) { row in
                Score(initiativeID: try row.uuid("initiative_id"), criterionID: try row.uuid("criterion_id"), value: try row.number("value"),
                      rationale: try row.text("rationale"))
            }.map(\.fields)
        case .healthThresholds:
            snapshot.thresholds = try await HealthThresholdModel.thresholds(on: database)
        }
    }

    func copy(from source: PortfolioSnapshot, into snapshot: inout PortfolioSnapshot) {
        switch self {
        case .objectives: snapshot.objectives = source.objectives
        case .initiatives: snapshot.initiatives = source.initiatives
        case .alignments: snapshot.alignments = source.alignments
        case .resourcePools: snapshot.pools = source.pools
        case .poolCapacities: snapshot.capacities = source.capacities
        case .demands: snapshot.demands = source.demands
        case .dependencies: snapshot.dependencies = source.dependencies
        case .milestones: snapshot.milestones = source.milestones
        case .forecastChanges: snapshot.forecastChanges = source.forecastChanges
        case .statusUpdates: snapshot.statusUpdates = source.statusUpdates
        case .raidItems: snapshot.raidItems = source.raidItems
        case .decisions: snapshot.decisions = source.decisions
        case .benefits: snapshot.benefits = source.benefits
        case .measurements: snapshot.measurements = source.measurements
        case .scoringCriteria: snapshot.criteria = source.criteria
        case .scores: snapshot.scores = source.scores
        case .healthThresholds: snapshot.thresholds = source.thresholds
        }
    }

    /// Every row of `M`'s table as a record, sorted by id so every engine sees the records in the same
    /// order on every database. `fields` reads one row's data columns.
    private static func records<M: EntityModel>(
        _ type: M.Type, on sql: any SQLDatabase, fields: (any SQLRow) throws -> M.Fields
    ) async throws -> [Record<M.Fields>] {
        // Only the model's constant table name is spliced in; nothing comes from a request.
        try await sql.raw("SELECT * FROM \(unsafeRaw: M.schema) ORDER BY id").all().map { row in
            Record(id: try row.uuid("id"), version: try row.integer("version"), fields: try fields(row))
        }
    }
}
