import Foundation

/// Decision latency (Q3): how long leadership takes from a request to a decision, by type, tier and
/// month, and whether it is getting better.
public struct DecisionLatency: Sendable, Equatable {
    public struct Sample: Sendable, Equatable {
        public var type: DecisionType
        /// nil for portfolio-level decisions, which have no initiative.
        public var tier: GovernanceTier?
        public var requestedOn: Day
        public var decidedOn: Day

        public init(type: DecisionType, tier: GovernanceTier?, requestedOn: Day, decidedOn: Day) {
            self.type = type
            self.tier = tier
            self.requestedOn = requestedOn
            self.decidedOn = decidedOn
        }

        public var days: Int { requestedOn.days(until: decidedOn) }
    }

    public struct Figures: Sendable, Equatable, Codable {
        public var count: Int
        public var medianDays: Double
        public var p90Days: Double

        public init(count: Int, medianDays: Double, p90Days: Double) {
            self.count = count
            self.medianDays = medianDays
            self.p90Days = p90Days
        }
    }

    public struct Group: Sendable, Equatable, Codable {
        /// A decision type, a tier (`portfolio` for no tier) or a month (`2027-03`).
        public var key: String
        public var figures: Figures
    }

    public enum Direction: String, Vocabulary {
        case faster, slower, steady, unknown
    }

    public struct Trend: Sendable, Equatable, Codable {
        /// Least-squares slope of the monthly medians, in days per month (negative: getting faster).
        public var slopeDaysPerMonth: Double?
        /// Median of the last three months with decisions against the three before them.
        public var recentMedianDays: Double?
        public var earlierMedianDays: Double?
        public var direction: Direction
    }

    public var overall: Figures?
    public var byType: [Group]
    public var byTier: [Group]
    /// By the month the decision was taken, oldest first.
    public var byMonth: [Group]
    public var trend: Trend

    public static func analyse(_ samples: [Sample]) -> DecisionLatency {
        func figures(_ group: [Sample]) -> Figures? {
            guard !group.isEmpty else { return nil }
            let days = group.map { Double($0.days) }.sorted()
            // To a tenth of a day: finer is noise, and the figures then read the same everywhere.
            return Figures(count: days.count, medianDays: tenths(percentile(days, 0.5)), p90Days: tenths(percentile(days, 0.9)))
        }
        func grouped(_ key: (Sample) -> String, order: [String]? = nil) -> [Group] {
            let groups = Dictionary(grouping: samples, by: key)
            let keys = order.map { $0.filter { groups[$0] != nil } } ?? groups.keys.sorted()
            return keys.compactMap { key in figures(groups[key]!).map { Group(key: key, figures: $0) } }
        }
        let byMonth = grouped { month($0.decidedOn) }
        return DecisionLatency(
            overall: figures(samples),
            byType: grouped({ $0.type.rawValue }, order: DecisionType.rawValues),
            byTier: grouped({ $0.tier?.rawValue ?? "portfolio" }, order: GovernanceTier.rawValues + ["portfolio"]),
            byMonth: byMonth,
            trend: trend(byMonth: byMonth, samples: samples))
    }

    /// Linear interpolation between closest ranks (the usual "type 7" definition): for sorted values
    /// x₀…xₙ₋₁ the p-quantile is at position p·(n−1).
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty, "a percentile of nothing is undefined")
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    static func tenths(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    static func month(_ day: Day) -> String { String(day.description.prefix(7)) }

    static func monthIndex(_ key: String) -> Int {
        let parts = key.split(separator: "-").compactMap { Int($0) }
        return parts.count == 2 ? parts[0] * 12 + parts[1] - 1 : 0
    }

    static func trend(byMonth: [Group], samples: [Sample]) -> Trend {
        var slope: Double?
        if byMonth.count >= 2 {
            let xs = byMonth.map { Double(monthIndex($0.key)) }, ys = byMonth.map(\.figures.medianDays)
            let meanX = xs.reduce(0, +) / Double(xs.count), meanY = ys.reduce(0, +) / Double(ys.count)
            let sxx = xs.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
            let sxy = zip(xs, ys).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
            slope = sxx > 0 ? sxy / sxx : nil
        }
        let months = byMonth.map(\.key)
        let recentMonths = Set(months.suffix(3)), earlierMonths = Set(months.dropLast(3).suffix(3))
        func median(_ keys: Set<String>) -> Double? {
            let days = samples.filter { keys.contains(month($0.decidedOn)) }.map { Double($0.days) }.sorted()
            return days.isEmpty ? nil : percentile(days, 0.5)
        }
        let recent = median(recentMonths), earlier = median(earlierMonths)
        var direction = Direction.unknown
        if let recent, let earlier {
            // Within 10 % (or a day) is noise, not a trend.
            let tolerance = max(1, earlier * 0.1)
            direction = recent < earlier - tolerance ? .faster : recent > earlier + tolerance ? .slower : .steady
        }
        return Trend(slopeDaysPerMonth: slope, recentMedianDays: recent, earlierMedianDays: earlier, direction: direction)
    }
}

/// What a pending decision holds up: the initiatives it is about, everything waiting on them, and
/// their strategic value and budget.
public struct BlockedValue: Sendable, Equatable {
    public var initiativeIDs: [UUID]
    /// Σ strategic alignment score of the blocked initiatives.
    public var strategicValue: Double
    public var budget: Double

    /// - Parameters:
    ///   - ranking: `CriticalWork.rank` of the portfolio (who waits on whom, and each one's own value).
    public static func of(linked: [UUID], ranking: [CriticalWork.Entry], budgets: [UUID: Double]) -> BlockedValue {
        let entries = Dictionary(uniqueKeysWithValues: ranking.map { ($0.initiativeID, $0) })
        var blocked = Set(linked)
        for id in linked { blocked.formUnion(entries[id]?.blocked ?? []) }
        let ids = blocked.sorted { $0.orderKey < $1.orderKey }
        return BlockedValue(
            initiativeIDs: ids,
            strategicValue: ids.reduce(0) { $0 + (entries[$1]?.ownValue ?? 0) },
            budget: ids.reduce(0) { $0 + (budgets[$1] ?? 0) })
    }
}
