import Foundation
@testable import LodestarCore

/// Random problems, an independent feasibility checker and a brute-force solver, written from the
/// problem's definition rather than from the optimiser's compiled model, so they can disagree with it.
enum OptimiserFixtures {
    /// A random problem. Predecessors are always earlier initiatives (so there is no cycle), and
    /// capacities are a `tightness` share of the total demand, so some initiatives must be left out.
    /// About one in twenty initiatives is mandatory, one excluded and one already running (`flags`);
    /// with `feasible`, must-fund flags are kept only where they fit together, so a plan exists.
    static func randomProblem(
        seed: UInt64, initiatives count: Int, quarters: Int, pools poolCount: Int, maxDuration: Int = 2,
        tightness: Double = 0.5, flags: Bool = true, feasible: Bool = false
    ) -> OptimisationProblem {
        var random = SeededRandom(seed: seed, stream: 99)
        let poolIDs = (0..<poolCount).map { "P\($0)" }
        var candidates: [OptimisationProblem.Candidate] = []
        for index in 0..<count {
            let duration = random.int(in: 1...min(maxDuration, quarters))
            let earliest = random.chance(0.3) ? random.int(in: 0...(quarters - duration)) : 0
            let latest = random.chance(0.3) ? random.int(in: earliest...(quarters - duration)) : quarters - duration
            let cost = (0..<duration).map { _ in Double(random.int(in: 1...10)) }
            let demand = poolIDs.filter { _ in random.chance(0.6) }.map { pool in
                OptimisationProblem.PoolDemand(poolID: pool, perQuarter: (0..<duration).map { _ in Double(random.int(in: 0...4)) })
            }
            var predecessors: [String] = []
            if index > 0, random.chance(0.3) { predecessors.append("I\(random.int(in: 0..<index))") }
            var candidate = OptimisationProblem.Candidate(
                id: "I\(index)", name: "Initiative \(index)", value: Double(random.int(in: 1...40)), duration: duration,
                earliestStart: earliest, latestStart: latest, cost: cost, demand: demand, predecessors: predecessors)
            if flags {
                switch random.int(in: 0..<20) {
                    case 0: candidate.mandatory = true
                    case 1: candidate.excluded = true
                    case 2: candidate.fixedStart = random.int(in: 0...(quarters - duration))
                    default: break
                }
            }
            candidates.append(candidate)
        }
        func share(_ total: Double) -> [Double] {
            (0..<quarters).map { _ in (tightness * total / Double(quarters) * random.double(in: 0.8...1.2)).rounded() }
        }
        let totalCost = candidates.reduce(0.0) { $0 + $1.cost.reduce(0, +) }
        let pools = poolIDs.map { pool in
            let load = candidates.reduce(0.0) { sum, candidate in
                sum + (candidate.demand.first { $0.poolID == pool }?.perQuarter.reduce(0, +) ?? 0)
            }
            return OptimisationProblem.Pool(id: pool, name: "Pool \(pool)", capacity: share(load))
        }
        var problem = OptimisationProblem(quarters: quarters, budget: share(totalCost), pools: pools, initiatives: candidates)
        if feasible { keepOnlyJointlyFeasibleMustFund(&problem) }
        return problem
    }

    /// Clears must-fund flags that do not fit, at their first allowed start, next to the ones kept.
    private static func keepOnlyJointlyFeasibleMustFund(_ problem: inout OptimisationProblem) {
        var kept: [OptimisationResult.Selection] = []
        for index in problem.initiatives.indices {
            let candidate = problem.initiatives[index]
            guard candidate.mandatory || candidate.fixedStart != nil else { continue }
            let start = candidate.fixedStart ?? candidate.earliestStart
            let trial = kept + [.init(id: candidate.id, start: start)]
            var alone = problem
            alone.initiatives = problem.initiatives.filter { item in trial.contains { $0.id == item.id } }
            if candidate.predecessors.isEmpty, violations(of: trial, in: alone).isEmpty {
                kept = trial
            } else {
                problem.initiatives[index].mandatory = false
                problem.initiatives[index].fixedStart = nil
            }
        }
    }

    /// Every rule a plan breaks, as text; empty when the plan is feasible.
    static func violations(of selection: [OptimisationResult.Selection], in problem: OptimisationProblem) -> [String] {
        var found: [String] = []
        var startByID: [String: Int] = [:]
        for chosen in selection {
            if startByID[chosen.id] != nil { found.append("\(chosen.id) twice") }
            startByID[chosen.id] = chosen.start
        }
        var spend = [Double](repeating: 0, count: problem.quarters)
        var use = problem.pools.map { _ in [Double](repeating: 0, count: problem.quarters) }
        for candidate in problem.initiatives {
            guard let start = startByID[candidate.id] else {
                if candidate.mandatory || candidate.fixedStart != nil { found.append("\(candidate.id) must be funded") }
                continue
            }
            if candidate.excluded { found.append("\(candidate.id) is excluded") }
            if let fixed = candidate.fixedStart {
                if start != fixed { found.append("\(candidate.id) moved from its fixed start") }
            } else if start < candidate.earliestStart || start > candidate.latestStart {
                found.append("\(candidate.id) starts outside its window")
            }
            if start < 0 || start + candidate.duration > problem.quarters {
                found.append("\(candidate.id) runs outside the horizon")
                continue
            }
            for predecessor in candidate.predecessors {
                guard let predecessorStart = startByID[predecessor] else {
                    found.append("\(candidate.id) needs \(predecessor)")
                    continue
                }
                let predecessorDuration = problem.initiatives.first { $0.id == predecessor }!.duration
                if predecessorStart + predecessorDuration > start { found.append("\(candidate.id) starts before \(predecessor) ends") }
            }
            for offset in 0..<candidate.duration {
                spend[start + offset] += candidate.cost[offset]
                for demand in candidate.demand {
                    use[problem.pools.firstIndex { $0.id == demand.poolID }!][start + offset] += demand.perQuarter[offset]
                }
            }
        }
        for quarter in 0..<problem.quarters {
            if spend[quarter] > problem.budget[quarter] { found.append("budget q\(quarter) overspent") }
            for (index, pool) in problem.pools.enumerated() where use[index][quarter] > pool.capacity[quarter] {
                found.append("\(pool.id) q\(quarter) over capacity")
            }
        }
        return found
    }

    /// The best value over every combination of choices (each initiative: nothing, or any start),
    /// or nil when no combination is feasible. Exponential: for a handful of initiatives only.
    static func bruteForceOptimum(_ problem: OptimisationProblem) -> Double? {
        let choices: [[Int?]] = problem.initiatives.map { candidate in
            let starts = Array(0...max(-1, problem.quarters - candidate.duration))
            return [nil] + starts.map { Optional($0) }
        }
        var best: Double?
        var current: [Int?] = Array(repeating: nil, count: problem.initiatives.count)
        func visit(_ index: Int) {
            if index == problem.initiatives.count {
                let selection = problem.initiatives.indices.compactMap { item in
                    current[item].map { OptimisationResult.Selection(id: problem.initiatives[item].id, start: $0) }
                }
                guard violations(of: selection, in: problem).isEmpty else { return }
                let value = problem.initiatives.indices.reduce(0.0) { $0 + (current[$1] == nil ? 0 : problem.initiatives[$1].value) }
                best = max(best ?? value, value)
                return
            }
            for choice in choices[index] {
                current[index] = choice
                visit(index + 1)
            }
            current[index] = nil
        }
        visit(0)
        return best
    }

    /// The fields of a result that must not change between identical runs (all but `seconds`).
    static func comparable(_ result: OptimisationResult) -> OptimisationResult {
        var copy = result
        copy.seconds = 0
        return copy
    }
}
