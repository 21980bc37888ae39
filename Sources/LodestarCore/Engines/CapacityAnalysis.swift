import Foundation

/// Demand against capacity per pool per quarter (Q2): where the portfolio asks for more people than
/// it has, and which initiatives ask.
public struct CapacityAnalysis: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        public var poolID: UUID
        public var period: Quarter
        public var capacity: Double
        public var demand: Double
        /// demand ÷ capacity; infinite when there is demand and no capacity.
        public var utilisation: Double { capacity > 0 ? demand / capacity : (demand > 0 ? .infinity : 0) }
        public var isOverAllocated: Bool { demand > capacity + 1e-9 }
        /// The initiatives demanding this pool in this quarter, largest demand first.
        public var demandBy: [(initiativeID: UUID, fte: Double)]

        public static func == (lhs: Cell, rhs: Cell) -> Bool {
            lhs.poolID == rhs.poolID && lhs.period == rhs.period && lhs.capacity == rhs.capacity && lhs.demand == rhs.demand
                && lhs.demandBy.map(\.initiativeID) == rhs.demandBy.map(\.initiativeID)
        }
    }

    public var periods: [Quarter]
    public var cells: [Cell]

    public var overAllocations: [Cell] {
        cells.filter(\.isOverAllocated).sorted { ($0.demand - $0.capacity) > ($1.demand - $1.capacity) }
    }

    public func cell(pool: UUID, period: Quarter) -> Cell? { cells.first { $0.poolID == pool && $0.period == period } }

    /// - Parameter counted: which initiatives' demand counts (e.g. the current plan: approved and active).
    public static func analyse(
        pools: [UUID], capacities: [PoolCapacity], demands: [Demand], counted: Set<UUID>
    ) -> CapacityAnalysis {
        var capacity: [UUID: [Quarter: Double]] = [:]
        for entry in capacities { capacity[entry.poolID, default: [:]][entry.period, default: 0] += entry.fte }
        var demand: [UUID: [Quarter: [UUID: Double]]] = [:]
        for entry in demands where counted.contains(entry.initiativeID) {
            demand[entry.poolID, default: [:]][entry.period, default: [:]][entry.initiativeID, default: 0] += entry.fte
        }
        var periods = Set<Quarter>()
        for pool in pools {
            periods.formUnion(capacity[pool].map { Array($0.keys) } ?? [])
            periods.formUnion(demand[pool].map { Array($0.keys) } ?? [])
        }
        let sortedPeriods = periods.sorted()
        var cells: [Cell] = []
        for pool in pools {
            for period in sortedPeriods {
                let byInitiative = (demand[pool]?[period] ?? [:])
                    .map { (initiativeID: $0.key, fte: $0.value) }
                    .sorted { ($0.fte, $1.initiativeID.orderKey) > ($1.fte, $0.initiativeID.orderKey) }
                cells.append(Cell(
                    poolID: pool, period: period, capacity: capacity[pool]?[period] ?? 0,
                    demand: byInitiative.reduce(0) { $0 + $1.fte }, demandBy: byInitiative))
            }
        }
        return CapacityAnalysis(periods: sortedPeriods, cells: cells)
    }
}
