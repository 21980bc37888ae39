import Foundation

extension MonteCarloForecast {
    /// The slippage ratios to draw from for each (tier, kind): the most specific class with enough
    /// history, falling back to the tier, then to everything.
    struct ReferenceClasses {
        var ratios: [[Double]] = []
        var names: [String] = []
        private var lookup: [String: Int] = [:]

        init(_ history: [Sample]) {
            let all = history.map(\.ratio).sorted()
            for tier in GovernanceTier.allCases {
                for kind in InitiativeKind.allCases {
                    let exact = history.filter { $0.tier == tier && $0.kind == kind }.map(\.ratio).sorted()
                    let byTier = history.filter { $0.tier == tier }.map(\.ratio).sorted()
                    let (pool, name): ([Double], String) =
                        exact.count >= minimumClassSize ? (exact, "\(tier.label) tier, \(kind.rawValue)s")
                        : byTier.count >= minimumClassSize ? (byTier, "\(tier.label) tier")
                        : (all, "all completed milestones")
                    lookup["\(tier.rawValue)/\(kind.rawValue)"] = ratios.count
                    ratios.append(pool)
                    names.append("\(name) (\(pool.count) milestones)")
                }
            }
        }

        func index(tier: GovernanceTier, kind: InitiativeKind) -> Int { lookup["\(tier.rawValue)/\(kind.rawValue)"]! }

        func describe(_ index: Int) -> String { names[index] }
    }

    /// Counts of simulated finish days around one forecast date, so percentiles need no stored samples.
    struct Histogram {
        static let reach = 5 * 366

        /// Ordinal of bucket 0.
        let origin: Int
        let counts: [UInt32]

        /// The first bucket's ordinal and the bucket count of a histogram wide enough for every draw
        /// from `ratios` plus a year of waiting on predecessors; later finishes land in the last
        /// bucket, which only a 95th percentile a year out could notice.
        static func span(center: Int, horizon: Double, ratios: [Double]) -> (origin: Int, width: Int) {
            // Capped at five years either side: beyond that a date means "not in any plan", and
            // uncapped widths made allocating and scanning the histograms cost more than the trials.
            let low = max(-Self.reach, Int(((ratios.first ?? 0) * horizon).rounded(.down)) - 1)
            let high = min(Self.reach, Int(((ratios.last ?? 0) * horizon).rounded(.up)) + 1 + 366)
            return (center + min(0, low), high - min(0, low) + 1)
        }

        /// The first day by which at least `share` of the trials have finished.
        func percentile(_ share: Double, trials: Int) -> Day {
            let needed = UInt64((share * Double(trials)).rounded(.up))
            var seen: UInt64 = 0
            for (bucket, count) in counts.enumerated() {
                seen += UInt64(count)
                if seen >= max(needed, 1) { return Day(ordinal: origin + bucket) }
            }
            return Day(ordinal: origin + counts.count - 1)
        }

        func share(onOrBefore day: Day, trials: Int) -> Double {
            let last = day.ordinal - origin
            guard last >= 0 else { return 0 }
            var seen: UInt64 = 0
            for bucket in 0...min(last, counts.count - 1) { seen += UInt64(counts[bucket]) }
            return Double(seen) / Double(trials)
        }

        func distribution(forecast: Day, baseline: Day?, trials: Int) -> Distribution {
            Distribution(
                forecast: forecast, baseline: baseline, p50: percentile(0.5, trials: trials), p80: percentile(0.8, trials: trials),
                p95: percentile(0.95, trials: trials), probabilityOnTime: baseline.map { share(onOrBefore: $0, trials: trials) })
        }
    }
}
