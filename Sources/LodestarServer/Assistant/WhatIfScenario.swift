import Fluent
import Foundation
import LodestarCore
import MCP

/// "What if?" for an assistant: optimises the plan under the changes asked (budget caps, capacity
/// changes, initiatives forced in or out, shifted starts), optionally on top of a saved scenario, and
/// compares it with the plan as it stands. Read-only: the run is never stored and nothing changes.
///
/// Access: admin, pmo and executives, who may run scenarios through the API.
enum WhatIfScenario {
    struct BudgetCapInput: Decodable {
        var quarter: Quarter
        var amount: Double
    }

    struct CapacityChangeInput: Decodable {
        var pool: String
        var quarter: Quarter
        var fte: Double
    }

    struct StartShiftInput: Decodable {
        var initiative: String
        var quarter: Quarter
    }

    struct Answer: Encodable, Sendable {
        var scenario: Scenario
        var outcome: ScenarioOutcome
        /// The scenario beside the plan without its changes: headline figures and every initiative whose fate differs.
        var comparison: ScenarioComparison
        var saved: Bool
    }

    private static let quarterSchema: Value = ["type": "string", "pattern": "^[0-9]{4}-Q[1-4]$", "description": "A quarter such as 2027-Q3."]

    static let tool = AssistantTool(
        name: "run_what_if_scenario", title: "Run a what-if scenario (read only)",
        description: "Optimises the portfolio plan under hypothetical changes and compares the result with the plan without them: which initiatives get funded and when, total value and cost, the initiatives whose fate changes and why, and the shadow prices of budget and capacity. Changes: budget caps per quarter, FTE added to or taken from a resource pool in a quarter, initiatives forced in or out, initiatives made to start in a given quarter; optionally on top of a saved scenario (by name or id). Nothing is saved and the plan never changes; only admins, the PMO and executives may run scenarios.",
        parameters: [
            .text("scenario", "A saved scenario's name or id to start from (optional).", maxLength: 120),
            .text("firstQuarter", "First quarter of the horizon, e.g. 2027-Q1 (default: the saved scenario's, else the current quarter).", maxLength: 7),
            .integer("quarters", "Length of the horizon in quarters (default: the saved scenario's, else 8).", 1...Scenario.maximumQuarters),
            .structured("budgetCaps", "Spending limits per quarter; a quarter without a cap has none.", schema: [
                "type": "array", "maxItems": 16,
                "items": ["type": "object", "required": ["quarter", "amount"], "additionalProperties": false,
                          "properties": ["quarter": quarterSchema, "amount": ["type": "number", "minimum": 0]]],
            ]),
            .structured("capacityChanges", "FTE added to (negative: taken from) a resource pool in one quarter.", schema: [
                "type": "array", "maxItems": 200,
                "items": ["type": "object", "required": ["pool", "quarter", "fte"], "additionalProperties": false,
                          "properties": ["pool": ["type": "string", "description": "The pool's name or id."], "quarter": quarterSchema,
                                         "fte": ["type": "number"]]],
            ]),
            .texts("forceIn", "Initiatives (ids or codes) that must be funded.", maxCount: 200),
            .texts("forceOut", "Initiatives (ids or codes) that must not be funded.", maxCount: 200),
            .structured("startShifts", "Initiatives that, if funded, must start in a given quarter.", schema: [
                "type": "array", "maxItems": 200,
                "items": ["type": "object", "required": ["initiative", "quarter"], "additionalProperties": false,
                          "properties": ["initiative": ["type": "string", "description": "Id or code."], "quarter": quarterSchema]],
            ]),
            .number("timeLimit", "Seconds the optimiser may take for each of the two runs (default 1).", 0.1...10),
        ]
    ) { arguments, caller, session in
        do {
            try caller.require(ScenarioController.runners, to: "run scenarios")
        } catch let problem as Problem {
            throw ToolFailure(problem)
        }
        let data = try await PortfolioData.load(on: session.database)
        let scenario = try await WhatIfScenario.scenario(from: arguments, data: data, session: session)
        let options = OptimiserOptions(timeLimit: arguments.number("timeLimit") ?? 1)
        let plan = Scenario(
            name: "The plan as it stands", scoringModelID: scenario.scoringModelID, firstQuarter: scenario.firstQuarter, quarters: scenario.quarters)
        let runs = try await Task.detached {
            // The optimiser is pure CPU: off the event loops and the database's blocking pool.
            (try ScenarioPlanner.run(scenario, in: data, options: options), try ScenarioPlanner.run(plan, in: data, options: options))
        }.value
        let answer = Answer(
            scenario: scenario, outcome: runs.0,
            comparison: ScenarioComparison.compare([(scenario.name, runs.0), (plan.name, runs.1)]), saved: false)
        return try ToolAnswer(summary: WhatIfScenario.summary(answer), value: answer)
    }

    static func scenario(from arguments: ToolArguments, data: PortfolioData, session: AssistantSession) async throws -> Scenario {
        var scenario: Scenario
        if let key = arguments.text("scenario") {
            let saved: ScenarioModel?
            if let id = UUID(uuidString: key) { saved = try await ScenarioModel.find(id, on: session.database) } else {
                saved = try await ScenarioModel.query(on: session.database).filter(\.$name == key).first()
            }
            guard let saved else { throw ToolFailure(kind: .notFound, message: "No saved scenario is called '\(key)'.", argument: "scenario") }
            scenario = saved.fields
            scenario.name = "\(scenario.name) (what-if)"
        } else {
            scenario = Scenario(name: "What-if", firstQuarter: Quarter(containing: Day.today()), quarters: 8)
        }
        if let first = arguments.text("firstQuarter") {
            guard let quarter = Quarter(first) else { throw ToolFailure.invalid("firstQuarter", "must be a quarter such as 2027-Q1") }
            scenario.firstQuarter = quarter
        }
        scenario.quarters = arguments.integer("quarters", default: scenario.quarters)

        for cap in try arguments.decoded("budgetCaps", as: [BudgetCapInput].self) ?? [] {
            scenario.budgetCaps.removeAll { $0.quarter == cap.quarter }
            scenario.budgetCaps.append(.init(quarter: cap.quarter, amount: cap.amount))
        }
        let pools = data.pools
        for (index, change) in (try arguments.decoded("capacityChanges", as: [CapacityChangeInput].self) ?? []).enumerated() {
            guard let pool = pools.first(where: { $0.id.uuidString == change.pool.uppercased() || $0.name.caseInsensitiveCompare(change.pool) == .orderedSame }) else {
                throw ToolFailure.invalid("capacityChanges[\(index)].pool", "names no resource pool; the pools are \(pools.map(\.name).sorted().joined(separator: ", "))")
            }
            scenario.capacityChanges.append(.init(poolID: pool.id, quarter: change.quarter, fte: change.fte))
        }
        func initiative(_ key: String, _ argument: String) throws -> UUID {
            let trimmed = key.trimmingCharacters(in: .whitespaces)
            guard let found = data.initiatives.first(where: { $0.id.uuidString == trimmed.uppercased() || $0.code.caseInsensitiveCompare(trimmed) == .orderedSame }) else {
                throw ToolFailure.invalid(argument, "names no initiative ('\(key)'); use an id or a code such as INI-012")
            }
            return found.id
        }
        for (index, key) in arguments.texts("forceIn").enumerated() { scenario.forcedIn.append(try initiative(key, "forceIn[\(index)]")) }
        for (index, key) in arguments.texts("forceOut").enumerated() { scenario.forcedOut.append(try initiative(key, "forceOut[\(index)]")) }
        for (index, shift) in (try arguments.decoded("startShifts", as: [StartShiftInput].self) ?? []).enumerated() {
            let id = try initiative(shift.initiative, "startShifts[\(index)].initiative")
            scenario.startShifts.removeAll { $0.initiativeID == id }
            scenario.startShifts.append(.init(initiativeID: id, quarter: shift.quarter))
        }
        scenario.forcedIn = scenario.forcedIn.uniqued()
        scenario.forcedOut = scenario.forcedOut.uniqued()
        let issues = scenario.validate()
        if !issues.isEmpty { throw ToolFailure(Problem.validation(issues)) }
        if let model = scenario.scoringModelID, data.scoringModel(model) == nil {
            throw ToolFailure.notFound("The saved scenario's scoring model \(model) no longer exists.")
        }
        return scenario
    }

    static func summary(_ answer: Answer) -> String {
        let outcome = answer.outcome
        let columns = answer.comparison.columns
        var lines = [
            "What-if '\(answer.scenario.name)', \(outcome.firstQuarter) for \(outcome.quarters) quarters: \(outcome.status.rawValue), value \(String(format: "%.1f", outcome.value)) (within \(String(format: "%.1f", outcome.gap * 100)) % of the best possible), \(outcome.funded.count) funded, cost \(outcome.totalCost.wholeText).",
        ]
        if columns.count == 2 {
            lines.append("The plan without these changes: value \(String(format: "%.1f", columns[1].value)), \(columns[1].fundedCount) funded, cost \(columns[1].cost.wholeText).")
        }
        let differences = answer.comparison.differences
        lines.append(differences.isEmpty ? "No initiative's fate changes." : "\(differences.count) initiatives' fate changes:")
        lines += differences.prefix(15).map { "- \($0.code) \($0.name): \($0.fates.first ?? "") (plan: \($0.fates.last ?? ""))" }
        lines += outcome.notes.map { "Note: \($0)" }
        lines += outcome.shadowPrices.prefix(3).map { "Constraint: \($0.explanation)" }
        lines.append("Nothing was saved; the plan is unchanged.")
        return lines.joined(separator: "\n")
    }
}
