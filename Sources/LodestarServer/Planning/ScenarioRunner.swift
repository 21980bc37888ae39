import Fluent
import LodestarCore
import Vapor

/// Runs scenarios against the live portfolio and keeps each run.
enum ScenarioRunner {
    /// Seconds an interactive run may search, so that the whole answer stays under a second on the
    /// 10,000-initiative demo; the run states the gap its proven bound leaves (`lodestar bench` shows it).
    static let interactiveTimeLimit = 0.35

    static func run(
        _ id: UUID, by caller: Caller, timeLimit: Double, on database: any Database, cache: PortfolioCache
    ) async throws -> ScenarioRunModel {
        guard let scenario = try await ScenarioModel.find(id, on: database) else { throw Problem.notFound("Scenario \(id)") }
        let fields = scenario.fields
        let data = try await cache.data(.all, on: database)
        if let model = fields.scoringModelID, data.scoringModel(model) == nil { throw Problem.notFound("Scoring model \(model)") }
        // Off the event loop and off the blocking pool the SQLite driver needs: the optimiser is pure CPU.
        let outcome = try await Task.detached {
            try ScenarioPlanner.run(fields, in: data, options: OptimiserOptions(timeLimit: timeLimit))
        }.value
        let run = ScenarioRunModel(
            scenarioID: id, scenarioVersion: scenario.version,
            runBy: caller.credential == .commandLine ? nil : caller.userID, outcome: outcome)
        try await run.create(on: database)
        return run
    }

    static func compare(_ ids: [UUID], on database: any Database) async throws -> ScenarioController.CompareBody {
        var refs: [ScenarioController.ScenarioRef] = []
        var outcomes: [(name: String, outcome: ScenarioOutcome)] = []
        for id in ids {
            guard let scenario = try await ScenarioModel.find(id, on: database) else { throw Problem.notFound("Scenario \(id)") }
            guard let run = try await ScenarioRunModel.latest(of: id, on: database), let outcome = run.decodedOutcome else {
                throw Problem.conflict("Scenario '\(scenario.name)' has not been run yet: run it before comparing.")
            }
            refs.append(.init(id: id, name: scenario.name, runID: run.id!, ranAt: run.ranAt))
            outcomes.append((scenario.name, outcome))
        }
        return .init(scenarios: refs, comparison: ScenarioComparison.compare(outcomes))
    }
}
