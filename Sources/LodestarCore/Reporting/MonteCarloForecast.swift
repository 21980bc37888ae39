import Foundation

/// Monte Carlo completion forecasts (Q3): when each initiative and milestone will really finish,
/// judged by how the organisation's own milestones have slipped before.
///
/// Each trial draws, for every open initiative, a slippage ratio from the reference class (completed
/// milestones' slip as a share of the horizon they were planned over, by tier and kind where there is
/// enough history) and applies it to the time left until each forecast. A successor that has not
/// started cannot start before its predecessors finish in the same trial, so lateness travels through
/// dependencies. Seeded: the same inputs and seed give the same forecast, bit for bit.
public enum MonteCarloForecast {
    /// One initiative to forecast.
    public struct Item: Sendable, Equatable {
        public var initiativeID: UUID
        public var tier: GovernanceTier
        public var kind: InitiativeKind
        public var plannedStart: Day?
        public var forecastFinish: Day
        public var baselineFinish: Day?
        public var milestones: [Record<Milestone>]

        public init(
            initiativeID: UUID, tier: GovernanceTier, kind: InitiativeKind, plannedStart: Day?, forecastFinish: Day,
            baselineFinish: Day?, milestones: [Record<Milestone>] = []
        ) {
            self.initiativeID = initiativeID
            self.tier = tier
            self.kind = kind
            self.plannedStart = plannedStart
            self.forecastFinish = forecastFinish
            self.baselineFinish = baselineFinish
            self.milestones = milestones
        }
    }

    /// A completed milestone's slip: days late (negative when early) per day of horizon it was planned over.
    public struct Sample: Sendable, Equatable {
        public var tier: GovernanceTier
        public var kind: InitiativeKind
        public var ratio: Double

        public init(tier: GovernanceTier, kind: InitiativeKind, ratio: Double) {
            self.tier = tier
            self.kind = kind
            self.ratio = ratio
        }
    }

    public struct Distribution: Sendable, Equatable, Codable {
        public var forecast: Day
        public var baseline: Day?
        public var p50: Day
        public var p80: Day
        public var p95: Day
        /// Share of trials finishing on or before the baseline; nil without a baseline.
        public var probabilityOnTime: Double?
    }

    public struct InitiativeForecast: Sendable, Equatable, Codable {
        public var initiativeID: UUID
        /// Which history it was drawn from, e.g. `full tier, programmes (42 milestones)`.
        public var referenceClass: String
        public var finish: Distribution
        public var milestones: [MilestoneForecast]
    }

    public struct MilestoneForecast: Sendable, Equatable, Codable {
        public var milestoneID: UUID
        public var name: String
        public var distribution: Distribution
    }

    public struct Result: Sendable, Equatable, Codable {
        public var trials: Int
        public var seed: UInt64
        public var historySize: Int
        public var initiatives: [InitiativeForecast]
    }

    /// Trials simulated together per item; see `TrialRunner`.
    static let trialBlock = 256

    /// Fewest samples a tier (or tier and kind) needs before it is its own reference class.
    public static let minimumClassSize = 20
    /// Work due in less than this is still exposed to this much slippage.
    static let minimumHorizon = 14
    /// Horizon assumed for a completed milestone whose first forecast date is unknown.
    static let defaultHistoryHorizon = 90

    /// The reference class: every completed milestone with a baseline, its slip over its horizon (from
    /// its first recorded forecast to its baseline).
    public static func history(
        milestones: [Record<Milestone>], changes: [ForecastChange], initiatives: [UUID: Initiative]
    ) -> [Sample] {
        var firstForecastOn: [UUID: Day] = [:]
        for change in changes where firstForecastOn[change.milestoneID].map({ change.changedOn < $0 }) ?? true {
            firstForecastOn[change.milestoneID] = change.changedOn
        }
        return milestones.compactMap { milestone in
            guard let actual = milestone.actualDate, let baseline = milestone.baselineDate,
                  let initiative = initiatives[milestone.initiativeID] else { return nil }
            let horizon = max(minimumHorizon, firstForecastOn[milestone.id].map { $0.days(until: baseline) } ?? defaultHistoryHorizon)
            return Sample(tier: initiative.tier, kind: initiative.kind, ratio: Double(baseline.days(until: actual)) / Double(horizon))
        }
    }

    public static func run(
        items: [Item], dependencies: [Dependency], history: [Sample], today: Day, trials: Int, seed: UInt64,
        milestoneDetail: Bool = true
    ) -> Result {
        precondition(trials > 0, "a forecast needs at least one trial")
        let classes = ReferenceClasses(history)
        let count = items.count
        let index = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1.initiativeID, $0) })
        let order = topologicalOrder(count: count, dependencies: dependencies, index: index)
        var predecessors = [[Int]](repeating: [], count: count)
        for dependency in dependencies {
            if let p = index[dependency.predecessorID], let s = index[dependency.successorID], p != s { predecessors[s].append(p) }
        }

        // Per-item constants, flattened so the trial loop touches only arrays of plain numbers.
        let forecast = items.map(\.forecastFinish.ordinal)
        let horizon = items.map { Double(max(minimumHorizon, today.days(until: $0.forecastFinish))) }
        // Only work that has not started waits for its predecessors; work under way has absorbed them.
        let waitsFrom = items.map { item -> Int? in item.plannedStart.flatMap { $0 > today ? $0.ordinal : nil } }
        let classOf = items.map { classes.index(tier: $0.tier, kind: $0.kind) }
        let ratios = classes.ratios

        var buckets = 0
        func slot(center: Int, horizon: Double, ratios: [Double]) -> TrialRunner.Slot {
            let (origin, width) = Histogram.span(center: center, horizon: horizon, ratios: ratios)
            defer { buckets += width }
            return TrialRunner.Slot(origin: origin, start: buckets, width: width)
        }
        let finishSlots = items.indices.map { slot(center: forecast[$0], horizon: horizon[$0], ratios: ratios[classOf[$0]]) }
        let open: [[Record<Milestone>]] = items.map { milestoneDetail ? $0.milestones.filter { !$0.isReached } : [] }
        let details = items.indices.map { i in
            open[i].map { milestone -> TrialRunner.MilestoneDetail in
                let milestoneHorizon = Double(max(minimumHorizon, today.days(until: milestone.forecastDate)))
                return TrialRunner.MilestoneDetail(
                    forecast: milestone.forecastDate.ordinal, horizon: milestoneHorizon,
                    slot: slot(center: milestone.forecastDate.ordinal, horizon: milestoneHorizon, ratios: ratios[classOf[i]]))
            }
        }
        let runner = TrialRunner(
            seed: seed, forecast: forecast, horizon: horizon, waitsFrom: waitsFrom, predecessors: predecessors, pools: ratios,
            classOf: classOf, finishSlots: finishSlots, details: details, histogramBuckets: buckets)
        runner.run(trials: trials, levels: levels(count: count, predecessors: predecessors, order: order))

        let forecasts = items.indices.map { i in
            InitiativeForecast(
                initiativeID: items[i].initiativeID, referenceClass: classes.describe(classOf[i]),
                finish: runner.histogram(finishSlots[i]).distribution(
                    forecast: items[i].forecastFinish, baseline: items[i].baselineFinish, trials: trials),
                milestones: zip(open[i], details[i]).map { milestone, detail in
                    MilestoneForecast(
                        milestoneID: milestone.id, name: milestone.name,
                        distribution: runner.histogram(detail.slot).distribution(
                            forecast: milestone.forecastDate, baseline: milestone.baselineDate, trials: trials))
                })
        }
        return Result(trials: trials, seed: seed, historySize: history.count, initiatives: forecasts)
    }

    /// Predecessors before successors; anything on a loop (which validation prevents) goes last.
    static func topologicalOrder(count: Int, dependencies: [Dependency], index: [UUID: Int]) -> [Int] {
        var indegree = [Int](repeating: 0, count: count)
        var successors = [[Int]](repeating: [], count: count)
        for dependency in dependencies {
            guard let p = index[dependency.predecessorID], let s = index[dependency.successorID], p != s else { continue }
            successors[p].append(s)
            indegree[s] += 1
        }
        // Sorted, so the order (and with it every draw) does not depend on the order dependencies were loaded in.
        for index in successors.indices { successors[index].sort() }
        var order: [Int] = []
        order.reserveCapacity(count)
        var ready = (0..<count).filter { indegree[$0] == 0 }
        var cursor = 0
        while cursor < ready.count {
            let node = ready[cursor]
            cursor += 1
            order.append(node)
            for next in successors[node] {
                indegree[next] -= 1
                if indegree[next] == 0 { ready.append(next) }
            }
        }
        if order.count < count {
            let placed = Set(order)
            order.append(contentsOf: (0..<count).filter { !placed.contains($0) })
        }
        return order
    }
}

