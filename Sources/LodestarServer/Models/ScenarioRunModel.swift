import Fluent
import LodestarCore
import Vapor

/// One run of a scenario: who ran it, when, on which version of the scenario, and the outcome.
/// Runs are kept (never updated), so a promotion can name exactly what was promoted.
final class ScenarioRunModel: Model, @unchecked Sendable {
    static let schema = "scenario_runs"

    @ID(key: .id) var id: UUID?
    @Field(key: "scenario_id") var scenarioID: UUID
    @Field(key: "scenario_version") var scenarioVersion: Int
    @OptionalField(key: "run_by") var runBy: UUID?
    @Timestamp(key: "ran_at", on: .create) var ranAt: Date?
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "promoted_at") var promotedAt: Date?
    @OptionalField(key: "decision_id") var decisionID: UUID?
    /// The outcome a new run was made with (not a column): answering right after a run then does not
    /// decode the 10,000-item outcome just encoded, which took a sixth of a scenario run's time.
    private var madeWith: ScenarioOutcome?

    init() {}

    init(scenarioID: UUID, scenarioVersion: Int, runBy: UUID?, outcome: ScenarioOutcome) {
        self.scenarioID = scenarioID
        self.scenarioVersion = scenarioVersion
        self.runBy = runBy
        self.outcome = StoredJSON.encode(outcome)
        madeWith = outcome
    }

    var decodedOutcome: ScenarioOutcome? { madeWith ?? (try? JSONDecoder().decode(ScenarioOutcome.self, from: Data(outcome.utf8))) }

    static func latest(of scenario: UUID, on database: any Database) async throws -> ScenarioRunModel? {
        try await ScenarioRunModel.query(on: database).filter(\.$scenarioID == scenario).sort(\.$ranAt, .descending).first()
    }
}

/// The plan as it stood when a planning cycle closed.
final class PlanSnapshotModel: Model, @unchecked Sendable {
    static let schema = "plan_snapshots"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @Timestamp(key: "taken_at", on: .create) var takenAt: Date?
    @Field(key: "snapshot") var snapshot: String

    init() {}

    init(cycleID: UUID, snapshot: PlanSnapshot) {
        self.cycleID = cycleID
        self.snapshot = StoredJSON.encode(snapshot)
    }

    var decodedSnapshot: PlanSnapshot? { try? JSONDecoder().decode(PlanSnapshot.self, from: Data(snapshot.utf8)) }
}
