import Foundation

/// The Lagrangian relaxation of the portfolio model, and its dual solved by subgradient steps.
///
/// Every budget and capacity row is moved into the objective with a price per unit, and so is every
/// precedence row (`b` started by quarter `t` ⇒ `a` started early enough to finish by `t`). What is
/// left is one choice per initiative: its best start at those prices, or nothing. For any
/// non-negative prices that choice plus the priced capacities bounds every feasible plan from above,
/// so each evaluation is a proof; the steps only make the proof tighter. Because the per-initiative
/// choice has integral extreme points, the best such bound equals the LP relaxation's.
///
/// Rows are scaled by their capacity (each resource row reads "share used ≤ 1"), so the budget, in
/// money, and the pools, in people, move at comparable speeds; `resourcePrice` holds the prices of
/// the scaled rows, and a price per unit is `resourcePrice[r] / capacity[r]`.
struct LagrangianDual {
    let model: CompiledProblem
    /// Precedence edge `e` runs from `edgePredecessor[e]` to `edgeSuccessor[e]`; its rows are one per
    /// option of the successor, at `edgeRows[e]` in `precedencePrice`.
    private let edgePredecessor: [Int]
    private let edgeSuccessor: [Int]
    private let edgeRows: [Range<Int>]

    var resourcePrice: [Double]
    var precedencePrice: [Double]

    /// What one evaluation of the relaxation gives.
    struct Evaluation {
        /// The bound these prices prove.
        var bound: Double
        /// The option each item takes in the relaxation, or -1.
        var choice: [Int]
        /// The value of each option net of its priced resources and precedence rows.
        var reducedValue: [Double]
    }

    init(model: CompiledProblem) {
        self.model = model
        var predecessors: [Int] = [], successors: [Int] = [], rows: [Range<Int>] = []
        var rowCount = 0
        for successor in 0..<model.itemCount where !model.optionRange[successor].isEmpty {
            for predecessor in model.predecessors[successor] {
                predecessors.append(predecessor)
                successors.append(successor)
                rows.append(rowCount..<(rowCount + model.optionRange[successor].count))
                rowCount += model.optionRange[successor].count
            }
        }
        edgePredecessor = predecessors
        edgeSuccessor = successors
        edgeRows = rows
        precedencePrice = Array(repeating: 0, count: rowCount)
        resourcePrice = LagrangianDual.initialPrices(model)
    }

    /// A uniform starting price: the median value per share of capacity, so the first relaxation
    /// already keeps roughly the better half of the initiatives instead of all of them.
    private static func initialPrices(_ model: CompiledProblem) -> [Double] {
        var densities: [Double] = []
        for item in 0..<model.itemCount {
            guard let option = model.optionRange[item].first else { continue }
            let share = model.entryRange[option].reduce(0.0) { $0 + model.entryShare[$1] }
            if share > 0 { densities.append(max(0, model.values[item]) / share) }
        }
        densities.sort()
        let median = densities.isEmpty ? 0 : densities[densities.count / 2]
        return Array(repeating: median / Double(max(1, model.quarters)), count: model.resourceCount)
    }

    /// The relaxation at the current prices.
    func evaluate() -> Evaluation {
        var reduced = [Double](repeating: 0, count: model.optionCount)
        for option in 0..<model.optionCount {
            var priced = 0.0
            for entry in model.entryRange[option] {
                priced += resourcePrice[model.entryResource[entry]] * model.entryShare[entry]
            }
            reduced[option] = model.values[model.optionItem[option]] - priced
        }
        applyPrecedencePrices(to: &reduced)
        var bound = resourcePrice.reduce(0, +)
        var choice = [Int](repeating: -1, count: model.itemCount)
        for item in 0..<model.itemCount {
            let options = model.optionRange[item]
            guard var best = options.first else { continue }
            for option in options.dropFirst() where reduced[option] > reduced[best] { best = option }
            if model.mustFund[item] || reduced[best] > 0 {
                choice[item] = best
                bound += reduced[best]
            }
        }
        return Evaluation(bound: bound, choice: choice, reducedValue: reduced)
    }

    /// Row "b by t ⇒ a finished by t" priced at μ: every start of `b` at or before `t` pays μ, every
    /// start of `a` finishing by `t` earns it. Summed over the rows, an option pays (or earns) the
    /// suffix sum of μ from its own start (or its finish) on.
    private func applyPrecedencePrices(to reduced: inout [Double]) {
        var suffix: [Double] = []
        for edge in edgeRows.indices {
            let rows = edgeRows[edge]
            let successorOptions = model.optionRange[edgeSuccessor[edge]]
            suffix.removeAll(keepingCapacity: true)
            suffix.append(contentsOf: repeatElement(0, count: rows.count + 1))
            for offset in stride(from: rows.count - 1, through: 0, by: -1) {
                suffix[offset] = suffix[offset + 1] + precedencePrice[rows.lowerBound + offset]
            }
            for offset in 0..<rows.count {
                reduced[successorOptions.lowerBound + offset] -= suffix[offset]
            }
            let predecessor = edgePredecessor[edge]
            let duration = model.durations[predecessor]
            var firstRow = 0
            for option in model.optionRange[predecessor] {
                let finish = model.optionStart[option] + duration
                while firstRow < rows.count, model.optionStart[successorOptions.lowerBound + firstRow] < finish {
                    firstRow += 1
                }
                reduced[option] += suffix[firstRow]
            }
        }
    }

    /// One projected subgradient step towards `target` (the best plan's value), Polyak's rule with
    /// factor `stepFactor`. Returns false when the relaxed choice satisfies every relaxed row with
    /// complementary slackness, i.e. the step would be zero.
    mutating func step(from evaluation: Evaluation, target: Double, stepFactor: Double) -> Bool {
        var resourceGradient = [Double](repeating: -1, count: model.resourceCount)
        for item in 0..<model.itemCount {
            let option = evaluation.choice[item]
            guard option >= 0 else { continue }
            for entry in model.entryRange[option] {
                resourceGradient[model.entryResource[entry]] += model.entryShare[entry]
            }
        }
        var precedenceGradient = [Double](repeating: 0, count: precedencePrice.count)
        for edge in edgeRows.indices {
            let rows = edgeRows[edge]
            let successorOptions = model.optionRange[edgeSuccessor[edge]]
            let successorChoice = evaluation.choice[edgeSuccessor[edge]]
            let predecessorChoice = evaluation.choice[edgePredecessor[edge]]
            let predecessorFinish = predecessorChoice < 0
                ? Int.max : model.optionStart[predecessorChoice] + model.durations[edgePredecessor[edge]]
            for offset in 0..<rows.count {
                let quarter = model.optionStart[successorOptions.lowerBound + offset]
                var gradient = 0.0
                if successorChoice >= 0, model.optionStart[successorChoice] <= quarter { gradient += 1 }
                if predecessorFinish <= quarter { gradient -= 1 }
                precedenceGradient[rows.lowerBound + offset] = gradient
            }
        }
        // A price already at zero whose row is slack cannot move: leave it out of the step length.
        var norm = 0.0
        for resource in resourceGradient.indices {
            if resourcePrice[resource] <= 0, resourceGradient[resource] < 0 { resourceGradient[resource] = 0 }
            norm += resourceGradient[resource] * resourceGradient[resource]
        }
        for row in precedenceGradient.indices {
            if precedencePrice[row] <= 0, precedenceGradient[row] < 0 { precedenceGradient[row] = 0 }
            norm += precedenceGradient[row] * precedenceGradient[row]
        }
        guard norm > 0 else { return false }
        let length = stepFactor * max(evaluation.bound - target, 1e-6 * max(1, abs(target))) / norm
        for resource in resourcePrice.indices {
            resourcePrice[resource] = max(0, resourcePrice[resource] + length * resourceGradient[resource])
        }
        for row in precedencePrice.indices {
            precedencePrice[row] = max(0, precedencePrice[row] + length * precedenceGradient[row])
        }
        return true
    }

    /// A bound as it may be reported: rounded down to a whole number when every value is whole
    /// (any plan's value is then whole too), after allowing for the rounding of the sums.
    func reportable(_ bound: Double) -> Double {
        guard model.integralValues else { return bound }
        return (bound + 1e-7 * max(1, abs(bound))).rounded(.down)
    }
}
