import Foundation

/// Where slippage comes from (Q3): each late initiative's days of slippage shared among the causes
/// its records show (issues by category, reported blockers, late decisions, late predecessors,
/// over-allocated pools), summed into a Pareto, by tier and by pool, with the trend per quarter.
public struct DelayAnalysis: Sendable, Equatable, Codable {
    public struct Cause: Sendable, Equatable, Codable {
        /// e.g. `issue: vendor`, `waiting on decisions`, `over-allocated pool: Data engineering`
        public var cause: String
        public var days: Double
        /// Initiatives whose slippage the cause shares.
        public var initiatives: Int
        public var share: Double
        public var cumulativeShare: Double
    }

    public struct TierBreakdown: Sendable, Equatable, Codable {
        public var tier: GovernanceTier
        public var slippedDays: Int
        public var causes: [Cause]
    }

    public struct PoolBreakdown: Sendable, Equatable, Codable {
        public var poolID: UUID
        public var name: String
        /// Slippage of the late initiatives that draw on the pool.
        public var slippedDays: Int
        public var initiatives: Int
        public var overAllocated: Bool
    }

    public struct QuarterTrend: Sendable, Equatable, Codable {
        public var quarter: Quarter
        /// Days forecasts moved later in the quarter, net of moves earlier.
        public var daysAdded: Int
        public var moves: Int
    }

    public var slippedInitiatives: Int
    public var totalSlippedDays: Int
    public var pareto: [Cause]
    public var byTier: [TierBreakdown]
    public var byPool: [PoolBreakdown]
    public var trend: [QuarterTrend]

    public static let unexplained = "no recorded cause"
    public static let decisions = "waiting on decisions"
    public static let dependencies = "waiting on dependencies"
    public static let blockers = "blockers reported in status"

    /// Each initiative's slippage: its worst milestone, in days after baseline (reached or forecast).
    static func slippage(_ milestones: [Record<Milestone>]) -> Int {
        max(0, milestones.compactMap(\.slippageInDays).max() ?? 0)
    }

    /// - Parameter capacity: the current plan's capacity analysis (approved and active work), when
    ///   the caller has it already; a pool over-allocated in any quarter counts as a cause.
    public static func analyse(_ snapshot: PortfolioSnapshot, index: PortfolioIndex, capacity: CapacityAnalysis? = nil) -> DelayAnalysis {
        let capacity = capacity ?? CapacityAnalysis.analyse(
            pools: snapshot.pools.map(\.id), capacities: snapshot.capacities, demands: snapshot.demands,
            counted: Set(snapshot.initiatives.filter { $0.status.isInFlight }.map(\.id)))
        let overAllocatedPools = Set(capacity.overAllocations.map(\.poolID))
        let poolNames = Dictionary(uniqueKeysWithValues: snapshot.pools.map { ($0.id, $0.name) })
        let poolsByInitiative = Dictionary(grouping: snapshot.demands, by: \.initiativeID).mapValues { Set($0.map(\.poolID)) }

        var slipped: [UUID: Int] = [:]
        for initiative in snapshot.initiatives {
            let days = slippage(index.milestones[initiative.id] ?? [])
            if days > 0 { slipped[initiative.id] = days }
        }

        var attributed: [(initiative: UUID, cause: String, days: Double)] = []
        for (id, days) in slipped.sorted(by: { $0.key.orderKey < $1.key.orderKey }) {
            var causes = Set<String>()
            for item in index.raid[id] ?? [] where item.kind == .issue {
                causes.insert("issue: " + (item.category.isEmpty ? "uncategorised" : item.category))
            }
            if let status = index.latestStatus[id], !status.blockers.trimmingWhitespace.isEmpty { causes.insert(blockers) }
            let lateDecision = (index.decisions[id] ?? []).contains { decision in
                guard let neededBy = decision.neededBy else { return false }
                return (decision.decidedOn ?? snapshot.today) > neededBy && decision.status != .withdrawn
            }
            if lateDecision { causes.insert(decisions) }
            if (index.predecessors[id] ?? []).contains(where: { slipped[$0] != nil }) { causes.insert(dependencies) }
            for pool in poolsByInitiative[id] ?? [] where overAllocatedPools.contains(pool) {
                causes.insert("over-allocated pool: \(poolNames[pool] ?? "unknown")")
            }
            if causes.isEmpty { causes.insert(unexplained) }
            let share = Double(days) / Double(causes.count)
            for cause in causes { attributed.append((id, cause, share)) }
        }

        let byTier = GovernanceTier.allCases.map { tier in
            let members = slipped.filter { index.initiatives[$0.key]?.tier == tier }
            return TierBreakdown(
                tier: tier, slippedDays: members.values.reduce(0, +),
                causes: pareto(attributed.filter { members[$0.initiative] != nil }))
        }
        let byPool = snapshot.pools.map { pool in
            let late = slipped.filter { poolsByInitiative[$0.key]?.contains(pool.id) ?? false }
            return PoolBreakdown(
                poolID: pool.id, name: pool.name, slippedDays: late.values.reduce(0, +), initiatives: late.count,
                overAllocated: overAllocatedPools.contains(pool.id))
        }.sorted { ($0.slippedDays, $1.name) > ($1.slippedDays, $0.name) }

        var trend: [Quarter: QuarterTrend] = [:]
        for change in snapshot.forecastChanges {
            guard let previous = change.previousDate else { continue }
            let quarter = Quarter(containing: change.changedOn)
            trend[quarter, default: QuarterTrend(quarter: quarter, daysAdded: 0, moves: 0)].daysAdded += previous.days(until: change.newDate)
            trend[quarter]!.moves += 1
        }

        return DelayAnalysis(
            slippedInitiatives: slipped.count, totalSlippedDays: slipped.values.reduce(0, +), pareto: pareto(attributed),
            byTier: byTier, byPool: byPool, trend: trend.values.sorted { $0.quarter < $1.quarter })
    }

    static func pareto(_ attributed: [(initiative: UUID, cause: String, days: Double)]) -> [Cause] {
        var days: [String: Double] = [:]
        var initiatives: [String: Set<UUID>] = [:]
        for entry in attributed {
            days[entry.cause, default: 0] += entry.days
            initiatives[entry.cause, default: []].insert(entry.initiative)
        }
        let total = days.values.reduce(0, +)
        var cumulative = 0.0
        return days.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { cause, value in
            cumulative += value
            return Cause(
                cause: cause, days: value, initiatives: initiatives[cause]?.count ?? 0, share: total > 0 ? value / total : 0,
                cumulativeShare: total > 0 ? cumulative / total : 0)
        }
    }
}
