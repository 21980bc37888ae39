import Fluent
import LodestarCore
import Vapor

/// The decision log's answers: routed requests, latency, what waits on whom, and what each pending
/// decision holds up.
enum DecisionService {
    struct DecisionRequest: Content {
        var title: String
        var context: String?
        var type: DecisionType
        var initiativeID: UUID?
        var linkedInitiativeIDs: [UUID]?
        var options: [String]?
        var neededBy: Day?
        var amount: Double?
    }

    struct DecideRequest: Content {
        var outcome: String
        var rationale: String
        var decidedOn: Day?
    }

    struct PendingDecision: Content {
        var id: UUID
        var version: Int
        var title: String
        var type: DecisionType
        var initiativeID: UUID?
        var decisionMakerID: UUID?
        var requestedOn: Day
        var neededBy: Day?
        var overdue: Bool
        var waitingDays: Int
        var blockedInitiativeIDs: [UUID]
        var blockedStrategicValue: Double
        var blockedBudget: Double
    }

    struct LatencyReport: Content {
        var overall: DecisionLatency.Figures?
        var byType: [DecisionLatency.Group]
        var byTier: [DecisionLatency.Group]
        var byMonth: [DecisionLatency.Group]
        var trend: DecisionLatency.Trend
        var pending: Int
        var overdue: Int
    }

    /// Creates a pending decision routed to its maker by the decision rights; 422 when none covers it.
    static func request(_ body: DecisionRequest, by caller: Caller, today: Day, on database: any Database) async throws -> DecisionModel {
        guard let route = try await DecisionRights.route(type: body.type, initiativeID: body.initiativeID, amount: body.amount, on: database) else {
            throw Problem.validation([FieldIssue("type", "no decision right covers this \(body.type.rawValue) decision; ask the PMO to add one")])
        }
        let decision = Decision(
            title: body.title, context: [body.context ?? "", route.explanation].filter { !$0.isEmpty }.joined(separator: "\n\n"),
            type: body.type, initiativeID: body.initiativeID, decisionMakerID: route.deciderID, options: body.options ?? [],
            requestedOn: today, neededBy: body.neededBy, amount: body.amount, linkedInitiativeIDs: body.linkedInitiativeIDs ?? [])
        return try await EntityStore<DecisionModel>(caller: caller, database: database).create(decision)
    }

    /// Records the outcome; only the routed maker or an admin gets past the store.
    static func decide(_ id: UUID, version: Int, _ body: DecideRequest, by caller: Caller, today: Day, on database: any Database) async throws -> DecisionModel {
        try await EntityStore<DecisionModel>(caller: caller, database: database).update(id, expectedVersion: version) { current in
            guard current.status == .pending else { throw Problem.conflict("This decision is already \(current.status.rawValue).") }
            var next = current
            next.status = .decided
            next.decidedOn = body.decidedOn ?? today
            next.outcome = body.outcome
            next.rationale = body.rationale
            return next
        }
    }

    static func latency(on database: any Database, today: Day) async throws -> LatencyReport {
        let decisions = try await DecisionModel.query(on: database).all().map(\.fields)
        let tiers = try await tiersByInitiative(on: database)
        let samples = decisions.compactMap { decision -> DecisionLatency.Sample? in
            guard decision.status == .decided, let decidedOn = decision.decidedOn else { return nil }
            return DecisionLatency.Sample(type: decision.type, tier: decision.initiativeID.flatMap { tiers[$0] },
                                          requestedOn: decision.requestedOn, decidedOn: decidedOn)
        }
        let analysis = DecisionLatency.analyse(samples)
        return LatencyReport(
            overall: analysis.overall, byType: analysis.byType, byTier: analysis.byTier, byMonth: analysis.byMonth, trend: analysis.trend,
            pending: decisions.filter { $0.status == .pending }.count, overdue: decisions.filter { $0.isOverdue(on: today) }.count)
    }

    /// Pending decisions (only `makerID`'s when given), most overdue first, each with what it blocks.
    static func pending(for makerID: UUID? = nil, on database: any Database, today: Day) async throws -> [PendingDecision] {
        let query = DecisionModel.query(on: database).filter(\.$status == DecisionStatus.pending.rawValue)
        if let makerID { query.filter(\.$decisionMakerID == makerID) }
        let decisions = try await query.all()
        guard !decisions.isEmpty else { return [] }
        let initiatives = try await InitiativeModel.query(on: database).all().map(\.record)
        let alignment = StrategyAlignment.analyse(
            objectives: try await ObjectiveModel.query(on: database).all().map(\.record), initiatives: initiatives,
            alignments: try await AlignmentModel.query(on: database).all().map(\.fields))
        let ranking = CriticalWork.rank(
            values: Dictionary(uniqueKeysWithValues: alignment.scores.map { ($0.initiativeID, $0.score) }),
            dependencies: try await DependencyModel.query(on: database).all().map(\.fields))
        let budgets = Dictionary(uniqueKeysWithValues: initiatives.map { ($0.id, $0.totalBudget) })
        return decisions.map { model in
            let decision = model.fields
            let blocked = BlockedValue.of(linked: decision.allInitiativeIDs, ranking: ranking, budgets: budgets)
            return PendingDecision(
                id: model.id!, version: model.version, title: decision.title, type: decision.type, initiativeID: decision.initiativeID,
                decisionMakerID: decision.decisionMakerID, requestedOn: decision.requestedOn, neededBy: decision.neededBy,
                overdue: decision.isOverdue(on: today), waitingDays: decision.requestedOn.days(until: today),
                blockedInitiativeIDs: blocked.initiativeIDs, blockedStrategicValue: blocked.strategicValue, blockedBudget: blocked.budget)
        }.sorted { ($0.overdue ? 0 : 1, $0.neededBy ?? Day(ordinal: .max), $0.title) < ($1.overdue ? 0 : 1, $1.neededBy ?? Day(ordinal: .max), $1.title) }
    }

    /// Queues one `decision.overdue` event per pending decision past its needed-by date (the event key
    /// makes a second run, or a second instance, add nothing). Returns how many are overdue.
    static func flagOverdue(on database: any Database, today: Day) async throws -> Int {
        let overdue = try await DecisionModel.query(on: database).filter(\.$status == DecisionStatus.pending.rawValue).all()
            .filter { $0.fields.isOverdue(on: today) }
        for decision in overdue {
            try await WebhookOutbox.enqueue(.decisionOverdue, key: "decision.overdue:\(decision.id!)", data: DecisionEvent(id: decision.id!, decision.fields),
                                            on: database)
        }
        return overdue.count
    }

    static func tiersByInitiative(on database: any Database) async throws -> [UUID: GovernanceTier] {
        Dictionary(uniqueKeysWithValues: try await InitiativeModel.query(on: database).all().map { ($0.id!, GovernanceTier.stored($0.tier)) })
    }
}
