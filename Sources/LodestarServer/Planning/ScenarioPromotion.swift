import Fluent
import LodestarCore
import Vapor

/// Makes a scenario run the plan, all or nothing: funded candidates become approved with the run's
/// dates, approved work the run leaves out goes back to proposed, and a decision records who did it
/// and why. Every initiative change goes through `EntityStore`, so it is validated, version-claimed
/// and audited like any other edit.
enum ScenarioPromotion {
    static func promote(
        _ scenarioID: UUID, run runID: UUID?, reason: String, by caller: Caller, on database: any Database
    ) async throws -> ScenarioController.PromoteResponse {
        try caller.require([.admin, .pmo], to: "promote a scenario to be the plan")
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw Problem.validation([FieldIssue("reason", "is required: say why this is the plan")]) }
        guard reason.count <= 4000 else { throw Problem.validation([FieldIssue("reason", "at most 4000 characters")]) }
        guard let scenario = try await ScenarioModel.find(scenarioID, on: database) else { throw Problem.notFound("Scenario \(scenarioID)") }
        let run: ScenarioRunModel?
        if let runID {
            run = try await ScenarioRunModel.query(on: database).filter(\.$id == runID).filter(\.$scenarioID == scenarioID).first()
        } else {
            run = try await ScenarioRunModel.latest(of: scenarioID, on: database)
        }
        guard let run, let outcome = run.decodedOutcome else {
            throw Problem.notFound(runID.map { "Run \($0) of scenario '\(scenario.name)'" } ?? "A run of scenario '\(scenario.name)' (run it first)")
        }
        guard run.scenarioVersion == scenario.version else {
            throw Problem.conflict("Scenario '\(scenario.name)' changed after this run (version \(run.scenarioVersion), now \(scenario.version)): run it again before promoting.")
        }
        guard run.promotedAt == nil else { throw Problem.conflict("This run was already promoted.") }

        let funded = Dictionary(uniqueKeysWithValues: outcome.funded.filter { !$0.running }.map { ($0.initiativeID, $0) })
        let leftOut = Set(outcome.leftOut.map(\.initiativeID))
        let today = Day.today()
        return try await database.transaction { database in
            let ids = Array(funded.keys) + Array(leftOut)
            let affected = try await InitiativeModel.query(on: database).filter(\.$id ~~ ids).all()
            let store = EntityStore<InitiativeModel>(caller: caller, database: database)
            var changed = 0
            for initiative in affected.sorted(by: { $0.code < $1.code }) {
                let current = initiative.fields
                var planned = current
                if let plan = funded[initiative.id!] {
                    if planned.status == .proposed || planned.status == .onHold { planned.status = .approved }
                    planned.plannedStart = plan.start.firstDay
                    planned.plannedFinish = plan.finish.lastDay
                } else if planned.status == .approved {
                    planned.status = .proposed
                }
                guard planned != current else { continue }
                let replacement = planned
                _ = try await store.update(initiative.id!, expectedVersion: initiative.version) { _ in replacement }
                changed += 1
            }
            let decision = try await EntityStore<DecisionModel>(caller: caller, database: database).create(Decision(
                title: "Promote scenario '\(scenario.name)' to the plan",
                context: "Run of \(run.ranAt.map { ISO8601DateFormatter().string(from: $0) } ?? "unknown time"): "
                    + "\(outcome.funded.count) initiatives funded, \(outcome.leftOut.count) left out, value "
                    + String(format: "%.1f", outcome.value) + " (within " + String(format: "%.1f", outcome.gap * 100) + "% of the best possible).",
                type: .tradeOff, decisionMakerID: caller.userID, options: ["Promote '\(scenario.name)'", "Keep the current plan"],
                requestedOn: today, decidedOn: today, status: .decided,
                outcome: "Promoted: \(changed) initiatives changed status or dates.", rationale: reason))
            run.promotedAt = Date()
            run.decisionID = decision.id
            try await run.save(on: database)
            return .init(decisionID: decision.id!, runID: run.id!, changed: changed)
        }
    }
}
