import Foundation

/// Iterated local search over feasible plans. Each move frees room around one constraint (removes a
/// few placed items that share one resource, with whatever waits on them) and refills greedily:
/// first with other items, then with the removed ones at any start. That one move covers swaps
/// (one out, others in), inserts (a refill that adds more than it took) and shifts (an item taken
/// out and put back at another start). Moves that gain or keep value are kept; one that loses is
/// kept with a probability that falls with the loss and over the run (simulated annealing), so the
/// search can leave a local optimum early on and settles at the end. The best plan seen is returned.
struct LocalSearch {
    let model: CompiledProblem
    /// The refill order and option preference (from the Lagrangian prices).
    let order: [Int]
    let preference: [Double]
    /// Up to this many items are removed besides the seed (and what waits on them).
    static let extraRemovals = 3

    /// Improves `plan` in place for at most `iterations` moves, or until `shouldStop` says so.
    /// Returns the number of moves made.
    func improve(
        _ plan: inout PlanState, iterations: Int, random: inout SeededRandom, shouldStop: () -> Bool
    ) -> Int {
        GreedyRepair.fill(&plan, order: order, preference: preference)
        var best = plan
        // Starting temperature: a loss of a fifth of an average placed item's value is kept with
        // probability 1/e at the start.
        let startTemperature = plan.placed.isEmpty ? 0 : 0.2 * plan.value / Double(plan.placed.count)
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

            // A few more, mostly sharing the seed's resource so the freed room is in one place;
            // sometimes anywhere, because an item that could use it may be held back elsewhere too.
            for _ in 0..<Int(random.below(UInt64(LocalSearch.extraRemovals))) {
                let sameResource = random.chance(0.7)
                guard let neighbour = randomRemovable(plan, using: sameResource ? focus : nil, random: &random) else { break }
                plan.removeWithDependants(neighbour, into: &removed)
            }

            let keptCount = plan.placed.count
            // Others first, so the freed room goes to something new; then the removed items,
            // predecessors before successors (the reverse of the removal order).
            GreedyRepair.fill(&plan, order: order, preference: preference)
            removedItems.removeAll(keepingCapacity: true)
            for (item, _) in removed.reversed() { removedItems.append(item) }
            GreedyRepair.fill(&plan, order: removedItems, preference: preference)

            let loss = valueBefore - plan.value
            let temperature = startTemperature * Double(iterations - done) / Double(iterations)
            let keep = loss <= 1e-9 * max(1, abs(valueBefore))
                || (temperature > 0 && random.unit() < SeededRandom.portableExp(-loss / temperature))
            if !keep {
                // What the refill placed sits at the end of `placed`, after the survivors.
                while plan.placed.count > keptCount { plan.remove(plan.placed[plan.placed.count - 1]) }
                for (_, option) in removed.reversed() { plan.place(option) }
            } else if plan.value > best.value {
                best = plan
            }
        }
        plan = best
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
