import Foundation

/// A plan under construction: which option each item takes, and what it uses of every resource.
/// Every change keeps it feasible: an option is placed only if it fits the remaining capacity and
/// starts after its predecessors finish (and finishes before its placed successors start).
struct PlanState {
    let model: CompiledProblem
    /// The option each item takes, or -1.
    private(set) var choice: [Int]
    private(set) var used: [Double]
    private(set) var value: Double = 0
    /// The placed items, in no particular order, for picking one at random in O(1).
    private(set) var placed: [Int] = []
    private var placedPosition: [Int]
    /// The resource that last kept each option out, and how much of it the option needs: checked
    /// first, it usually still does, which makes re-checking a full plan O(1) per option (the
    /// local search does that constantly).
    private var blockingResource: [Int]
    private var blockingAmount: [Double]

    init(model: CompiledProblem) {
        self.model = model
        choice = Array(repeating: -1, count: model.itemCount)
        used = Array(repeating: 0, count: model.resourceCount)
        placedPosition = Array(repeating: -1, count: model.itemCount)
        blockingResource = Array(repeating: -1, count: model.optionCount)
        blockingAmount = Array(repeating: 0, count: model.optionCount)
    }

    func isPlaced(_ item: Int) -> Bool { choice[item] >= 0 }

    func start(of item: Int) -> Int { model.optionStart[choice[item]] }

    func finish(of item: Int) -> Int { start(of: item) + model.durations[item] }

    /// Whether every must-fund item is placed.
    var fundsEveryMustFund: Bool {
        (0..<model.itemCount).allSatisfy { !model.mustFund[$0] || isPlaced($0) }
    }

    /// Exact with whole numbers; the slack only absorbs rounding when amounts are fractional.
    func hasRoom(_ resource: Int, for amount: Double) -> Bool {
        let capacity = model.capacity[resource]
        return used[resource] + amount <= capacity + 1e-9 * max(1, abs(capacity))
    }

    /// Whether the dependencies allow `option` given the placed items (ignoring its own current option).
    func timingAllows(_ option: Int) -> Bool {
        let item = model.optionItem[option]
        let start = model.optionStart[option]
        for predecessor in model.predecessors[item] {
            guard isPlaced(predecessor), finish(of: predecessor) <= start else { return false }
        }
        let finish = start + model.durations[item]
        for successor in model.successors[item] where isPlaced(successor) && self.start(of: successor) < finish {
            return false
        }
        return true
    }

    /// Whether `option` can be placed now (its item must not be placed).
    mutating func fits(_ option: Int) -> Bool {
        let blocking = blockingResource[option]
        if blocking >= 0, !hasRoom(blocking, for: blockingAmount[option]) { return false }
        guard timingAllows(option) else { return false }
        for entry in model.entryRange[option] {
            let resource = model.entryResource[entry]
            if !hasRoom(resource, for: model.entryAmount[entry]) {
                blockingResource[option] = resource
                blockingAmount[option] = model.entryAmount[entry]
                return false
            }
        }
        return true
    }

    mutating func place(_ option: Int) {
        let item = model.optionItem[option]
        precondition(choice[item] < 0, "item already placed")
        for entry in model.entryRange[option] { used[model.entryResource[entry]] += model.entryAmount[entry] }
        choice[item] = option
        value += model.values[item]
        placedPosition[item] = placed.count
        placed.append(item)
    }

    mutating func remove(_ item: Int) {
        let option = choice[item]
        precondition(option >= 0, "item not placed")
        for entry in model.entryRange[option] { used[model.entryResource[entry]] -= model.entryAmount[entry] }
        choice[item] = -1
        value -= model.values[item]
        let position = placedPosition[item]
        let last = placed.removeLast()
        if last != item {
            placed[position] = last
            placedPosition[last] = position
        }
        placedPosition[item] = -1
    }

    /// Removes `item` and, first, every placed item that waits on it; appends what it removed
    /// (item last) to `removed`.
    mutating func removeWithDependants(_ item: Int, into removed: inout [(item: Int, option: Int)]) {
        guard isPlaced(item) else { return }
        for successor in model.successors[item] { removeWithDependants(successor, into: &removed) }
        removed.append((item, choice[item]))
        remove(item)
    }

    /// The best option of `item` that fits, by `preference` (higher first, then earlier).
    mutating func bestFittingOption(of item: Int, preference: [Double]) -> Int? {
        var best: Int?
        for option in model.optionRange[item] where fits(option) {
            if best == nil || preference[option] > preference[best!] { best = option }
        }
        return best
    }
}

/// Greedy repair: builds a feasible plan from an ordering of the items.
enum GreedyRepair {
    /// Places the must-fund items (predecessors first), then the others in `order`, each at its
    /// fitting option with the highest `preference`. An item whose predecessors are not placed yet
    /// is retried after the pass, so an order that is not topological still works.
    static func build(
        _ model: CompiledProblem, order: [Int], preference: [Double]
    ) -> PlanState {
        var plan = PlanState(model: model)
        for item in model.topologicalOrder where model.mustFund[item] {
            if let option = plan.bestFittingOption(of: item, preference: preference) { plan.place(option) }
        }
        fill(&plan, order: order, preference: preference)
        return plan
    }

    /// Adds every item of `order` that fits, in passes until a pass adds nothing new. Returns
    /// whether anything was added.
    @discardableResult
    static func fill(_ plan: inout PlanState, order: [Int], preference: [Double]) -> Bool {
        var waiting: [Int] = []
        var addedAny = fillPass(&plan, order, preference: preference, waiting: &waiting)
        var retry: [Int] = []
        while !waiting.isEmpty {
            swap(&retry, &waiting)
            waiting.removeAll(keepingCapacity: true)
            guard fillPass(&plan, retry, preference: preference, waiting: &waiting) else { break }
            addedAny = true
        }
        return addedAny
    }

    /// One pass of `fill`; items whose predecessors are not all placed go to `waiting`.
    private static func fillPass(_ plan: inout PlanState, _ items: [Int], preference: [Double], waiting: inout [Int]) -> Bool {
        var added = false
        for item in items where !plan.isPlaced(item) && plan.model.values[item] > 0 {
            if plan.model.predecessors[item].contains(where: { !plan.isPlaced($0) }) {
                waiting.append(item)
            } else if let option = plan.bestFittingOption(of: item, preference: preference) {
                plan.place(option)
                added = true
            }
        }
        return added
    }

    /// Items with options, best value per priced use of resources first: the classic
    /// multi-dimensional knapsack greedy, with the Lagrangian prices as the exchange rates between
    /// resources. Ties go to the lower index so the order is the same every run.
    static func priorityOrder(_ model: CompiledProblem, reducedValue: [Double]) -> [Int] {
        var key = [Double](repeating: 0, count: model.itemCount)
        var items: [Int] = []
        for item in 0..<model.itemCount where !model.optionRange[item].isEmpty && !model.mustFund[item] {
            var best = model.optionRange[item].lowerBound
            for option in model.optionRange[item] where reducedValue[option] > reducedValue[best] { best = option }
            let value = model.values[item]
            let priced = max(value - reducedValue[best], 0)
            key[item] = value / (priced + 1e-9 * max(1, abs(value)))
            items.append(item)
        }
        items.sort { key[$0] != key[$1] ? key[$0] > key[$1] : $0 < $1 }
        return items
    }
}
