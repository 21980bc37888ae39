import Foundation

extension DemoGenerator {
    /// Bi-weekly status updates for active and on-hold initiatives over their last 6–13 periods. Health
    /// follows the data (schedule from slippage, cost from overrun, risk from riskiness) with a little
    /// human noise; now and then a period is missed, and a few owners have stopped reporting.
    static func makeStatusUpdates(for drafts: [InitiativeDraft], today: Day, random: inout SeededRandom) -> [Record<StatusUpdate>] {
        let cadence = ReportingCadence.biweekly
        var updates: [Record<StatusUpdate>] = []
        updates.reserveCapacity(drafts.count * 6)

        for draft in drafts where draft.status == .active || draft.status == .onHold {
            let initiative = draft.fields
            guard let plannedStart = initiative.plannedStart, let baselineStart = initiative.baselineStart,
                  let baselineFinish = initiative.baselineFinish else { continue }
            // Owners report up to the current or previous period; a few have gone quiet, and paused
            // work stopped reporting when it was paused.
            let lastReported = cadence.period(containing: draft.stoppedOn ?? today).start
            let periodsSinceLast = draft.status == .onHold ? 0 : periodsSinceLastReport(random: &random)
            let last = lastReported.adding(days: -cadence.lengthInDays * periodsSinceLast)
            let earliest = cadence.period(containing: plannedStart).start
            let periodCount = random.int(in: 6...13)
            let baselineDays = Double(max(1, baselineStart.days(until: baselineFinish)))
            let historyDays = Double(max(1, (draft.baselinedOn ?? plannedStart).days(until: today)))
            let scopeTendency = random.weightedPick([(Health.green, 0.85), (.amber, 0.12), (.red, 0.03)])

            for age in stride(from: periodCount - 1, through: 0, by: -1) {
                let periodStart = last.adding(days: -cadence.lengthInDays * age)
                guard periodStart >= earliest else { continue }
                if age > 0, random.chance(0.06) { continue }

                // How much of today's slip and overrun had shown by then.
                let shown = clamp(Double((draft.baselinedOn ?? plannedStart).days(until: periodStart)) / historyDays, 0...1)
                let slipShown = Double(draft.slipDays) * shown
                var schedule: Health = slipShown >= max(60, 0.3 * baselineDays) ? .red
                    : slipShown >= max(21, 0.12 * baselineDays) ? .amber : .green
                if draft.status == .onHold { schedule = max(schedule, .amber) }
                let cost = grade((draft.costFactor - 1) * (0.4 + 0.6 * shown), amberFrom: 0.1, redFrom: 0.25)
                let risk = grade(draft.riskiness, amberFrom: 0.6, redFrom: 0.85)
                let benefits = grade(1 - draft.benefitRealisation, amberFrom: 0.7, redFrom: 1)
                let dimensions = [schedule, cost, scopeTendency, risk, benefits].map { jitter($0, random: &random) }
                let overall = overallHealth(dimensions)

                updates.append(Record(id: random.uuid(), fields: StatusUpdate(
                    initiativeID: draft.id, periodStart: periodStart, overall: overall,
                    schedule: dimensions[0], cost: dimensions[1], scope: dimensions[2], risk: dimensions[3],
                    benefits: dimensions[4],
                    summary: statusSummary(overall: overall, isOnHold: draft.status == .onHold, random: &random),
                    accomplishments: sentences(from: ReportingPhrases.accomplishments, random: &random),
                    nextSteps: sentences(from: ReportingPhrases.nextSteps, random: &random),
                    blockers: overall == .green && random.chance(0.9) ? "" : "\(random.pick(ReportingPhrases.blockers))."
                )))
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

    private static func grade(_ value: Double, amberFrom: Double, redFrom: Double) -> Health {
        value >= redFrom ? .red : value >= amberFrom ? .amber : .green
    }

    /// People round: one rating in twenty is a shade better or worse than the numbers say.
    private static func jitter(_ health: Health, random: inout SeededRandom) -> Health {
        guard random.chance(0.05) else { return health }
        let all = Health.allCases
        let index = all.firstIndex(of: health)! + (random.chance(0.5) ? 1 : -1)
        return all[clamp(index, 0...(all.count - 1))]
    }

    /// Schedule, cost and risk carry the overall rating; scope or benefits in red make it amber at
    /// most, as most PMOs weigh them.
    private static func overallHealth(_ dimensions: [Health]) -> Health {
        let core = max(dimensions[0], dimensions[1], dimensions[3])
        let secondary: Health = max(dimensions[2], dimensions[4]) == .red ? .amber : .green
        return max(core, secondary)
    }

    private static func statusSummary(overall: Health, isOnHold: Bool, random: inout SeededRandom) -> String {
        if isOnHold { return "Paused pending \(random.pick(ReportingPhrases.holdReasons))." }
        let area = random.pick(ReportingPhrases.areas)
        switch overall {
            case .green: return random.pick(ReportingPhrases.greenSummaries)
            case .amber: return "\(random.pick(ReportingPhrases.amberOpenings)) \(area); \(random.pick(ReportingPhrases.amberClosings))."
            case .red: return "\(random.pick(ReportingPhrases.redOpenings)) \(area). \(random.pick(ReportingPhrases.redClosings))."
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

    static let redOpenings = ["Critical path at risk in", "Go-live forecast moved again because of", "Overspend driven by"]

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
