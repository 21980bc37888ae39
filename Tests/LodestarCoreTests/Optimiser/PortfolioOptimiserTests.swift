import Foundation
import Testing
@testable import LodestarCore

@Suite("Portfolio optimiser")
struct PortfolioOptimiserTests {
    /// Small budgets keep debug-build tests quick; the algorithm is the same.
    static let quick = OptimiserOptions(dualIterations: 300, dualPatience: 20, localSearchMoves: 300)

    // MARK: Properties over random small problems, against brute force

    @Test(arguments: 1...60 as ClosedRange<UInt64>)
    func smallProblemsMatchBruteForce(seed: UInt64) throws {
        let problem = OptimiserFixtures.randomProblem(
            seed: seed, initiatives: 3 + Int(seed % 5), quarters: 3 + Int(seed % 2), pools: 1 + Int(seed % 2))
        let result = try PortfolioOptimiser.optimise(problem, options: Self.quick)
        let optimum = OptimiserFixtures.bruteForceOptimum(problem)

        guard let optimum else {
            #expect(result.status == .infeasible)
            return
        }
        #expect(result.status == .optimal)
        #expect(result.value == optimum)
        #expect(result.bound >= optimum)
        #expect(OptimiserFixtures.violations(of: result.selection, in: problem).isEmpty)
    }

    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func plansAreFeasibleAndExplained(seed: UInt64) throws {
        let problem = OptimiserFixtures.randomProblem(
            seed: 1000 + seed, initiatives: 60, quarters: 6, pools: 3, maxDuration: 3, feasible: true)
        let result = try PortfolioOptimiser.optimise(problem, options: Self.quick)
        #expect(result.status == .feasible || result.status == .optimal)
        let violations = OptimiserFixtures.violations(of: result.selection, in: problem)
        #expect(violations.isEmpty, "\(violations)")
        #expect(result.bound >= result.value)
        #expect(abs(result.gap - (result.bound - result.value) / max(1, result.value)) < 1e-12)
        let selectedValue = result.selection.reduce(0.0) { sum, chosen in
            sum + problem.initiatives.first { $0.id == chosen.id }!.value
        }
        #expect(selectedValue == result.value)

        let selected = Set(result.selection.map(\.id))
        let excluded = result.exclusions.map(\.id)
        #expect(Set(excluded).isDisjoint(with: selected))
        #expect(selected.count + excluded.count == problem.initiatives.count, "every left-out initiative has a reason")
        for candidate in problem.initiatives {
            if candidate.excluded { #expect(!selected.contains(candidate.id)) }
            if candidate.mandatory { #expect(selected.contains(candidate.id)) }
            if let fixed = candidate.fixedStart {
                #expect(result.selection.first { $0.id == candidate.id }?.start == fixed)
            }
        }
        #expect(!result.exclusions.contains { $0.reason == .notReached }, "a completed run considers everything")
    }

    @Test func boundHoldsOnProblemsTooLargeToProve() throws {
        // Brute force still works at eight initiatives; the exact search is switched off so the
        // bound comes from the relaxation alone.
        for seed in 1...10 as ClosedRange<UInt64> {
            let problem = OptimiserFixtures.randomProblem(seed: 500 + seed, initiatives: 7, quarters: 3, pools: 2, flags: false)
            var options = Self.quick
            options.exactSearchMaxInitiatives = 0
            let result = try PortfolioOptimiser.optimise(problem, options: options)
            let optimum = try #require(OptimiserFixtures.bruteForceOptimum(problem))
            #expect(result.bound >= optimum, "seed \(seed)")
            #expect(result.value <= optimum)
        }
    }

    // MARK: Determinism, limits, cancellation

    @Test func sameProblemGivesTheSameAnswer() throws {
        let problem = OptimiserFixtures.randomProblem(seed: 77, initiatives: 80, quarters: 8, pools: 4, maxDuration: 4)
        let first = try PortfolioOptimiser.optimise(problem, options: Self.quick)
        let second = try PortfolioOptimiser.optimise(problem, options: Self.quick)
        #expect(OptimiserFixtures.comparable(first) == OptimiserFixtures.comparable(second))
        #expect(first.stop == .completed)
    }

    @Test func aSpentTimeLimitStillGivesAFeasiblePlan() throws {
        let problem = OptimiserFixtures.randomProblem(seed: 78, initiatives: 150, quarters: 8, pools: 4, flags: false)
        var options = OptimiserOptions()
        options.timeLimit = 0
        let result = try PortfolioOptimiser.optimise(problem, options: options)
        #expect(result.stop == .timeLimit)
        #expect(result.dualIterations == 0)
        #expect(OptimiserFixtures.violations(of: result.selection, in: problem).isEmpty)
        #expect(result.bound >= result.value)
    }

    @Test func cancellationStopsTheSearch() async throws {
        let problem = OptimiserFixtures.randomProblem(seed: 79, initiatives: 150, quarters: 8, pools: 4, flags: false)
        let task = Task {
            while !Task.isCancelled { await Task.yield() }
            return try PortfolioOptimiser.optimise(problem)
        }
        task.cancel()
        let result = try await task.value
        #expect(result.stop == .cancelled)
        #expect(OptimiserFixtures.violations(of: result.selection, in: problem).isEmpty)
    }

    // MARK: Explanations

    static func candidate(
        _ id: String, value: Double, cost: Double = 1, pool: Double = 0, duration: Int = 1,
        after: [String] = [], excluded: Bool = false
    ) -> OptimisationProblem.Candidate {
        .init(
            id: id, name: id, value: value, duration: duration, earliestStart: 0, latestStart: 2 - duration,
            cost: Array(repeating: cost, count: duration),
            demand: [.init(poolID: "DATA", perQuarter: Array(repeating: pool, count: duration))],
            excluded: excluded, predecessors: after)
    }

    @Test func everyLeftOutInitiativeSaysWhy() throws {
        let problem = OptimisationProblem(
            quarters: 2, budget: [10, 10], pools: [.init(id: "DATA", name: "Data engineering", capacity: [2, 2])],
            initiatives: [
                Self.candidate("BIG", value: 100, pool: 3),
                Self.candidate("OUT", value: 100, excluded: true),
                Self.candidate("AFTER-OUT", value: 100, after: ["OUT"]),
                Self.candidate("A", value: 50, pool: 2, duration: 2),
                Self.candidate("B", value: 10, pool: 1),
                Self.candidate("LATE", value: 5, duration: 1, after: ["A"]),
            ])
        let result = try PortfolioOptimiser.optimise(problem)
        #expect(result.status == .optimal)
        #expect(result.selection.map(\.id) == ["A"])
        let reasons = Dictionary(uniqueKeysWithValues: result.exclusions.map { ($0.id, $0.reason) })
        #expect(reasons["BIG"] == .largerThanCapacity([.init(constraint: .capacity(poolID: "DATA", quarter: 0), amount: 1)]))
        #expect(reasons["OUT"] == .excluded)
        #expect(reasons["AFTER-OUT"] == .predecessorNotFunded(predecessorID: "OUT"))
        #expect(reasons["LATE"] == .predecessorFinishesTooLate(predecessorID: "A"))
        guard case .constraintsBind(let shortfalls) = reasons["B"] else {
            Issue.record("B should be blocked by capacity, got \(String(describing: reasons["B"]))")
            return
        }
        #expect(shortfalls.map(\.constraint) == [.capacity(poolID: "DATA", quarter: 0)])
    }

    @Test func scarceCapacityHasTheShadowPrice() throws {
        // Five equal initiatives want one unit each of a pool that holds two, with money to spare:
        // a third unit would fund one more, worth 10.
        let problem = OptimisationProblem(
            quarters: 1, budget: [1_000], pools: [.init(id: "DATA", name: "Data engineering", capacity: [2])],
            initiatives: (1...5).map { index in
                .init(id: "I\(index)", name: "I\(index)", value: 10, duration: 1, earliestStart: 0, latestStart: 0,
                      cost: [1], demand: [.init(poolID: "DATA", perQuarter: [1])])
            })
        let result = try PortfolioOptimiser.optimise(problem)
        #expect(result.value == 20)
        #expect(result.bound == 20)
        let pool = try #require(result.shadowPrices.first { $0.constraint == .capacity(poolID: "DATA", quarter: 0) })
        #expect(abs(pool.valuePerUnit - 10) < 0.5)
        #expect(pool.used == 2)
        let budgetPrice = result.shadowPrices.first { $0.constraint == .budget(quarter: 0) }?.valuePerUnit ?? 0
        // The multipliers are those of a near-optimal dual, not exact LP duals: the ample budget
        // keeps a trace of its starting price, orders of magnitude below the pool's.
        #expect(budgetPrice < pool.valuePerUnit / 100)
    }

    @Test func anUnfundableMandatoryItemMakesTheProblemInfeasible() throws {
        var big = Self.candidate("BIG", value: 1, pool: 5)
        big.mandatory = true
        let problem = OptimisationProblem(
            quarters: 2, budget: [10, 10], pools: [.init(id: "DATA", name: "Data", capacity: [2, 2])],
            initiatives: [big, Self.candidate("SMALL", value: 3, pool: 1)])
        let result = try PortfolioOptimiser.optimise(problem)
        #expect(result.status == .infeasible)
        #expect(result.selection.isEmpty)
        #expect(result.exclusions.first { $0.id == "BIG" }?.reason
            == .largerThanCapacity([.init(constraint: .capacity(poolID: "DATA", quarter: 0), amount: 3)]))
    }

    // MARK: Malformed problems

    @Test func malformedProblemsAreRejectedWithTheirIssues() {
        let problem = OptimisationProblem(
            quarters: 2, budget: [10], pools: [.init(id: "DATA", name: "Data", capacity: [2, 2])],
            initiatives: [
                Self.candidate("A", value: 1, after: ["B"]),
                Self.candidate("B", value: 1, after: ["A"]),
                Self.candidate("C", value: 1, after: ["NOPE"]),
            ])
        #expect(problem.issues() == [
            .budgetLength(expected: 2, actual: 1),
            .unknownPredecessor(initiativeID: "C", predecessorID: "NOPE"),
        ])
        var cyclic = problem
        cyclic.budget = [10, 10]
        cyclic.initiatives.removeLast()
        #expect(cyclic.issues() == [.dependencyCycle(initiativeIDs: ["A", "B"])])
        #expect(throws: PortfolioOptimiser.InvalidProblem.self) { try PortfolioOptimiser.optimise(cyclic) }
    }
}
