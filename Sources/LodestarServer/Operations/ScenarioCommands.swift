import Fluent
import Foundation
import LodestarCore
import Vapor

/// `lodestar scenario …`: list, run, compare and promote scenarios from a terminal, with the same
/// rules and records as the API.
public enum ScenarioCommands {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func list(_ app: Application) async throws -> String {
        let scenarios = try await ScenarioModel.query(on: app.db).sort(\.$name).all()
        guard !scenarios.isEmpty else { return "No scenarios yet. Create one on the Scenarios page or with POST /api/v1/scenarios." }
        var lines = ["NAME                                      HORIZON          LAST RUN"]
        for scenario in scenarios {
            let run = try await ScenarioRunModel.latest(of: scenario.id!, on: app.db)
            let last = run?.decodedOutcome.map { "value \(String(format: "%.1f", $0.value)), \($0.funded.count) funded" } ?? "not run"
            lines.append(scenario.name.padding(toLength: 42, withPad: " ", startingAt: 0)
                + "\(scenario.firstQuarter) +\(scenario.quarters)q".padding(toLength: 17, withPad: " ", startingAt: 0) + last)
        }
        return lines.joined(separator: "\n")
    }

    /// Runs the scenario named (or with the id) `key` and describes the outcome.
    public static func run(_ app: Application, _ key: String, timeLimit: Double, json: Bool) async throws -> String {
        let scenario = try await find(key, on: app.db)
        let run = try await ScenarioRunner.run(scenario.id!, by: Commands.commandLineCaller("cli"), timeLimit: timeLimit, on: app.db, cache: app.portfolioCache)
        let outcome = run.decodedOutcome!
        if json { return String(decoding: try JSONEncoder.api.encode(outcome), as: UTF8.self) }
        var lines = [
            "Scenario '\(scenario.name)': \(outcome.status.rawValue), value \(String(format: "%.1f", outcome.value)), bound \(String(format: "%.1f", outcome.bound)), gap \(String(format: "%.2f", outcome.gap * 100)) %, \(String(format: "%.2f", outcome.seconds)) s",
            "Funded \(outcome.funded.count), left out \(outcome.leftOut.count), cost \(OptimisationResult.formatted(outcome.totalCost.rounded())), objectives covered \(outcome.coverage.objectivesCovered)/\(outcome.coverage.objectivesTotal)",
        ]
        lines += outcome.notes.map { "Note: \($0)" }
        lines += outcome.shadowPrices.prefix(5).map { "  \($0.explanation)" }
        lines.append("Left out (highest value first):")
        lines += outcome.leftOut.sorted { ($0.value, $1.code) > ($1.value, $0.code) }.prefix(10).map { "  \($0.code) \($0.name): \($0.reason)" }
        return lines.joined(separator: "\n")
    }

    public static func compare(_ app: Application, _ keys: [String]) async throws -> String {
        var ids: [UUID] = []
        for key in keys { ids.append(try await find(key, on: app.db).id!) }
        let result: ScenarioController.CompareBody
        do { result = try await ScenarioRunner.compare(ids, on: app.db) } catch let problem as Problem { throw Failure(description: problem.detail) }
        let width = 24
        func row(_ label: String, _ values: [String]) -> String {
            label.padding(toLength: 26, withPad: " ", startingAt: 0) + values.map { $0.padding(toLength: width, withPad: " ", startingAt: 0) }.joined()
        }
        let columns = result.comparison.columns
        var lines = [
            row("", result.scenarios.map { String($0.name.prefix(width - 2)) }),
            row("Value", columns.map { String(format: "%.1f", $0.value) }),
            row("Cost", columns.map { OptimisationResult.formatted($0.cost.rounded()) }),
            row("Funded", columns.map { "\($0.fundedCount)" }),
            row("Objectives covered", columns.map { "\($0.objectivesCovered)" }),
        ]
        lines.append("Initiatives whose fate differs: \(result.comparison.differences.count)")
        for difference in result.comparison.differences.prefix(20) {
            lines.append("  \(difference.code) \(difference.name)")
            for (scenario, fate) in zip(result.scenarios, difference.fates) { lines.append("    \(scenario.name): \(fate)") }
        }
        return lines.joined(separator: "\n")
    }

    /// Promotes the scenario's latest run, as the PMO or admin user `email`, who is recorded as the decision maker.
    public static func promote(_ app: Application, _ key: String, reason: String, as email: String) async throws -> String {
        let scenario = try await find(key, on: app.db)
        guard let user = try await UserModel.query(on: app.db).filter(\.$email == email.lowercased()).first() else {
            throw Failure(description: "No user has the email \(email).")
        }
        let caller = Caller(user: user, credential: .commandLine)
        do {
            let result = try await ScenarioPromotion.promote(scenario.id!, run: nil, reason: reason, by: caller, on: app.db)
            return "Promoted '\(scenario.name)': \(result.changed) initiatives changed; decision \(result.decisionID) recorded with \(email) as its maker."
        } catch let problem as Problem {
            throw Failure(description: problem.detail)
        }
    }

    static func find(_ key: String, on database: any Database) async throws -> ScenarioModel {
        if let id = UUID(uuidString: key), let scenario = try await ScenarioModel.find(id, on: database) { return scenario }
        if let scenario = try await ScenarioModel.query(on: database).filter(\.$name == key).first() { return scenario }
        throw Failure(description: "No scenario is called '\(key)'. `lodestar scenario list` shows them.")
    }
}
