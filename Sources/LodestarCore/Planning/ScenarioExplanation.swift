import Foundation

/// Translates an optimiser result back into the portfolio's terms.
struct ScenarioExplanation {
    let scenario: Scenario
    let data: PortfolioData
    let problem: OptimisationProblem
    let notes: [String]

    func outcome(of result: OptimisationResult) -> ScenarioOutcome {
        let first = scenario.firstQuarter.index
        let initiatives = Dictionary(uniqueKeysWithValues: data.initiatives.map { ($0.id.uuidString, $0) })
        let candidates = Dictionary(uniqueKeysWithValues: problem.initiatives.map { ($0.id, $0) })
        let poolNames = Dictionary(uniqueKeysWithValues: data.pools.map { ($0.id.uuidString, $0.name) })

        let funded = result.selection.map { selection -> ScenarioOutcome.Funded in
            let candidate = candidates[selection.id]!
            let initiative = initiatives[selection.id]!
            return ScenarioOutcome.Funded(
                initiativeID: initiative.id, code: initiative.code, name: initiative.name,
                start: Quarter(index: first + selection.start), finish: Quarter(index: first + selection.start + candidate.duration - 1),
                value: candidate.value, cost: candidate.cost.reduce(0, +), running: candidate.fixedStart != nil)
        }
        let leftOut = result.exclusions.map { exclusion -> ScenarioOutcome.LeftOut in
            let initiative = initiatives[exclusion.id]!
            return ScenarioOutcome.LeftOut(
                initiativeID: initiative.id, code: initiative.code, name: initiative.name, value: candidates[exclusion.id]!.value,
                reason: describe(exclusion.reason, initiatives: initiatives, poolNames: poolNames))
        }

        var spend = Array(repeating: 0.0, count: problem.quarters)
        var demand: [String: [Double]] = [:]
        for selection in result.selection {
            let candidate = candidates[selection.id]!
            for offset in 0..<candidate.duration {
                spend[selection.start + offset] += candidate.cost[offset]
                for pool in candidate.demand {
                    demand[pool.poolID, default: Array(repeating: 0, count: problem.quarters)][selection.start + offset] += pool.perQuarter[offset]
                }
            }
        }
        let caps = Dictionary(scenario.budgetCaps.map { ($0.quarter.index - first, $0.amount) }, uniquingKeysWith: { _, last in last })
        let spendRows = (0..<problem.quarters).map {
            ScenarioOutcome.QuarterAmount(quarter: Quarter(index: first + $0), amount: spend[$0], limit: caps[$0])
        }
        let loads = problem.pools.flatMap { pool in
            (0..<problem.quarters).map { quarter in
                ScenarioOutcome.PoolLoad(
                    poolID: UUID(uuidString: pool.id)!, poolName: pool.name, quarter: Quarter(index: first + quarter),
                    capacity: pool.capacity[quarter], demand: demand[pool.id]?[quarter] ?? 0)
            }
        }
        let prices = result.shadowPrices.filter { $0.valuePerUnit > 1e-9 }.map { price -> ScenarioOutcome.ShadowPrice in
            switch price.constraint {
                case .budget(let quarter):
                    let label = Quarter(index: first + quarter)
                    let perMillion = price.valuePerUnit * 1_000_000
                    return ScenarioOutcome.ShadowPrice(
                        poolID: nil, poolName: nil, quarter: label, valuePerUnit: price.valuePerUnit,
                        explanation: "One million more budget in \(label) unlocks \(Self.points(perMillion)) value points.")
                case .capacity(let poolID, let quarter):
                    let label = Quarter(index: first + quarter)
                    let name = poolNames[poolID] ?? poolID
                    return ScenarioOutcome.ShadowPrice(
                        poolID: UUID(uuidString: poolID), poolName: name, quarter: label, valuePerUnit: price.valuePerUnit,
                        explanation: "One more FTE of \(name) in \(label) unlocks \(Self.points(price.valuePerUnit)) value points.")
            }
        }
        .sorted { ($0.valuePerUnit, $1.quarter) > ($1.valuePerUnit, $0.quarter) }

        return ScenarioOutcome(
            firstQuarter: scenario.firstQuarter, quarters: scenario.quarters,
            scoringModelID: data.scoringModel(scenario.scoringModelID)?.id, status: result.status,
            value: result.value, bound: result.bound, gap: result.gap, seconds: result.seconds,
            funded: funded, leftOut: leftOut, spend: spendRows, loads: loads, shadowPrices: prices,
            coverage: StrategicCoverage.of(funded: Set(funded.map(\.initiativeID)), in: data), notes: notes + statusNotes(result))
    }

    private func statusNotes(_ result: OptimisationResult) -> [String] {
        switch result.status {
            case .infeasible: ["No plan can fund every running and forced-in initiative together: nothing is funded. The reasons below say what blocks them."]
            case .unknown: ["The time limit ran out before a plan funding every forced-in initiative was found: give it more time."]
            case .optimal, .feasible: []
        }
    }

    private func describe(
        _ reason: OptimisationResult.ExclusionReason, initiatives: [String: Record<Initiative>], poolNames: [String: String]
    ) -> String {
        let first = scenario.firstQuarter.index
        func constraint(_ constraint: OptimisationConstraint) -> String {
            switch constraint {
                case .budget(let quarter): "the budget of \(Quarter(index: first + quarter))"
                case .capacity(let pool, let quarter): "\(poolNames[pool] ?? pool) in \(Quarter(index: first + quarter))"
            }
        }
        func shortfalls(_ list: [OptimisationResult.Shortfall]) -> String {
            list.map { shortfall -> String in
                let amount = switch shortfall.constraint {
                    case .budget: ScenarioPlanner.money(shortfall.amount)
                    case .capacity: "\(ScenarioPlanner.fte(shortfall.amount)) FTE"
                }
                return "\(constraint(shortfall.constraint)) is short by \(amount)"
            }
            .joined(separator: "; ")
        }
        func name(_ id: String) -> String { initiatives[id].map { "\($0.code) \($0.name)" } ?? id }
        return switch reason {
            case .excluded: "Forced out by the scenario."
            case .noStartInWindow: "No start quarter in the horizon lets it finish within it."
            case .largerThanCapacity(let list): "Too large even alone: \(shortfalls(list))."
            case .predecessorNotFunded(let id): "Waits on \(name(id)), which is not funded."
            case .predecessorFinishesTooLate(let id): "Waits on \(name(id)), which cannot finish in time."
            case .constraintsBind(let list): "Does not fit beside higher-value work: \(shortfalls(list))."
            case .noValue: "Adds no value under this scoring model (not scored?)."
            case .notReached: "Not reached before the time limit."
        }
    }

    static func points(_ value: Double) -> String { String(format: "%.1f", value) }
}
