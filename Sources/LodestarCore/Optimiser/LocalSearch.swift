import Foundation

/// Iterated local search over feasible plans. Each move frees room around one constraint (removes a
/// few placed items that share one resource, with whatever waits on them) and refills greedily:
/// first with other items, then with the removed ones at any start. That one move covers swaps
/// (one out, others in), inserts (a refill that adds more than it took) and shifts (an item taken
/// out and put back at another start). Moves that lose value are undone; equal ones are kept, so
/// the search drifts across plateaus instead of stalling on the first one.
struct LocalSearch {
    let model: CompiledProblem
    /// The refill order and option preference (from the Lagrangian prices).
    let order: [Int]
    let preference: [Double]

    /// Improves `plan` in place for at most `iterations` moves, or until `shouldStop` says so.
    /// Returns the number of moves made.
    func improve(
        _ plan: inout PlanState, iterations: Int, random: inout SeededRandom, shouldStop: () -> Bool
    ) -> Int {
        GreedyRepair.fill(&plan, order: order, preference: preference)
        var removed: [(item: Int, option: Int)] = []
        var removedItems: [Int] = []
        var done = 0
        while done < iterations {
            if done % 64 == 0, shouldStop() { break }
            done += 1
            guard let seed = randomRemovable(plan, using: nil, random: &random) else { continue }
            let valueBefore = plan.value
            removed.removeAll(keepingCapacity: true)
            let seedOption = plan.choice[seed]
            let seedEntries = model.entryRange[seedOption]
            let focus = model.entryResource[seedEntries.lowerBound + Int(random.below(UInt64(seedEntries.count)))]
            plan.removeWithDependants(seed, into: &removed)

            // A few more that share the seed's resource, so the freed room is in one place.
            for _ in 0..<Int(random.below(3)) {
                guard let neighbour = randomRemovable(plan, using: focus, random: &random) else { break }
                plan.removeWithDependants(neighbour, into: &removed)
            }

            let keptCount = plan.placed.count
            // Others first, so the freed room goes to something new; then the removed items,
            // predecessors before successors (the reverse of the removal order).
            GreedyRepair.fill(&plan, order: order, preference: preference)
            removedItems.removeAll(keepingCapacity: true)
            for (item, _) in removed.reversed() { removedItems.append(item) }
            GreedyRepair.fill(&plan, order: removedItems, preference: preference)

            if plan.value < valueBefore - 1e-9 * max(1, abs(valueBefore)) {
                // What the refill placed sits at the end of `placed`, after the survivors.
                while plan.placed.count > keptCount { plan.remove(plan.placed[plan.placed.count - 1]) }
                for (_, option) in removed.reversed() { plan.place(option) }
            }
        }
        GreedyRepair.fill(&plan, order: order, preference: preference)
        return done
    }

    private func uses(_ option: Int, _ resource: Int) -> Bool {
        model.entryRange[option].contains { model.entryResource[$0] == resource }
    }

    /// A placed item the search may take out (never a must-fund one), using `resource` if given;
    /// nil when a few draws find none.
    private func randomRemovable(_ plan: PlanState, using resource: Int?, random: inout SeededRandom) -> Int? {
        guard !plan.placed.isEmpty else { return nil }
        for _ in 0..<32 {
            let item = plan.placed[Int(random.below(UInt64(plan.placed.count)))]
            if !model.mustFund[item], resource.map({ uses(plan.choice[item], $0) }) ?? true { return item }
        }
        return nil
    }
}
