import Foundation

/// How hard the optimiser works. The work budgets, not the clock, end a normal run, so the same
/// problem and options give the same answer; the time limit and cancellation only cut a run short.
public struct OptimiserOptions: Hashable, Sendable {
    /// Seconds before the search stops with the best plan so far.
    public var timeLimit: Double
    /// Seeds the local search's random moves.
    public var seed: UInt64
    /// At most this many subgradient steps on the Lagrangian dual (each one also proves a bound).
    public var dualIterations: Int
    /// Steps without a better bound before the step length halves; the dual stops when it has
    /// halved about thirteen times.
    public var dualPatience: Int
    /// Local search moves; nil sizes them to the problem (each move costs time in proportion to
    /// the number of initiatives, so larger problems get fewer).
    public var localSearchMoves: Int?
    /// Problems with at most this many fundable initiatives are also searched exhaustively.
    public var exactSearchMaxInitiatives: Int
    public var exactSearchNodeLimit: Int

    public init(
        timeLimit: Double = 60, seed: UInt64 = 1, dualIterations: Int = 3_000, dualPatience: Int = 100,
        localSearchMoves: Int? = nil, exactSearchMaxInitiatives: Int = 40, exactSearchNodeLimit: Int = 2_000_000
    ) {
        self.timeLimit = timeLimit
        self.seed = seed
        self.dualIterations = dualIterations
        self.dualPatience = dualPatience
        self.localSearchMoves = localSearchMoves
        self.exactSearchMaxInitiatives = exactSearchMaxInitiatives
        self.exactSearchNodeLimit = exactSearchNodeLimit
    }

    /// The automatic move budget: about 6 million item checks in all, and at most 20,000 moves.
    func moves(forInitiatives count: Int) -> Int {
        localSearchMoves ?? min(20_000, 6_000_000 / max(1, count))
    }
}

/// The portfolio optimiser: Lagrangian relaxation for the bound and the prices, greedy repair for
/// feasible plans, local search to improve them, and exhaustive search when the problem is small.
public enum PortfolioOptimiser {
    /// The problem is not well formed (see `OptimisationProblem.issues()`).
    public struct InvalidProblem: Error, Hashable, Sendable, CustomStringConvertible {
        public var issues: [OptimisationProblem.Issue]
        public var description: String { issues.map(\.description).joined(separator: "; ") }
    }

    /// Chooses the initiatives to fund and their starts. Checks `Task.isCancelled` and the time
    /// limit as it goes, and returns the best plan found so far when either stops it.
    public static func optimise(
        _ problem: OptimisationProblem, options: OptimiserOptions = OptimiserOptions()
    ) throws -> OptimisationResult {
        let issues = problem.issues()
        guard issues.isEmpty else { throw InvalidProblem(issues: issues) }
        var run = Run(problem: problem, options: options)
        return run.solve()
    }
}

/// One optimisation, start to finish.
private struct Run {
    let problem: OptimisationProblem
    let options: OptimiserOptions
    let model: CompiledProblem
    let clock = ContinuousClock()
    let started: ContinuousClock.Instant
    let deadline: ContinuousClock.Instant
    var stop = OptimisationResult.Stop.completed

    init(problem: OptimisationProblem, options: OptimiserOptions) {
        self.problem = problem
        self.options = options
        started = clock.now
        deadline = started.advanced(by: .milliseconds(Int64((max(0, options.timeLimit) * 1000).rounded())))
        model = CompiledProblem(problem)
    }

    mutating func shouldStop() -> Bool {
        if stop != .completed { return true }
        if Task.isCancelled {
            stop = .cancelled
        } else if clock.now >= deadline {
            stop = .timeLimit
        }
        return stop != .completed
    }

    mutating func solve() -> OptimisationResult {
        guard model.unfundableMustFund.isEmpty else {
            return result(plan: PlanState(model: model), bound: 0, prices: [], proven: false, counts: (0, 0, 0))
        }

        // 1. The dual: every evaluation proves a bound; every few, its prices seed a greedy plan.
        var dual = LagrangianDual(model: model)
        var best = GreedyRepair.build(model, order: GreedyRepair.priorityOrder(model, reducedValue: valuesAsReduced()),
                                      preference: earliestFirst())
        var bestBound = Double.infinity
        var bestPrices = dual.resourcePrice
        var bestReduced: [Double] = valuesAsReduced()
        var stepFactor = 1.0
        var sinceImprovement = 0
        var dualIterations = 0
        var proven = false
        while dualIterations < options.dualIterations, !shouldStop() {
            dualIterations += 1
            let evaluation = dual.evaluate()
            if evaluation.bound < bestBound - 1e-9 * max(1, abs(bestBound)) {
                bestBound = evaluation.bound
                bestPrices = dual.resourcePrice
                bestReduced = evaluation.reducedValue
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
                if sinceImprovement >= options.dualPatience {
                    stepFactor /= 2
                    sinceImprovement = 0
                }
            }
            if dualIterations % 10 == 1 {
                let order = GreedyRepair.priorityOrder(model, reducedValue: evaluation.reducedValue)
                let candidate = GreedyRepair.build(model, order: order, preference: evaluation.reducedValue)
                if isBetter(candidate, than: best) { best = candidate }
            }
            if best.fundsEveryMustFund, dual.reportable(bestBound) <= best.value + 1e-9 * max(1, abs(best.value)) {
                proven = true
                break
            }
            if stepFactor < 1e-4 { break }
            let target = best.fundsEveryMustFund ? best.value : 0
            if !dual.step(from: evaluation, target: target, stepFactor: stepFactor) { break }
        }
        if bestBound == .infinity { bestBound = dual.evaluate().bound }

        // 2. Local search from the best plan, ordered and priced by the best bound's prices.
        let order = GreedyRepair.priorityOrder(model, reducedValue: bestReduced)
        var random = SeededRandom(seed: options.seed, stream: 1)
        var moves = 0
        if !proven {
            // Must-fund items lead the refill order, so a plan that missed one can still gain it.
            let refillOrder = model.topologicalOrder.filter { model.mustFund[$0] } + order
            let search = LocalSearch(model: model, order: refillOrder, preference: bestReduced)
            var plan = best
            moves = search.improve(
                &plan, iterations: options.moves(forInitiatives: model.itemCount), random: &random,
                shouldStop: { shouldStop() })
            if isBetter(plan, than: best) { best = plan }
        }

        // 3. Small problems: search every choice, which either improves the plan or proves it.
        var nodes = 0
        let fundable = (0..<model.itemCount).filter { !model.optionRange[$0].isEmpty }.count
        if !proven, fundable <= options.exactSearchMaxInitiatives, !shouldStop() {
            let exact = ExactSearch(model: model, resourcePrice: bestPrices, priority: order)
            let outcome = exact.run(
                incumbent: best.fundsEveryMustFund ? best.value : -.infinity, nodeLimit: options.exactSearchNodeLimit,
                shouldStop: { shouldStop() })
            nodes = outcome.nodes
            if let choice = outcome.improvedChoice {
                var plan = PlanState(model: model)
                for item in model.topologicalOrder where choice[item] >= 0 { plan.place(choice[item]) }
                best = plan
            }
            proven = outcome.complete
        }
        let bound = proven && best.fundsEveryMustFund ? best.value : dual.reportable(bestBound)
        return result(plan: best, bound: bound, prices: bestPrices, proven: proven, counts: (dualIterations, moves, nodes))
    }

    /// A plan that funds every must-fund item beats one that does not; then the higher value wins.
    private func isBetter(_ plan: PlanState, than other: PlanState) -> Bool {
        if plan.fundsEveryMustFund != other.fundsEveryMustFund { return plan.fundsEveryMustFund }
        return plan.value > other.value
    }

    /// Before any prices exist, options are ranked by value alone.
    private func valuesAsReduced() -> [Double] {
        model.optionItem.map { model.values[$0] }
    }

    private func earliestFirst() -> [Double] {
        model.optionStart.map { -Double($0) }
    }

    // MARK: The answer

    private func result(
        plan: PlanState, bound: Double, prices: [Double], proven: Bool, counts: (dual: Int, moves: Int, nodes: Int)
    ) -> OptimisationResult {
        let infeasible = !model.unfundableMustFund.isEmpty || (proven && !plan.fundsEveryMustFund)
        let status: OptimisationResult.Status
        if infeasible {
            status = .infeasible
        } else if !plan.fundsEveryMustFund {
            status = .unknown
        } else {
            status = bound <= plan.value + 1e-9 * max(1, abs(plan.value)) ? .optimal : .feasible
        }
        let selection = (0..<model.itemCount).compactMap { item in
            plan.isPlaced(item) ? OptimisationResult.Selection(id: problem.initiatives[item].id, start: plan.start(of: item)) : nil
        }
        let exclusions = (0..<model.itemCount).compactMap { item in
            plan.isPlaced(item) ? nil : OptimisationResult.Exclusion(id: problem.initiatives[item].id, reason: reason(item, plan))
        }
        let reportedBound = infeasible ? 0 : bound
        return OptimisationResult(
            status: status, stop: stop, selection: selection, value: plan.value, bound: reportedBound,
            gap: abs(reportedBound - plan.value) / max(1, abs(plan.value)),
            shadowPrices: shadowPrices(prices, plan: plan), exclusions: exclusions,
            dualIterations: counts.dual, localSearchIterations: counts.moves, exactSearchNodes: counts.nodes,
            seconds: secondsSinceStart)
    }

    private var secondsSinceStart: Double {
        let elapsed = (clock.now - started).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }

    private func shadowPrices(_ prices: [Double], plan: PlanState) -> [OptimisationResult.ShadowPrice] {
        prices.indices.compactMap { resource in
            let capacity = model.capacity[resource]
            guard prices[resource] > 1e-12, capacity > 0 else { return nil }
            return .init(
                constraint: model.constraint(resource), valuePerUnit: prices[resource] / capacity,
                capacity: capacity, used: plan.used[resource])
        }
    }

    /// Why `item` is not in `plan`: decided up front, or a dependency, or the constraints that
    /// would break at its least-blocked start.
    private func reason(_ item: Int, _ plan: PlanState) -> OptimisationResult.ExclusionReason {
        if let decided = model.unfundable[item] { return decided }
        let ids = problem.initiatives.map(\.id)
        if let missing = model.predecessors[item].first(where: { !plan.isPlaced($0) }) {
            return .predecessorNotFunded(predecessorID: ids[missing])
        }
        let timely = model.optionRange[item].filter { plan.timingAllows($0) }
        guard !timely.isEmpty else {
            let latest = model.predecessors[item].max { plan.finish(of: $0) < plan.finish(of: $1) }!
            return .predecessorFinishesTooLate(predecessorID: ids[latest])
        }
        var leastBlocked: (shortfalls: [OptimisationResult.Shortfall], share: Double)?
        for option in timely {
            var shortfalls: [OptimisationResult.Shortfall] = []
            var share = 0.0
            for entry in model.entryRange[option] {
                let resource = model.entryResource[entry]
                let over = plan.used[resource] + model.entryAmount[entry] - model.capacity[resource]
                if !plan.hasRoom(resource, for: model.entryAmount[entry]) {
                    shortfalls.append(.init(constraint: model.constraint(resource), amount: over))
                    share += over / model.capacity[resource]
                }
            }
            if leastBlocked == nil || shortfalls.count < leastBlocked!.shortfalls.count
                || (shortfalls.count == leastBlocked!.shortfalls.count && share < leastBlocked!.share) {
                leastBlocked = (shortfalls, share)
            }
        }
        if leastBlocked!.shortfalls.isEmpty { return model.values[item] > 0 ? .notReached : .noValue }
        return .constraintsBind(leastBlocked!.shortfalls)
    }
}
