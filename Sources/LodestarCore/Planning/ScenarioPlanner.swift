import Foundation

/// Turns the portfolio and a scenario into an optimisation problem, runs the optimiser, and
/// translates its answer back into initiatives, quarters and pools.
///
/// Modelling choices, stated so the answer can be trusted:
/// - Active work is running: funded, with its start fixed (at the horizon's first quarter if it began
///   earlier, with only its remaining run and budget counted). Completed and cancelled work is out.
///   Proposed, approved and on-hold initiatives are candidates the optimiser may fund and schedule.
/// - An initiative's value is its score under the scenario's scoring model (with weight changes).
/// - Its run is its planned start to finish in quarters (from its demand if undated, else two
///   quarters), capped at the horizon; its remaining budget is spread evenly over that run; its
///   demand keeps its shape relative to its planned start.
/// - Capacity of a quarter with no recorded capacity carries the last recorded one forward.
/// - Running work that alone exceeds a capacity or budget keeps running: the limit is raised to what
///   it uses (and a note says so), so the scenario decides what else fits.
public enum ScenarioPlanner {
    public struct Planned: Sendable {
        public var problem: OptimisationProblem
        public var notes: [String]
    }

    public static func problem(for scenario: Scenario, in data: PortfolioData) -> Planned {
        let first = scenario.firstQuarter.index
        let quarters = scenario.quarters
        let model = data.scoringModel(scenario.scoringModelID)
        let values = Dictionary(
            uniqueKeysWithValues: data.ranking(model: model?.id, weightChanges: scenario.weightChanges).map { ($0.initiativeID, $0.total) })
        let forcedIn = Set(scenario.forcedIn), forcedOut = Set(scenario.forcedOut)
        let shifts = Dictionary(scenario.startShifts.map { ($0.initiativeID, $0.quarter.index - first) }, uniquingKeysWith: { _, last in last })
        let demandsByInitiative = Dictionary(grouping: data.demands, by: \.initiativeID)
        let poolIDs = data.pools.map(\.id)
        let knownPools = Set(poolIDs)

        var candidates: [OptimisationProblem.Candidate] = []
        var included = Set<UUID>()
        for initiative in data.initiatives {
            let status = initiative.status
            guard status != .completed, status != .cancelled else { continue }
            let demands = (demandsByInitiative[initiative.id] ?? []).filter { knownPools.contains($0.poolID) }
            let run = Self.run(of: initiative.fields, demands: demands, fallbackStart: first)
            let running = status == .active
            var start = run.start - first
            var duration = run.length
            if running, start < 0 {
                duration += start
                start = 0
            }
            guard duration > 0 else { continue }
            duration = min(duration, quarters)
            let remaining = max(0, initiative.totalBudget - initiative.actualCost)
            let cost = Array(repeating: remaining / Double(duration), count: duration)
            let offset = running ? first + start : run.start
            var perPool: [UUID: [Double]] = [:]
            for demand in demands {
                let position = demand.period.index - offset
                guard (0..<duration).contains(position) else { continue }
                perPool[demand.poolID, default: Array(repeating: 0, count: duration)][position] += demand.fte
            }
            let demand = poolIDs.compactMap { pool in perPool[pool].map { OptimisationProblem.PoolDemand(poolID: pool.uuidString, perQuarter: $0) } }
            var candidate = OptimisationProblem.Candidate(
                id: initiative.id.uuidString, name: initiative.name, value: values[initiative.id] ?? 0, duration: duration,
                earliestStart: 0, latestStart: quarters - duration, cost: cost, demand: demand,
                mandatory: running || forcedIn.contains(initiative.id), excluded: forcedOut.contains(initiative.id),
                fixedStart: running ? start : nil)
            if !running, let shifted = shifts[initiative.id] {
                candidate.earliestStart = shifted
                candidate.latestStart = shifted
            }
            if running, forcedOut.contains(initiative.id) {
                candidate.mandatory = false
                candidate.fixedStart = nil
            }
            candidates.append(candidate)
            included.insert(initiative.id)
        }

        let fixed = Set(candidates.filter { $0.fixedStart != nil }.map(\.id))
        var predecessors: [String: [String]] = [:]
        for dependency in data.dependencies where included.contains(dependency.predecessorID) && included.contains(dependency.successorID) {
            let successor = dependency.successorID.uuidString
            guard !fixed.contains(successor) else { continue }
            predecessors[successor, default: []].append(dependency.predecessorID.uuidString)
        }
        for index in candidates.indices { candidates[index].predecessors = (predecessors[candidates[index].id] ?? []).sorted() }

        var notes: [String] = []
        let quarterLabels = (0..<quarters).map { Quarter(index: first + $0).description }
        let names = Dictionary(uniqueKeysWithValues: data.pools.map { ($0.id.uuidString, $0.name) })
        var budget = Array(repeating: Self.unlimited, count: quarters)
        for cap in scenario.budgetCaps { budget[cap.quarter.index - first] = cap.amount }
        var capacity = Dictionary(uniqueKeysWithValues: poolIDs.map { ($0.uuidString, Self.capacity(of: $0, from: first, quarters: quarters, in: data)) })
        for change in scenario.capacityChanges where knownPools.contains(change.poolID) {
            let slot = change.quarter.index - first
            capacity[change.poolID.uuidString]![slot] = max(0, capacity[change.poolID.uuidString]![slot] + change.fte)
        }
        let runningWork = candidates.filter { $0.fixedStart != nil }
        for quarter in 0..<quarters {
            let spend = runningWork.reduce(0.0) { total, item in
                let position = quarter - item.fixedStart!
                return (0..<item.duration).contains(position) ? total + item.cost[position] : total
            }
            if spend > budget[quarter] + 1e-6 {
                notes.append("Running work alone spends \(Self.money(spend)) in \(quarterLabels[quarter]), above its cap of \(Self.money(budget[quarter])): the cap is raised to that for this run.")
                budget[quarter] = spend
            }
            for pool in poolIDs.map(\.uuidString) {
                let used = runningWork.reduce(0.0) { total, item in
                    let position = quarter - item.fixedStart!
                    guard (0..<item.duration).contains(position), let demand = item.demand.first(where: { $0.poolID == pool }) else { return total }
                    return total + demand.perQuarter[position]
                }
                if used > capacity[pool]![quarter] + 1e-6 {
                    notes.append("Running work alone needs \(Self.fte(used)) FTE of \(names[pool] ?? pool) in \(quarterLabels[quarter]), above its \(Self.fte(capacity[pool]![quarter])) FTE: nothing new can use that pool then.")
                    capacity[pool]![quarter] = used
                }
            }
        }
        let pools = data.pools.map { OptimisationProblem.Pool(id: $0.id.uuidString, name: $0.name, capacity: capacity[$0.id.uuidString]!) }
        return Planned(problem: OptimisationProblem(quarters: quarters, budget: budget, pools: pools, initiatives: candidates), notes: notes)
    }

    /// Optimises the scenario and explains the answer.
    public static func run(_ scenario: Scenario, in data: PortfolioData, options: OptimiserOptions = OptimiserOptions(timeLimit: 0.8))
        throws -> ScenarioOutcome
    {
        let planned = problem(for: scenario, in: data)
        let result = try PortfolioOptimiser.optimise(planned.problem, options: options)
        return ScenarioExplanation(scenario: scenario, data: data, problem: planned.problem, notes: planned.notes).outcome(of: result)
    }

    /// A budget with no cap: large enough never to bind, small enough to keep the arithmetic exact.
    static let unlimited = 1e15

    /// Start quarter (absolute index) and length in quarters of an initiative's planned run.
    static func run(of initiative: Initiative, demands: [Demand], fallbackStart: Int) -> (start: Int, length: Int) {
        if let start = initiative.plannedStart {
            let first = Quarter(containing: start).index
            let last = initiative.plannedFinish.map { Quarter(containing: $0).index } ?? (demands.map(\.period.index).max() ?? first + 1)
            return (first, max(1, last - first + 1))
        }
        if let first = demands.map(\.period.index).min(), let last = demands.map(\.period.index).max() {
            return (first, last - first + 1)
        }
        return (initiative.plannedFinish.map { Quarter(containing: $0).index - 1 } ?? fallbackStart, 2)
    }

    static func capacity(of pool: UUID, from first: Int, quarters: Int, in data: PortfolioData) -> [Double] {
        var byQuarter: [Int: Double] = [:]
        for entry in data.capacities where entry.poolID == pool { byQuarter[entry.period.index, default: 0] += entry.fte }
        let known = byQuarter.keys.sorted()
        return (0..<quarters).map { offset in
            let quarter = first + offset
            if let exact = byQuarter[quarter] { return exact }
            guard let before = known.last(where: { $0 < quarter }) ?? known.first else { return 0 }
            return byQuarter[before]!
        }
    }

    static func money(_ amount: Double) -> String { OptimisationResult.formatted(amount.rounded()) }
    static func fte(_ amount: Double) -> String { String(format: "%.1f", amount) }
}
