import Foundation

/// The working state of one dashboard computation: each question's answer from the existing engines,
/// with the intermediate results the insights reuse.
struct DashboardContext {
    let snapshot: PortfolioSnapshot
    let index: PortfolioIndex
    let options: ExecutiveDashboard.Options
    let inFlight: [Record<Initiative>]
    /// Each in-flight initiative's share of the in-flight budget: the "value" insights weigh by.
    let budgetShare: [UUID: Double]
    private(set) var health: [UUID: HealthAssessment] = [:]
    private(set) var capacity: CapacityAnalysis?
    private(set) var forecast: MonteCarloForecast.Result?
    private(set) var critical: [CriticalWork.Entry] = []

    init(snapshot: PortfolioSnapshot, index: PortfolioIndex, options: ExecutiveDashboard.Options) {
        self.snapshot = snapshot
        self.index = index
        self.options = options
        inFlight = snapshot.initiatives.filter { $0.status.isInFlight }
        let total = inFlight.reduce(0) { $0 + $1.fields.totalBudget }
        budgetShare = Dictionary(uniqueKeysWithValues: inFlight.map { ($0.id, total > 0 ? $0.fields.totalBudget / total : 0) })
        health = snapshot.health(index: index)
    }

    static func link(_ id: UUID) -> String { "/initiatives/\(id)" }

    func label(_ id: UUID) -> String {
        guard let initiative = index.initiatives[id] else { return "unknown" }
        return "\(initiative.code) \(initiative.name)"
    }

    /// A share as a percentage with one decimal, as the headline figures show it.
    static func tenths(_ share: Double) -> String { String(format: "%.1f", (share * 1000).rounded() / 10) }

    static func percent(_ share: Double) -> String { share.percentText }

    /// Utilisation as charts and rankings use it: demand on a pool with no capacity counts as ten times over.
    static func utilisation(_ cell: CapacityAnalysis.Cell) -> Double { cell.utilisation.isFinite ? cell.utilisation : 10 }

    // MARK: Q1

    mutating func prioritise() -> ExecutiveDashboard.Answer {
        let candidates = snapshot.initiatives.filter { $0.status == .proposed || $0.status.isInFlight }
        let ranked = Prioritisation.rank(
            initiatives: candidates.map(\.id), criteria: snapshot.criteria, scores: snapshot.scores,
            tieBreaker: Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0.code) }))
        let top = ranked.prefix(10)
        let notApproved = top.filter { index.initiatives[$0.initiativeID]?.status == .proposed }.count
        return ExecutiveDashboard.Answer(
            id: "Q1", question: "Which initiatives should we prioritise?", figure: Double(notApproved),
            headline: "\(notApproved) of the top \(top.count) by score are not yet approved",
            detail: ranked.first.map { "Highest score: \(label($0.initiativeID)) with \($0.total.wholeText) of 100 points." } ?? "Nothing is scored yet.",
            chartUnit: "points",
            chart: ranked.prefix(5).map { .init(label: label($0.initiativeID), value: ($0.total * 10).rounded() / 10, link: Self.link($0.initiativeID)) },
            link: "/priorities")
    }

    // MARK: Q2

    mutating func constraints() -> ExecutiveDashboard.Answer {
        let analysis = CapacityAnalysis.analyse(
            pools: snapshot.pools.map(\.id), capacities: snapshot.capacities, demands: snapshot.demands, counted: Set(inFlight.map(\.id)))
        capacity = analysis
        let now = Quarter(containing: snapshot.today)
        let ahead = analysis.overAllocations.filter { $0.period >= now }
        let names = Dictionary(uniqueKeysWithValues: snapshot.pools.map { ($0.id, $0.name) })
        let worst = ahead.max { Self.utilisation($0) < Self.utilisation($1) }
        return ExecutiveDashboard.Answer(
            id: "Q2", question: "Where are our biggest resource constraints?", figure: Double(ahead.count),
            headline: "\(ahead.count) pool-quarters over-allocated from \(now) on",
            detail: worst.map { "Tightest: \(names[$0.poolID] ?? "unknown") in \($0.period) at \(Self.percent($0.utilisation)) of capacity (\(String(format: "%.1f", $0.demand)) FTE asked of \(String(format: "%.1f", $0.capacity)))." }
                ?? "No pool is over-allocated.",
            chartUnit: "% of capacity",
            chart: ahead.sorted { (Self.utilisation($0), $1.poolID.orderKey) > (Self.utilisation($1), $0.poolID.orderKey) }.prefix(5).map {
                .init(label: "\(names[$0.poolID] ?? "unknown") \($0.period)", value: (Self.utilisation($0) * 1000).rounded() / 10, link: "/capacity")
            },
            link: "/capacity")
    }

    // MARK: Q3

    mutating func delays() -> ExecutiveDashboard.Answer {
        let result = snapshot.forecast(index: index, trials: options.forecastTrials, seed: options.forecastSeed, milestoneDetail: false)
        forecast = result
        let delay = DelayAnalysis.analyse(snapshot, index: index, capacity: capacity)
        let withBaseline = result.initiatives.compactMap(\.finish.probabilityOnTime)
        let expectedOnTime = withBaseline.isEmpty ? 0 : withBaseline.reduce(0, +) / Double(withBaseline.count)
        let top = delay.pareto.first
        return ExecutiveDashboard.Answer(
            id: "Q3", question: "Why do projects keep getting delayed?", figure: (expectedOnTime * 1000).rounded() / 10,
            headline: "\(Self.tenths(expectedOnTime)) % average chance of finishing by the baseline (Monte Carlo)",
            detail: top.map { "\(delay.slippedInitiatives) initiatives have slipped \(delay.totalSlippedDays) days in all; the largest cause is \($0.cause) (\(Self.percent($0.share)) of the slipped days)." }
                ?? "No initiative has slipped.",
            chartUnit: "days",
            chart: delay.pareto.prefix(5).map { .init(label: $0.cause, value: $0.days.rounded(), link: "/delivery") },
            link: "/delivery")
    }

    // MARK: Q4

    mutating func criticalWork() -> ExecutiveDashboard.Answer {
        // Sums of contributions depend on their order in the last bit; a canonical order makes the
        // figures the same however the records were loaded.
        let alignments = snapshot.alignments.sorted {
            ($0.initiativeID.orderKey, $0.objectiveID.orderKey) < ($1.initiativeID.orderKey, $1.objectiveID.orderKey)
        }
        let alignment = StrategyAlignment.analyse(objectives: snapshot.objectives, initiatives: snapshot.initiatives, alignments: alignments)
        let inFlightIDs = Set(inFlight.map(\.id))
        var values: [UUID: Double] = [:]
        for score in alignment.scores where inFlightIDs.contains(score.initiativeID) { values[score.initiativeID] = score.score }
        critical = CriticalWork.rank(values: values, dependencies: snapshot.dependencies.filter { inFlightIDs.contains($0.predecessorID) && inFlightIDs.contains($0.successorID) })
        let blocking = critical.filter { !$0.blocked.isEmpty }
        return ExecutiveDashboard.Answer(
            id: "Q4", question: "Which work is most critical to our strategy?", figure: Double(blocking.count),
            headline: blocking.count == 1 ? "1 in-flight initiative holds up other strategic work" : "\(blocking.count) in-flight initiatives hold up other strategic work",
            detail: (critical.first.map { "Most critical: \(label($0.initiativeID)), carrying \(String(format: "%.3f", $0.dependentValue)) of strategic value with \($0.blocked.count) initiatives waiting on it. " } ?? "")
                + "\(alignment.orphans.count) initiatives serve no objective; \(alignment.uncovered.count) objectives have no work serving them.",
            chartUnit: "strategic value",
            chart: critical.prefix(5).map { .init(label: label($0.initiativeID), value: ($0.dependentValue * 1000).rounded() / 1000, link: Self.link($0.initiativeID)) },
            link: "/strategy")
    }

    // MARK: Q5

    func outcomes() -> ExecutiveDashboard.Answer {
        let progress = index.benefitProgress
        let measured = progress.filter { $0.status != .unmeasured }
        let good = measured.filter { $0.status == .achieved || $0.status == .onTrack }
        let share = measured.isEmpty ? 0 : Double(good.count) / Double(measured.count)
        let hollow = OutcomeView.deliveredWithoutOutcome(snapshot, index: index)
        return ExecutiveDashboard.Answer(
            id: "Q5", question: "Are we delivering the outcomes we expected?", figure: (share * 1000).rounded() / 10,
            headline: "\(Self.tenths(share)) % of measured benefits are achieved or on track",
            detail: "\(good.count) of \(measured.count) measured benefits; \(progress.count - measured.count) not measured yet. \(hollow.count) completed initiatives have moved no outcome.",
            chartUnit: "benefits",
            chart: BenefitProgress.Status.allCases.map { status in
                .init(label: status.rawValue.replacingOccurrences(of: "_", with: " "), value: Double(progress.filter { $0.status == status }.count), link: "/outcomes")
            },
            link: "/outcomes")
    }

    // MARK: Q6

    func focus(_ insights: [ExecutiveDashboard.Insight]) -> ExecutiveDashboard.Answer {
        let reds = inFlight.filter { health[$0.id]?.overall == .red }.count
        let colours = inFlight.compactMap { health[$0.id]?.overall }
        return ExecutiveDashboard.Answer(
            id: "Q6", question: "Where does leadership need to focus?", figure: Double(insights.filter { $0.severity >= 50 }.count),
            headline: "\(insights.filter { $0.severity >= 50 }.count) findings need leadership's attention now",
            detail: "\(reds) of \(inFlight.count) in-flight initiatives are red. The findings below are ranked by urgency and the share of the portfolio they touch.",
            chartUnit: "initiatives",
            chart: Health.allCases.map { colour in
                .init(label: colour.rawValue, value: Double(colours.filter { $0 == colour }.count), link: "/initiatives")
            },
            link: "/#insights")
    }
}
