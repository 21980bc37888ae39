import Foundation

/// Makes realistic, internally consistent demo portfolios of any size, for the `demo` command,
/// screenshots, load tests and benchmarks of the engines.
///
/// The output depends only on the arguments: the same seed, size and `today` give the same portfolio,
/// ids included, on every platform. Each part of the portfolio draws from its own random stream, so
/// changing how one part is generated leaves the others as they were.
public enum DemoGenerator {
    /// A portfolio of `initiatives` initiatives with everything around them: people, strategy,
    /// capacity, delivery history, status reporting, RAID, decisions, benefits and scores, dated
    /// relative to `today` (history reaches about two years back, plans about two years ahead).
    public static func generate(seed: UInt64, initiatives initiativeCount: Int, today: Day) -> DemoPortfolio {
        precondition(initiativeCount >= 0, "the number of initiatives cannot be negative")
        func stream(_ purpose: DemoStream) -> SeededRandom { SeededRandom(seed: seed, stream: purpose.rawValue) }

        var peopleRandom = stream(.people)
        let people = makePeople(initiativeCount: initiativeCount, random: &peopleRandom)

        var strategyRandom = stream(.strategy)
        let strategy = makeStrategy(people: people, today: today, random: &strategyRandom)

        var initiativeRandom = stream(.initiatives)
        var drafts = makeInitiativeDrafts(
            count: initiativeCount, people: people, today: today, random: &initiativeRandom)

        // Milestones settle each initiative's forecast finish, which its cost, demand and status
        // reporting then follow.
        var deliveryRandom = stream(.delivery)
        let delivery = makeMilestones(for: &drafts, today: today, random: &deliveryRandom)
        settleCosts(of: &drafts, today: today, random: &initiativeRandom)

        var portfolio = DemoPortfolio()
        portfolio.users = people.users
        portfolio.objectives = strategy.objectives
        portfolio.initiatives = drafts.map(\.record)
        portfolio.milestones = delivery.milestones
        portfolio.forecastChanges = delivery.forecastChanges

        var alignmentRandom = stream(.alignment)
        portfolio.alignments = makeAlignments(for: drafts, strategy: strategy, random: &alignmentRandom)

        var dependencyRandom = stream(.dependencies)
        portfolio.dependencies = makeDependencies(among: drafts, random: &dependencyRandom)

        var capacityRandom = stream(.capacity)
        let capacity = makeCapacityPlan(for: drafts, today: today, random: &capacityRandom)
        portfolio.pools = capacity.pools
        portfolio.capacities = capacity.capacities
        portfolio.demands = capacity.demands

        var reportingRandom = stream(.reporting)
        portfolio.statusUpdates = makeStatusUpdates(for: drafts, today: today, random: &reportingRandom)

        var raidRandom = stream(.raid)
        portfolio.raidItems = makeRAIDItems(for: drafts, people: people, today: today, random: &raidRandom)

        var decisionRandom = stream(.decisions)
        portfolio.decisions = makeDecisions(
            for: drafts, people: people, poolNames: capacity.pools.map(\.fields.name), today: today,
            random: &decisionRandom)

        var benefitRandom = stream(.benefits)
        let outcomes = makeBenefits(for: drafts, strategy: strategy, today: today, random: &benefitRandom)
        portfolio.benefits = outcomes.benefits
        portfolio.measurements = outcomes.measurements

        var scoringRandom = stream(.scoring)
        let scoring = makeScores(for: drafts, alignments: portfolio.alignments, random: &scoringRandom)
        portfolio.scoringModels = scoring.models
        portfolio.criteria = scoring.criteria
        portfolio.scores = scoring.scores

        return portfolio
    }
}

/// One random stream per part of the portfolio. The raw values are part of the output's identity:
/// changing one changes every demo portfolio ever generated with that part.
enum DemoStream: UInt64 {
    case people = 1, strategy, initiatives, delivery, alignment, dependencies, capacity, reporting, raid,
         decisions, benefits, scoring
}

/// An initiative while it is being generated: its record plus the hidden traits that keep the data
/// around it coherent (a slip-prone initiative slips, overspends and reports amber or red).
struct InitiativeDraft {
    var record: Record<Initiative>
    /// How many times the plan gets moved: 0 … about 9.
    var replanCount: Int
    /// Spend per unit of progress relative to plan (1 = on budget).
    var costFactor: Double
    /// 0 (benign) … 1 (hazardous): how many and how severe its risks and issues are.
    var riskiness: Double
    /// 0 … 1: how attractive it looks to whoever scores it.
    var promise: Double
    /// Share of the promised benefit it ends up delivering (negative: it made things worse).
    var benefitRealisation: Double
    /// When an on-hold initiative was paused or a cancelled one stopped.
    var stoppedOn: Day?
    /// When its baseline was set, the start of its slippage history.
    var baselinedOn: Day?
    /// Days the forecast finish lies after the baseline finish, once milestones are made.
    var slipDays = 0

    var id: UUID { record.id }
    var fields: Initiative { record.fields }
    var status: InitiativeStatus { record.fields.status }
}

extension DemoGenerator {
    /// Helpers live in the generator's namespace rather than as extensions of `Day` and `Double`,
    /// so they cannot collide with what the rest of the module adds to those types.
    static func clamp<Value: Comparable>(_ value: Value, _ range: ClosedRange<Value>) -> Value {
        min(max(value, range.lowerBound), range.upperBound)
    }

    /// Rounded to `decimals` places the way a person writes it (0.3, not 0.30000000000000004); a
    /// negative count rounds to tens, hundreds and so on.
    static func rounded(_ value: Double, toDecimals decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<abs(decimals) { scale *= 10 }
        return decimals >= 0 ? (value * scale).rounded() / scale : (value / scale).rounded() * scale
    }
}
