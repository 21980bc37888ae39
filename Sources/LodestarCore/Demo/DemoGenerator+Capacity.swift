import Foundation

extension DemoGenerator {
    struct CapacityPlan {
        var pools: [Record<ResourcePool>] = []
        var capacities: [Record<PoolCapacity>] = []
        var demands: [Record<Demand>] = []
    }

    /// Quarters of capacity planning: the two before today's quarter, today's, and five ahead.
    static let planningQuarterCount = 8

    static func planningWindow(today: Day) -> (first: Quarter, last: Quarter) {
        let first = Quarter(containing: today).adding(-2)
        return (first, first.adding(planningQuarterCount - 1))
    }

    /// Pools, their demand from work in flight and in the pipeline, and capacity staffed to roughly
    /// match it: about as much demand as capacity overall, with two or three scarce pools (the ones
    /// every organisation has) clearly over-allocated around today.
    static func makeCapacityPlan(
        for drafts: [InitiativeDraft], today: Day, random: inout SeededRandom
    ) -> CapacityPlan {
        var plan = CapacityPlan()
        let window = planningWindow(today: today)
        plan.pools = poolCatalogue.map { template in
            Record(id: random.uuid(), fields: ResourcePool(
                name: template.name, kind: template.kind, description: template.description,
                costRate: template.costRate))
        }
        var demandByPool = Array(repeating: Array(repeating: 0.0, count: planningQuarterCount), count: plan.pools.count)
        plan.demands = makeDemands(
            for: drafts, pools: plan.pools, window: window, totals: &demandByPool, random: &random)

        let scarcePools = random.distinctIndices(random.int(in: 2...3), below: scarcePoolCandidates.count)
            .map { scarcePoolCandidates[$0] }
        plan.capacities.reserveCapacity(plan.pools.count * planningQuarterCount)
        for (poolIndex, pool) in plan.pools.enumerated() {
            let fte = staffedCapacity(
                for: demandByPool[poolIndex], isScarce: scarcePools.contains(poolIndex), random: &random)
            for (offset, value) in fte.enumerated() {
                plan.capacities.append(Record(id: random.uuid(), fields: PoolCapacity(
                    poolID: pool.id, period: window.first.adding(offset), fte: value)))
            }
        }
        return plan
    }

    /// Demand of proposed, approved and active initiatives from 1–3 pools over the quarters their
    /// planned dates cover, ramping up and down, sized from the labour share of their budget.
    private static func makeDemands(
        for drafts: [InitiativeDraft], pools: [Record<ResourcePool>], window: (first: Quarter, last: Quarter),
        totals: inout [[Double]], random: inout SeededRandom
    ) -> [Record<Demand>] {
        var demands: [Record<Demand>] = []
        demands.reserveCapacity(drafts.count * 5)
        let popularity = poolCatalogue.map(\.popularity)
        let averageCostRate = poolCatalogue.reduce(0) { $0 + $1.costRate } / Double(poolCatalogue.count)
        var profile: [Double] = []

        for draft in drafts where draft.status == .proposed || draft.status.isInFlight {
            guard let start = draft.fields.plannedStart, let finish = draft.fields.plannedFinish else { continue }
            let firstQuarter = Quarter(containing: start), lastQuarter = Quarter(containing: finish)
            guard firstQuarter <= window.last, lastQuarter >= window.first else { continue }

            let quarterCount = lastQuarter.index - firstQuarter.index + 1
            rampProfile(quarters: quarterCount, into: &profile)
            let fteQuarters = draft.fields.totalBudget * random.double(in: 0.35...0.6) / averageCostRate

            var chosenPools: [Int] = []
            for _ in 0...random.weightedIndex([0.3, 0.45, 0.25]) {  // 1–3 pools
                let pool = random.weightedIndex(popularity)
                if !chosenPools.contains(pool) { chosenPools.append(pool) }
            }
            let shares = poolShares(count: chosenPools.count, random: &random)

            for (pool, share) in zip(chosenPools, shares) {
                for offset in 0..<quarterCount {
                    let quarter = firstQuarter.adding(offset)
                    guard quarter >= window.first, quarter <= window.last else { continue }
                    let fte = rounded(fteQuarters * share * profile[offset], toDecimals: 1)
                    guard fte >= 0.1 else { continue }
                    totals[pool][quarter.index - window.first.index] += fte
                    demands.append(Record(id: random.uuid(), fields: Demand(
                        initiativeID: draft.id, poolID: pools[pool].id, period: quarter, fte: fte)))
                }
            }
        }
        return demands
    }

    /// Share of the total effort in each quarter: a ramp up over the first third, a plateau and a
    /// ramp down over the last third, summing to 1.
    private static func rampProfile(quarters: Int, into profile: inout [Double]) {
        profile.removeAll(keepingCapacity: true)
        let ramp = max(1, Double(quarters) * 0.3)
        var total = 0.0
        for offset in 0..<quarters {
            let weight = min(1, Double(offset + 1) / ramp, Double(quarters - offset) / ramp)
            profile.append(weight)
            total += weight
        }
        for offset in profile.indices { profile[offset] /= total }
    }

    /// The lead pool does most of the work; the others share the rest.
    private static func poolShares(count: Int, random: inout SeededRandom) -> [Double] {
        guard count > 1 else { return [1] }
        let lead = random.double(in: 0.5...0.7)
        let rest = (0..<(count - 1)).map { _ in random.double(in: 0.5...1) }
        let restTotal = rest.reduce(0, +)
        return [lead] + rest.map { (1 - lead) * $0 / restTotal }
    }

    /// Capacity that tracks smoothed demand, as an organisation hires for its plan, never falling far
    /// below its peak (people are not released every quarter). Scarce pools fall short for a run of
    /// quarters around today.
    private static func staffedCapacity(for demand: [Double], isScarce: Bool, random: inout SeededRandom) -> [Double] {
        let smoothed = demand.indices.map { quarter in
            let before = demand[max(0, quarter - 1)], after = demand[min(demand.count - 1, quarter + 1)]
            return 0.25 * before + 0.5 * demand[quarter] + 0.25 * after
        }
        let floor = 0.5 * (smoothed.max() ?? 0)
        let crunchStart = random.int(in: 1...3), crunchLength = random.int(in: 2...4)
        return smoothed.indices.map { quarter in
            let inCrunch = isScarce && quarter >= crunchStart && quarter < crunchStart + crunchLength
            let utilisation = inCrunch ? random.double(in: 1.15...1.35) : random.double(in: 0.9...1.0)
            let fte = max(smoothed[quarter], floor) / utilisation
            return max(1, (fte * 2).rounded() / 2)
        }
    }

    private struct PoolTemplate {
        var name: String
        var kind: PoolKind
        var costRate: Double
        /// Relative chance that an initiative needs this pool.
        var popularity: Double
        var description: String
    }

    private static let poolCatalogue: [PoolTemplate] = [
        PoolTemplate(name: "Software Engineering", kind: .team, costRate: 33_000, popularity: 0.26,
                     description: "Product and platform engineers across the delivery teams."),
        PoolTemplate(name: "Data Engineering", kind: .team, costRate: 34_000, popularity: 0.14,
                     description: "Pipelines, data models and the data platform."),
        PoolTemplate(name: "Cloud Platform", kind: .team, costRate: 36_000, popularity: 0.11,
                     description: "Landing zones, infrastructure as code and platform operations."),
        PoolTemplate(name: "Security", kind: .team, costRate: 38_000, popularity: 0.07,
                     description: "Security architecture, testing and assurance."),
        PoolTemplate(name: "Business Analysis", kind: .role, costRate: 28_000, popularity: 0.15,
                     description: "Requirements, process design and acceptance."),
        PoolTemplate(name: "Change Management", kind: .role, costRate: 27_000, popularity: 0.10,
                     description: "Business readiness, communications and training."),
        PoolTemplate(name: "Procurement", kind: .role, costRate: 24_000, popularity: 0.05,
                     description: "Sourcing, tenders and vendor contracts."),
        PoolTemplate(name: "UX Design", kind: .role, costRate: 30_000, popularity: 0.08,
                     description: "Research, interaction and service design."),
    ]

    /// The specialist pools that are scarce in most organisations: data, cloud, security and design.
    private static let scarcePoolCandidates = [1, 2, 3, 7]
}
