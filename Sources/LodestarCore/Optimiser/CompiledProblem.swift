import Foundation

/// The problem as flat arrays indexed by position, after the reasoning that holds in every feasible
/// plan (start windows narrowed through dependencies, starts that overflow a constraint on their own
/// removed), so the bound, the repair and the searches share one exact model.
///
/// Resources are numbered budget quarters first (`0 ..< quarters`), then pool `p` in quarter `q` at
/// `quarters + p * quarters + q`. An option is one (initiative, start quarter) pair; its entries list
/// the resources it uses with the amount and the amount as a share of the capacity.
struct CompiledProblem: Sendable {
    let itemCount: Int
    let quarters: Int
    let resourceCount: Int
    let capacity: [Double]
    let values: [Double]
    let durations: [Int]
    /// Mandatory, fixed, or a predecessor of such an item.
    let mustFund: [Bool]
    let predecessors: [[Int]]
    let successors: [[Int]]
    /// Predecessors before successors; among the ready ones, input order.
    let topologicalOrder: [Int]
    /// Options of item `i` are `optionRange[i]`; they are in increasing start order.
    let optionRange: [Range<Int>]
    let optionItem: [Int]
    let optionStart: [Int]
    let entryRange: [Range<Int>]
    let entryResource: [Int]
    let entryAmount: [Double]
    let entryShare: [Double]
    /// Why an item can never be funded, decided before any search.
    let unfundable: [OptimisationResult.ExclusionReason?]
    /// Whether every value is a whole number, so a bound may be rounded down.
    let integralValues: Bool
    let poolIDs: [String]

    init(_ problem: OptimisationProblem) {
        let quarters = problem.quarters
        let items = problem.initiatives
        let itemCount = items.count
        self.itemCount = itemCount
        self.quarters = quarters
        self.poolIDs = problem.pools.map(\.id)
        resourceCount = quarters * (1 + problem.pools.count)
        capacity = problem.budget + problem.pools.flatMap(\.capacity)
        values = items.map(\.value)
        durations = items.map(\.duration)
        integralValues = items.allSatisfy { $0.value == $0.value.rounded() && abs($0.value) < 1e15 }

        var indexByID: [String: Int] = [:]
        for (index, item) in items.enumerated() { indexByID[item.id] = index }
        var poolIndexByID: [String: Int] = [:]
        for (index, pool) in problem.pools.enumerated() { poolIndexByID[pool.id] = index }

        // Duplicate predecessor ids would only duplicate rows; keep the first of each, in input order.
        var predecessors = Array(repeating: [Int](), count: itemCount)
        var successors = Array(repeating: [Int](), count: itemCount)
        for (index, item) in items.enumerated() {
            for id in item.predecessors {
                let predecessor = indexByID[id]!
                if !predecessors[index].contains(predecessor) {
                    predecessors[index].append(predecessor)
                    successors[predecessor].append(index)
                }
            }
        }
        self.predecessors = predecessors
        self.successors = successors
        let order = CompiledProblem.topologicalOrder(predecessors: predecessors, successors: successors)
        topologicalOrder = order

        // Start windows, then dependency reasoning: a successor cannot start before its predecessors
        // can finish, and whatever must be funded drags its predecessors in and their latest start down.
        var low = [Int](repeating: 0, count: itemCount)
        var high = [Int](repeating: -1, count: itemCount)
        var unfundable = [OptimisationResult.ExclusionReason?](repeating: nil, count: itemCount)
        var mustFund = items.map { $0.mandatory || $0.fixedStart != nil }
        for (index, item) in items.enumerated() {
            if let fixed = item.fixedStart {
                (low[index], high[index]) = (fixed, fixed)
            } else {
                (low[index], high[index]) = (max(0, item.earliestStart), item.latestStart)
            }
            high[index] = min(high[index], quarters - item.duration)
            if item.excluded {
                unfundable[index] = .excluded
            } else if low[index] > high[index] {
                unfundable[index] = .noStartInWindow
            }
        }
        for index in order.reversed() where mustFund[index] {
            for predecessor in predecessors[index] {
                mustFund[predecessor] = true
                high[predecessor] = min(high[predecessor], high[index] - durations[predecessor])
            }
        }
        self.mustFund = mustFund

        // Options that fit an empty plan, each with its resource entries.
        var optionRange = [Range<Int>](repeating: 0..<0, count: itemCount)
        var optionItem: [Int] = [], optionStart: [Int] = [], entryRange: [Range<Int>] = []
        var entryResource: [Int] = [], entryAmount: [Double] = [], entryShare: [Double] = []
        let capacity = self.capacity
        let poolIDs = self.poolIDs
        var firstFinish = [Int](repeating: 0, count: itemCount)
        for index in order {
            let item = items[index]
            if unfundable[index] == nil {
                for predecessor in predecessors[index] where optionRange[predecessor].isEmpty {
                    unfundable[index] = .predecessorNotFunded(predecessorID: items[predecessor].id)
                    break
                }
            }
            if unfundable[index] == nil {
                var earliest = low[index]
                var latePredecessor: Int?
                for predecessor in predecessors[index] where firstFinish[predecessor] > earliest {
                    earliest = firstFinish[predecessor]
                    latePredecessor = predecessor
                }
                if earliest > high[index], let latePredecessor {
                    unfundable[index] = .predecessorFinishesTooLate(predecessorID: items[latePredecessor].id)
                }
                low[index] = earliest
            }
            let firstOption = optionItem.count
            var oversized: [OptimisationResult.Shortfall]?
            if unfundable[index] == nil, low[index] <= high[index] {
                for start in low[index]...high[index] {
                    let firstEntry = entryResource.count
                    var shortfalls: [OptimisationResult.Shortfall] = []
                    func add(_ resource: Int, _ amount: Double) {
                        guard amount > 0 else { return }
                        if amount > capacity[resource] {
                            shortfalls.append(.init(
                                constraint: CompiledProblem.constraint(resource, quarters: quarters, poolIDs: poolIDs),
                                amount: amount - capacity[resource]))
                        }
                        entryResource.append(resource)
                        entryAmount.append(amount)
                        entryShare.append(capacity[resource] > 0 ? amount / capacity[resource] : 0)
                    }
                    for offset in 0..<item.duration {
                        add(start + offset, item.cost[offset])
                    }
                    for demand in item.demand {
                        let pool = poolIndexByID[demand.poolID]!
                        for offset in 0..<item.duration {
                            add(quarters + pool * quarters + start + offset, demand.perQuarter[offset])
                        }
                    }
                    if shortfalls.isEmpty {
                        optionItem.append(index)
                        optionStart.append(start)
                        entryRange.append(firstEntry..<entryResource.count)
                    } else {
                        entryResource.removeSubrange(firstEntry...)
                        entryAmount.removeSubrange(firstEntry...)
                        entryShare.removeSubrange(firstEntry...)
                        if oversized == nil || shortfalls.count < oversized!.count { oversized = shortfalls }
                    }
                }
            } else if unfundable[index] == nil {
                // Only the must-fund reasoning can empty a window here: a successor that must be
                // funded needs this one to finish earlier than it can.
                unfundable[index] = .noStartInWindow
            }
            optionRange[index] = firstOption..<optionItem.count
            if unfundable[index] == nil, optionRange[index].isEmpty, let oversized {
                unfundable[index] = .largerThanCapacity(oversized)
            }
            firstFinish[index] = optionRange[index].isEmpty ? Int.max : optionStart[firstOption] + item.duration
        }
        self.optionRange = optionRange
        self.optionItem = optionItem
        self.optionStart = optionStart
        self.entryRange = entryRange
        self.entryResource = entryResource
        self.entryAmount = entryAmount
        self.entryShare = entryShare
        self.unfundable = unfundable
    }

    var optionCount: Int { optionItem.count }

    /// The must-fund items that cannot be funded: when any exists, no plan is feasible.
    var unfundableMustFund: [Int] {
        (0..<itemCount).filter { mustFund[$0] && optionRange[$0].isEmpty }
    }

    func constraint(_ resource: Int) -> OptimisationConstraint {
        CompiledProblem.constraint(resource, quarters: quarters, poolIDs: poolIDs)
    }

    static func constraint(_ resource: Int, quarters: Int, poolIDs: [String]) -> OptimisationConstraint {
        if resource < quarters { return .budget(quarter: resource) }
        let poolResource = resource - quarters
        return .capacity(poolID: poolIDs[poolResource / quarters], quarter: poolResource % quarters)
    }

    /// Kahn's algorithm, always taking the lowest ready index, so the order is the same every run.
    private static func topologicalOrder(predecessors: [[Int]], successors: [[Int]]) -> [Int] {
        var waitingOn = predecessors.map(\.count)
        var ready = MinHeap()
        for index in waitingOn.indices where waitingOn[index] == 0 { ready.push(index) }
        var order: [Int] = []
        order.reserveCapacity(predecessors.count)
        while let next = ready.pop() {
            order.append(next)
            for successor in successors[next] {
                waitingOn[successor] -= 1
                if waitingOn[successor] == 0 { ready.push(successor) }
            }
        }
        return order
    }
}

/// A binary min-heap of integers.
struct MinHeap {
    private var storage: [Int] = []

    mutating func push(_ value: Int) {
        storage.append(value)
        var child = storage.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard storage[child] < storage[parent] else { break }
            storage.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Int? {
        guard let top = storage.first else { return nil }
        let last = storage.removeLast()
        if !storage.isEmpty {
            storage[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < storage.count, storage[left] < storage[smallest] { smallest = left }
                if right < storage.count, storage[right] < storage[smallest] { smallest = right }
                guard smallest != parent else { break }
                storage.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }
}
