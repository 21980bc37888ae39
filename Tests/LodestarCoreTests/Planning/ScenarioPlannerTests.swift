import Foundation
@testable import LodestarCore
import Testing

@Suite("Scenario planner")
struct ScenarioPlannerTests {
    static let first = Quarter("2027-Q1")!
    /// Small work budgets: these portfolios have a dozen candidates, solved exactly well within them.
    static let quick = OptimiserOptions(timeLimit: 10, dualIterations: 300, localSearchMoves: 500, exactSearchNodeLimit: 20_000)

    /// A random small portfolio: a few pools with capacity, running work and proposals with demand,
    /// a weighted model with scores, some dependencies between proposals.
    static func portfolio(seed: UInt64) -> PortfolioData {
        var random = SeededRandom(seed: seed)
        var data = PortfolioData()
        data.pools = (0..<3).map { Record(id: random.uuid(), fields: ResourcePool(name: "Pool \($0)")) }
        for pool in data.pools {
            for offset in 0..<6 { data.capacities.append(PoolCapacity(poolID: pool.id, period: first.adding(offset), fte: Double(2 + random.int(in: 0...4)))) }
        }
        let model = Record(id: random.uuid(), fields: ScoringModel(name: "Value", isDefault: true))
        let criterion = Record(id: random.uuid(), fields: ScoringCriterion(modelID: model.id, name: "Value", weight: 1, scaleMin: 0, scaleMax: 10))
        data.scoringModels = [model]
        data.criteria = [criterion]
        for index in 0..<14 {
            let running = index < 3
            let start = running ? first.adding(-random.int(in: 0...1)) : first.adding(random.int(in: 0...2))
            let length = 1 + random.int(in: 0...2)
            let initiative = Record(id: random.uuid(), fields: Initiative(
                code: String(format: "I-%02d", index), name: "Initiative \(index)", status: running ? .active : (random.chance(0.5) ? .proposed : .approved),
                plannedStart: start.firstDay, plannedFinish: start.adding(length - 1).lastDay, capexBudget: Double(100 + random.int(in: 0...400)) * 1000))
            data.initiatives.append(initiative)
            for offset in 0..<length where random.chance(0.8) {
                let pool = data.pools[random.int(in: 0...2)].id
                data.demands.append(Demand(initiativeID: initiative.id, poolID: pool, period: start.adding(offset), fte: Double(1 + random.int(in: 0...3)) / 2))
            }
            data.scores.append(Score(initiativeID: initiative.id, criterionID: criterion.id, value: Double(random.int(in: 1...10))))
        }
        let proposals = data.initiatives.dropFirst(3).map(\.id)
        // Earlier to later in the list only, so there is never a cycle.
        for _ in 0..<3 {
            let a = random.int(in: 0...(proposals.count - 2))
            let b = random.int(in: (a + 1)...(proposals.count - 1))
            data.dependencies.append(Dependency(predecessorID: proposals[a], successorID: proposals[b]))
        }
        return data
    }

    @Test("over random portfolios: the plan fits every capacity and budget, running work keeps its start, forced choices hold, dependencies hold, the bound is at least the value",
          arguments: 1...12)
    func properties(seed: UInt64) throws {
        let data = Self.portfolio(seed: seed)
        var random = SeededRandom(seed: seed &+ 1000)
        let candidates = data.initiatives.filter { $0.status != .active }.map(\.id)
        let forcedOut = [candidates[random.int(in: 0...(candidates.count - 1))]]
        let scenario = Scenario(
            name: "Random", firstQuarter: Self.first, quarters: 6,
            budgetCaps: [.init(quarter: Self.first.adding(1), amount: 900_000)], forcedOut: forcedOut)
        let planned = ScenarioPlanner.problem(for: scenario, in: data)
        let outcome = try ScenarioPlanner.run(scenario, in: data, options: Self.quick)
        guard outcome.status != .infeasible else { return }

        #expect(outcome.bound >= outcome.value - 1e-6)
        #expect(abs(outcome.funded.reduce(0) { $0 + $1.value } - outcome.value) < 1e-6)
        for load in outcome.loads {
            let pool = planned.problem.pools.first { $0.id == load.poolID.uuidString }!
            #expect(load.demand <= pool.capacity[load.quarter.index - Self.first.index] + 1e-6, "\(load.poolName) \(load.quarter)")
        }
        for spend in outcome.spend { #expect(spend.amount <= planned.problem.budget[spend.quarter.index - Self.first.index] + 1e-6) }
        let funded = Dictionary(uniqueKeysWithValues: outcome.funded.map { ($0.initiativeID, $0) })
        for running in data.initiatives where running.status == .active && Quarter(containing: running.plannedFinish!) >= Self.first {
            #expect(funded[running.id]?.running == true, "running work stays in the plan")
            #expect(funded[running.id]?.start == max(Self.first, Quarter(containing: running.plannedStart!)))
        }
        #expect(forcedOut.allSatisfy { funded[$0] == nil })
        for dependency in data.dependencies {
            guard let successor = funded[dependency.successorID] else { continue }
            let predecessor = try #require(funded[dependency.predecessorID], "a funded initiative's predecessor is funded")
            #expect(predecessor.finish < successor.start)
        }
        #expect(Set(outcome.funded.map(\.initiativeID)).isDisjoint(with: outcome.leftOut.map(\.initiativeID)))
    }

    @Test("the same portfolio and scenario give the same plan")
    func deterministic() throws {
        let data = Self.portfolio(seed: 7)
        let scenario = Scenario(name: "Again", firstQuarter: Self.first, quarters: 6)
        var a = try ScenarioPlanner.run(scenario, in: data, options: Self.quick)
        var b = try ScenarioPlanner.run(scenario, in: data, options: Self.quick)
        a.seconds = 0
        b.seconds = 0
        #expect(a == b)
    }

    @Test("weight changes re-rank, shifted starts pin the quarter, and extra capacity never lowers the value")
    func changesMoveTheAnswer() throws {
        let data = Self.portfolio(seed: 3)
        let base = Scenario(name: "Base", firstQuarter: Self.first, quarters: 6)
        let baseline = try ScenarioPlanner.run(base, in: data, options: Self.quick)
        var richer = base
        richer.capacityChanges = data.pools.flatMap { pool in (0..<6).map { Scenario.CapacityChange(poolID: pool.id, quarter: Self.first.adding($0), fte: 3) } }
        #expect(try ScenarioPlanner.run(richer, in: data, options: Self.quick).value >= baseline.value - 1e-6)

        let candidate = try #require(baseline.funded.first { !$0.running })
        var shifted = base
        shifted.startShifts = [.init(initiativeID: candidate.initiativeID, quarter: Self.first.adding(5 - (candidate.finish.index - candidate.start.index)))]
        let moved = try ScenarioPlanner.run(shifted, in: data, options: Self.quick)
        if let again = moved.funded.first(where: { $0.initiativeID == candidate.initiativeID }) {
            #expect(again.start == shifted.startShifts[0].quarter)
        }
        let problem = ScenarioPlanner.problem(for: shifted, in: data).problem
        let item = try #require(problem.initiatives.first { $0.id == candidate.initiativeID.uuidString })
        #expect(item.earliestStart == item.latestStart)
    }
}
