import Foundation
import LodestarCore

/// The answer to Q2: demand against capacity per pool per quarter for the current plan (approved and
/// active work), the over-allocations with the initiatives that cause them, and the shadow prices
/// of the plan's constraints ("one more FTE of Data Engineering in 2027-Q3 unlocks 4.2 value points").
struct CapacityPicture: Codable, Sendable {
    struct Pool: Codable, Sendable {
        var id: UUID
        var name: String
    }

    struct Cell: Codable, Sendable {
        var poolID: UUID
        var quarter: Quarter
        var capacity: Double
        var demand: Double
        /// Demand ÷ capacity; nil where there is no capacity.
        var utilisation: Double?
    }

    struct Cause: Codable, Sendable {
        var initiativeID: UUID
        var code: String
        var name: String
        var fte: Double
    }

    struct OverAllocation: Codable, Sendable {
        var poolID: UUID
        var poolName: String
        var quarter: Quarter
        var capacity: Double
        var demand: Double
        var excess: Double
        /// Largest demand first.
        var causes: [Cause]
    }

    var quarters: [Quarter]
    var pools: [Pool]
    var cells: [Cell]
    var overAllocations: [OverAllocation]
    var shadowPrices: [ScenarioOutcome.ShadowPrice]

    static func build(from data: PortfolioData, from first: Quarter, quarters count: Int, shadowPriceSeconds: Double?) throws -> CapacityPicture {
        let quarters = (0..<count).map { first.adding($0) }
        let window = Set(quarters)
        let counted = Set(data.initiatives.filter { $0.status.isInFlight }.map(\.id))
        let analysis = CapacityAnalysis.analyse(
            pools: data.pools.map(\.id), capacities: data.capacities.filter { window.contains($0.period) },
            demands: data.demands.filter { window.contains($0.period) }, counted: counted)
        let poolNames = Dictionary(uniqueKeysWithValues: data.pools.map { ($0.id, $0.name) })
        let initiatives = Dictionary(uniqueKeysWithValues: data.initiatives.map { ($0.id, $0) })
        var cells: [Cell] = []
        for pool in data.pools {
            for quarter in quarters {
                let cell = analysis.cell(pool: pool.id, period: quarter)
                let capacity = cell?.capacity ?? 0, demand = cell?.demand ?? 0
                cells.append(Cell(poolID: pool.id, quarter: quarter, capacity: capacity, demand: demand,
                                  utilisation: capacity > 0 ? demand / capacity : nil))
            }
        }
        let over = analysis.overAllocations.map { cell in
            OverAllocation(
                poolID: cell.poolID, poolName: poolNames[cell.poolID] ?? "", quarter: cell.period, capacity: cell.capacity,
                demand: cell.demand, excess: cell.demand - cell.capacity,
                causes: cell.demandBy.compactMap { part in
                    initiatives[part.initiativeID].map { Cause(initiativeID: $0.id, code: $0.code, name: $0.name, fte: part.fte) }
                })
        }
        .sorted { ($0.excess, $1.poolName) > ($1.excess, $0.poolName) }

        var prices: [ScenarioOutcome.ShadowPrice] = []
        if let seconds = shadowPriceSeconds {
            let plan = Scenario(name: "Current plan", firstQuarter: first, quarters: count)
            // Shadow prices come from the dual: a short dual and little local search are enough for them.
            let options = OptimiserOptions(timeLimit: seconds, dualIterations: 400, localSearchMoves: 200, exactSearchMaxInitiatives: 0)
            prices = try ScenarioPlanner.run(plan, in: data, options: options).shadowPrices
        }
        return CapacityPicture(
            quarters: quarters, pools: data.pools.map { Pool(id: $0.id, name: $0.name) }, cells: cells, overAllocations: over,
            shadowPrices: prices)
    }
}
