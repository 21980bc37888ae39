import Foundation
@testable import LodestarCore
import Testing

@Suite("Capacity analysis")
struct CapacityAnalysisTests {
    @Test func overAllocationNamesTheInitiativesThatCauseIt() {
        let (data, ux) = (UUID(), UUID())
        let (a, b, parked) = (UUID(), UUID(), UUID())
        let q1 = Quarter("2027-Q1")!, q2 = Quarter("2027-Q2")!
        let analysis = CapacityAnalysis.analyse(
            pools: [data, ux],
            capacities: [PoolCapacity(poolID: data, period: q1, fte: 5), PoolCapacity(poolID: data, period: q2, fte: 5),
                         PoolCapacity(poolID: ux, period: q1, fte: 2)],
            demands: [Demand(initiativeID: a, poolID: data, period: q1, fte: 4), Demand(initiativeID: b, poolID: data, period: q1, fte: 3),
                      Demand(initiativeID: parked, poolID: data, period: q2, fte: 9), Demand(initiativeID: a, poolID: ux, period: q2, fte: 1)],
            counted: [a, b])
        #expect(analysis.periods == [q1, q2])
        #expect(analysis.overAllocations.count == 2)
        let worst = analysis.overAllocations[0]
        #expect(worst.poolID == data && worst.period == q1)
        #expect(worst.utilisation == 1.4)
        #expect(worst.demandBy.map(\.initiativeID) == [a, b])
        // Demand with no capacity at all is over-allocated too; uncounted work is left out.
        #expect(analysis.cell(pool: ux, period: q2)?.utilisation == .infinity)
        #expect(analysis.cell(pool: data, period: q2)?.demand == 0)
    }
}
