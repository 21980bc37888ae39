import Foundation

extension DemoGenerator {
    /// Bi-weekly status updates for active and on-hold initiatives over their last 6–13 periods. Health
    /// follows the data (schedule from slippage, cost from overrun, risk from riskiness) with a little
    /// human noise; now and then a period is missed, and a few owners have stopped reporting.
    static func makeStatusUpdates(
        for drafts: [InitiativeDraft], today: Day, random: inout SeededRandom
    ) -> [Record<StatusUpdate>] {
        let cadence = ReportingCadence.biweekly
        var updates: [Record<StatusUpdate>] = []
        updates.reserveCapacity(drafts.count * 6)

        for draft in drafts where draft.status == .active || draft.status == .onHold {
            guard let plannedStart = draft.fields.plannedStart else { continue }
            // Owners report up to the current or previous period; a few have gone quiet, and paused
            // work stopped reporting when it was paused.
            let lastReported = cadence.period(containing: draft.stoppedOn ?? today).start
            let periodsSinceLast = draft.status == .onHold ? 0 : periodsSinceLastReport(random: &random)
            let last = lastReported.adding(days: -cadence.lengthInDays * periodsSinceLast)
            let earliest = cadence.period(containing: plannedStart).start
            let rater = HealthRater(draft: draft, today: today, random: &random)

            for age in stride(from: random.int(in: 6...13) - 1, through: 0, by: -1) {
                let periodStart = last.adding(days: -cadence.lengthInDays * age)
                guard periodStart >= earliest else { continue }
                if age > 0, random.chance(0.06) { continue }

                let health = rater.rate(on: periodStart, random: &random)
                let isQuiet = health.overall == .green && random.chance(0.9)
                updates.append(Record(id: random.uuid(), fields: StatusUpdate(
                    initiativeID: draft.id, periodStart: periodStart, overall: health.overall,
                    schedule: health.schedule, cost: health.cost, scope: health.scope, risk: health.risk,
                    benefits: health.benefits,
                    summary: statusSummary(overall: health.overall, isOnHold: draft.status == .onHold, random: &random),
                    accomplishments: sentences(from: ReportingPhrases.accomplishments, random: &random),
                    nextSteps: sentences(from: ReportingPhrases.nextSteps, random: &random),
                    blockers: isQuiet ? "" : "\(random.pick(ReportingPhrases.blockers)).")))
            }
        }
        return updates
    }

    /// Most owners have reported this period or last; one in fourteen has gone quiet for weeks.
    private static func periodsSinceLastReport(random: inout SeededRandom) -> Int {
        switch random.weightedIndex([0.55, 0.38, 0.07]) {
            case 0: 0
            case 1: 1
            default: random.int(in: 3...5)
        }
    }

    private static func statusSummary(overall: Health, isOnHold: Bool, random: inout SeededRandom) -> String {
        if isOnHold { return "Paused pending \(random.pick(ReportingPhrases.holdReasons))." }
        let area = random.pick(ReportingPhrases.areas)
        switch overall {
            case .green:
                return random.pick(ReportingPhrases.greenSummaries)
            case .amber:
                let closing = random.pick(ReportingPhrases.amberClosings)
                return "\(random.pick(ReportingPhrases.amberOpenings)) \(area); \(closing)."
            case .red:
                let closing = random.pick(ReportingPhrases.redClosings)
                return "\(random.pick(ReportingPhrases.redOpenings)) \(area). \(closing)."
        }
    }

    /// One or two sentences from a list, as owners write them.
    private static func sentences(from phrases: [String], random: inout SeededRandom) -> String {
        let first = random.pick(phrases)
        guard random.chance(0.5) else { return "\(first)." }
        let second = random.pick(phrases)
        return second == first ? "\(first)." : "\(first). \(second)."
    }
}

/// Rates one initiative's health per period from its hidden traits: schedule from the slip that had
/// shown by then, cost from its overrun, risk from its riskiness, with a little human noise.
private struct HealthRater {
    struct Rating {
        var schedule: Health
        var cost: Health
        var scope: Health
        var risk: Health
        var benefits: Health

        /// Schedule, cost and risk carry the overall rating; scope or benefits in red make it amber
        /// at most, as most PMOs weigh them.
        var overall: Health {
            let secondary: Health = max(scope, benefits) == .red ? .amber : .green
            return max(schedule, cost, risk, secondary)
        }
    }

    private let draft: InitiativeDraft
    private let baselinedOn: Day
    private let baselineDays: Double
    private let historyDays: Double
    /// Scope trouble is a property of the work, not of the fortnight.
    private let scope: Health

    init(draft: InitiativeDraft, today: Day, random: inout SeededRandom) {
        self.draft = draft
        let start = draft.fields.baselineStart ?? draft.fields.plannedStart ?? today
        let finish = draft.fields.baselineFinish ?? draft.fields.plannedFinish ?? today
        baselinedOn = draft.baselinedOn ?? start
        baselineDays = Double(max(1, start.days(until: finish)))
        historyDays = Double(max(1, baselinedOn.days(until: today)))
        scope = random.weightedPick([(Health.green, 0.85), (.amber, 0.12), (.red, 0.03)])
    }

    func rate(on periodStart: Day, random: inout SeededRandom) -> Rating {
        // How much of today's slip and overrun had shown by then.
        let shown = DemoGenerator.clamp(Double(baselinedOn.days(until: periodStart)) / historyDays, 0...1)
        let slip = Double(draft.slipDays) * shown
        var schedule: Health = slip >= max(60, 0.3 * baselineDays) ? .red
            : slip >= max(21, 0.12 * baselineDays) ? .amber : .green
        if draft.status == .onHold { schedule = max(schedule, .amber) }
        // Overspend shows gradually as invoices arrive.
        let overrun = (draft.costFactor - 1) * (0.4 + 0.6 * shown)
        return Rating(
            schedule: Self.jitter(schedule, random: &random),
            cost: Self.jitter(Self.grade(overrun, amber: 0.1, red: 0.25), random: &random),
            scope: Self.jitter(scope, random: &random),
            risk: Self.jitter(Self.grade(draft.riskiness, amber: 0.6, red: 0.85), random: &random),
            benefits: Self.jitter(Self.grade(1 - draft.benefitRealisation, amber: 0.7, red: 1), random: &random))
    }

    private static func grade(_ value: Double, amber: Double, red: Double) -> Health {
        value >= red ? .red : value >= amber ? .amber : .green
    }

    /// People round: one rating in twenty is a shade better or worse than the numbers say.
    private static func jitter(_ health: Health, random: inout SeededRandom) -> Health {
        guard random.chance(0.05) else { return health }
        let all = Health.allCases
        let index = all.firstIndex(of: health)! + (random.chance(0.5) ? 1 : -1)
        return all[DemoGenerator.clamp(index, 0...(all.count - 1))]
    }
}

private enum ReportingPhrases {
    static let areas = [
        "integration testing", "data migration", "vendor onboarding", "requirements for release 2",
        "user acceptance testing", "the security review", "training material", "cutover planning",
        "performance testing", "design sign-off", "the reporting layer", "environment provisioning",
    ]

    static let greenSummaries = [
        "On track against the baseline plan.", "Good progress this period; the next milestone is on track.",
        "Delivering to plan with no material issues.", "Steady progress; risks are under control.",
        "Sprint goals met and the budget is tracking to forecast.",
    ]

    static let amberOpenings = ["Some slippage on", "Behind plan on", "Resourcing gaps in", "Open defects are slowing"]

    static let amberClosings = [
        "a recovery plan is in place", "the go-live date holds for now", "mitigation agreed with the sponsor",
        "contingency is being reviewed",
    ]

    static let redOpenings = [
        "Critical path at risk in", "Go-live forecast moved again because of", "Overspend driven by",
    ]

    static let redClosings = [
        "Sponsor decision needed on scope", "Re-baseline requested at the next portfolio board",
        "Escalated to the portfolio board", "Recovery options going to the steering committee",
    ]

    static let holdReasons = [
        "the funding review", "the outcome of the vendor dispute", "a decision on the target architecture",
        "release of key staff from priority work", "the regulator's response",
    ]

    static let accomplishments = [
        "Completed the data migration rehearsal", "Signed off the solution design",
        "Finished the sprint with all stories accepted", "Onboarded the implementation partner",
        "Ran the first cutover rehearsal", "Trained the pilot users", "Closed the open defects from testing",
        "Agreed the test strategy with operations", "Migrated the first customer cohort",
        "Published the release notes", "Completed the supplier due diligence", "Passed the security review",
    ]

    static let nextSteps = [
        "Start user acceptance testing", "Confirm the go-live date with the business", "Complete the performance tests",
        "Run the second cutover rehearsal", "Finalise the vendor statement of work", "Prepare the gate review pack",
        "Start the pilot in two branches", "Train the service desk", "Plan the next release",
        "Review the benefits forecast with finance",
    ]

    static let blockers = [
        "Waiting for the test environment from Cloud Platform", "The vendor has not confirmed delivery dates",
        "Two developers were moved to an urgent incident", "A decision on data retention is outstanding",
        "The security review backlog is six weeks long", "Budget for the next phase is not released",
        "Key business users are unavailable for testing", "An upstream dependency has slipped",
    ]
}
