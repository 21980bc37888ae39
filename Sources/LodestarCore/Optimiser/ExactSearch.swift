import Foundation

/// Depth-first branch and bound over every item's choice (each fitting start, or none), for small
/// problems: when it finishes, the best plan is proven optimal.
///
/// A subtree is cut when the Lagrangian bound of what is left cannot beat the incumbent: with the
/// resource prices fixed, that bound is the prices of all capacity, plus the reduced values of the
/// options already chosen, plus the best reduced value of every undecided item (precomputed as a
/// suffix sum, so each node costs O(1) to bound). Precedence rows are simply dropped from this
/// relaxation, which keeps it valid.
struct ExactSearch {
    let model: CompiledProblem
    private let sequence: [Int]
    private let reducedValue: [Double]
    private let bestRemaining: [Double]
    private let priceOfAllCapacity: Double
    private let optionsByPreference: [[Int]]

    /// `priority` orders the optional items (best first); predecessors always come before successors.
    init(model: CompiledProblem, resourcePrice: [Double], priority: [Int]) {
        self.model = model
        var reduced = [Double](repeating: 0, count: model.optionCount)
        for option in 0..<model.optionCount {
            var priced = 0.0
            for entry in model.entryRange[option] {
                priced += resourcePrice[model.entryResource[entry]] * model.entryShare[entry]
            }
            reduced[option] = model.values[model.optionItem[option]] - priced
        }
        reducedValue = reduced
        priceOfAllCapacity = resourcePrice.reduce(0, +)

        // Must-fund items lead (they prune most), then by priority, never before a predecessor.
        var rank = [Int](repeating: Int.max, count: model.itemCount)
        var next = 0
        for item in model.topologicalOrder where model.mustFund[item] { rank[item] = next; next += 1 }
        for item in priority where rank[item] == Int.max { rank[item] = next; next += 1 }
        for item in 0..<model.itemCount where rank[item] == Int.max { rank[item] = next; next += 1 }
        var itemAtRank = [Int](repeating: 0, count: model.itemCount)
        for item in 0..<model.itemCount { itemAtRank[rank[item]] = item }
        var waitingOn = model.predecessors.map(\.count)
        var ready = MinHeap()
        for item in 0..<model.itemCount where waitingOn[item] == 0 { ready.push(rank[item]) }
        var sequence: [Int] = []
        while let nextRank = ready.pop() {
            let item = itemAtRank[nextRank]
            sequence.append(item)
            for successor in model.successors[item] {
                waitingOn[successor] -= 1
                if waitingOn[successor] == 0 { ready.push(rank[successor]) }
            }
        }
        self.sequence = sequence

        var suffix = [Double](repeating: 0, count: sequence.count + 1)
        for depth in stride(from: sequence.count - 1, through: 0, by: -1) {
            let item = sequence[depth]
            let best = model.optionRange[item].map { reduced[$0] }.max()
            let contribution = model.mustFund[item] ? (best ?? 0) : max(0, best ?? 0)
            suffix[depth] = suffix[depth + 1] + contribution
        }
        bestRemaining = suffix
        optionsByPreference = (0..<model.itemCount).map { item in
            model.optionRange[item].sorted { reduced[$0] != reduced[$1] ? reduced[$0] > reduced[$1] : $0 < $1 }
        }
    }

    struct Outcome {
        /// The best plan's choices if it beats the incumbent it was given, else nil.
        var improvedChoice: [Int]?
        var value: Double
        /// Whether the whole tree was searched, which proves `value` optimal.
        var complete: Bool
        var nodes: Int
    }

    /// Searches for a plan worth more than `incumbent` (pass -infinity when there is none).
    func run(incumbent: Double, nodeLimit: Int, shouldStop: () -> Bool) -> Outcome {
        var state = SearchState(plan: PlanState(model: model), bestValue: incumbent, nodeLimit: nodeLimit)
        descend(0, placedReducedValue: 0, state: &state, shouldStop: shouldStop)
        return Outcome(improvedChoice: state.bestChoice, value: state.bestValue, complete: !state.aborted, nodes: state.nodes)
    }

    private struct SearchState {
        var plan: PlanState
        var bestValue: Double
        var bestChoice: [Int]?
        var nodeLimit: Int
        var nodes = 0
        var aborted = false
    }

    private func canBeat(_ bound: Double, _ incumbent: Double) -> Bool {
        if model.integralValues {
            return (bound + 1e-7 * max(1, abs(bound))).rounded(.down) >= incumbent + 1 - 1e-9
        }
        return bound > incumbent + 1e-9 * max(1, abs(incumbent))
    }

    private func descend(_ depth: Int, placedReducedValue: Double, state: inout SearchState, shouldStop: () -> Bool) {
        guard !state.aborted else { return }
        state.nodes += 1
        if state.nodes >= state.nodeLimit || (state.nodes % 4096 == 0 && shouldStop()) {
            state.aborted = true
            return
        }
        if depth == sequence.count {
            if canBeat(state.plan.value, state.bestValue) {
                state.bestValue = state.plan.value
                state.bestChoice = state.plan.choice
            }
            return
        }
        guard canBeat(priceOfAllCapacity + placedReducedValue + bestRemaining[depth], state.bestValue) else { return }
        let item = sequence[depth]
        for option in optionsByPreference[item] where state.plan.fits(option) {
            state.plan.place(option)
            descend(depth + 1, placedReducedValue: placedReducedValue + reducedValue[option], state: &state, shouldStop: shouldStop)
            state.plan.remove(item)
            if state.aborted { return }
        }
        if !model.mustFund[item] {
            descend(depth + 1, placedReducedValue: placedReducedValue, state: &state, shouldStop: shouldStop)
        }
    }
}
