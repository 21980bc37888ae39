import Foundation

extension DemoGenerator {
    /// The share of each lifecycle status in a living portfolio: mostly active work, a pipeline of
    /// proposals and approvals, a history of completed work and a few paused or stopped initiatives.
    static let statusMix: [(InitiativeStatus, Double)] = [
        (.proposed, 0.12), (.approved, 0.10), (.active, 0.48), (.onHold, 0.06), (.completed, 0.18), (.cancelled, 0.06),
    ]

    /// Initiatives with statuses, sizes, tiers, gates, people and baseline dates, and the hidden traits
    /// (slip-proneness, cost overrun, riskiness) that the rest of the portfolio will reflect.
    static func makeInitiativeDrafts(
        count: Int, people: DemoPeople, today: Day, random: inout SeededRandom
    ) -> [InitiativeDraft] {
        var drafts: [InitiativeDraft] = []
        drafts.reserveCapacity(count)
        for (index, status) in shuffledStatuses(count: count, random: &random).enumerated() {
            drafts.append(makeDraft(number: index + 1, status: status, people: people, today: today, random: &random))
        }
        return drafts
    }

    /// Statuses in exact proportion to `statusMix` (so every status appears in any portfolio of a
    /// few dozen), in random order so codes say nothing about status.
    private static func shuffledStatuses(count: Int, random: inout SeededRandom) -> [InitiativeStatus] {
        var statuses: [InitiativeStatus] = []
        statuses.reserveCapacity(count)
        for (status, share) in statusMix where status != .active {
            let quota = (Double(count) * share).rounded()
            statuses.append(contentsOf: repeatElement(status, count: min(Int(quota), count - statuses.count)))
        }
        statuses.append(contentsOf: repeatElement(.active, count: count - statuses.count))
        random.shuffle(&statuses)
        return statuses
    }

    private static func makeDraft(
        number: Int, status: InitiativeStatus, people: DemoPeople, today: Day, random: inout SeededRandom
    ) -> InitiativeDraft {
        let totalBudget = budget(random: &random)
        let replanCount = switch random.weightedIndex([0.6, 0.3, 0.1]) {
            case 0: random.int(in: 0...2)
            case 1: random.int(in: 1...4)
            default: random.int(in: 4...9)
        }
        let riskiness = clamp(0.6 * random.unit() + 0.45 * Double(replanCount) / 9, 0...1)

        var tier: GovernanceTier = totalBudget < 500_000 ? .light : totalBudget < 3_000_000 ? .standard : .full
        // Tiers follow risk and complexity as well as size: hazardous work gets the next tier up.
        if riskiness > 0.7, random.chance(0.3) { tier = tier == .light ? .standard : .full }
        let kind: InitiativeKind = totalBudget >= 5_000_000 && random.chance(0.6) ? .programme : .project

        var initiative = Initiative(
            code: initiativeCode(number), name: initiativeName(kind: kind, random: &random),
            kind: kind, ownerID: random.pick(people.ownerIDs), sponsorID: random.pick(people.executiveIDs),
            status: status, tier: tier, currentGate: gate(for: status, random: &random))
        initiative.description = initiativeDescription(random: &random)
        let capexShare = Double(random.int(in: 4...17)) / 20
        initiative.capexBudget = (totalBudget * capexShare / 1_000).rounded() * 1_000
        initiative.opexBudget = totalBudget - initiative.capexBudget

        let schedule = plannedSchedule(status: status, tier: tier, kind: kind, today: today, random: &random)
        initiative.plannedStart = schedule.start
        initiative.plannedFinish = schedule.finish
        if status != .proposed {
            initiative.baselineStart = schedule.start
            initiative.baselineFinish = schedule.finish
        }
        if status == .active || status == .onHold, random.chance(0.09) {
            let override = random.pick(healthOverrides)
            initiative.healthOverride = override.health
            initiative.healthOverrideReason = override.reason
        }
        switch random.int(in: 0..<20) {
            case 0..<5:
                initiative.externalSource = "jira"
                initiative.externalID = "PORT-\(100 + number)"  // unique, as importers match on it
            case 5..<7:
                initiative.externalSource = "mspdi"
                initiative.externalID = "\(initiative.code).mpp"
            default: break
        }

        return InitiativeDraft(
            record: Record(id: random.uuid(), fields: initiative),
            replanCount: replanCount,
            costFactor: costFactor(replanCount: replanCount, random: &random),
            riskiness: riskiness,
            promise: random.double(in: 0.1...1),
            benefitRealisation: benefitRealisation(random: &random),
            stoppedOn: schedule.stoppedOn,
            baselinedOn: status == .proposed ? nil : schedule.baselinedOn)
    }

    /// "INI-00042": zero-padded by hand, as `String(format:)` is slow in a loop of thousands.
    static func initiativeCode(_ number: Int) -> String {
        let digits = String(number)
        return "INI-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    /// Capex plus opex: log-normal around €600k, from €50k to €20M, rounded as budgets are.
    private static func budget(random: inout SeededRandom) -> Double {
        let raw = clamp(random.logNormal(median: 600_000, sigma: 1.1), 50_000...20_000_000)
        let step = raw >= 1_000_000 ? 50_000.0 : 5_000.0
        return (raw / step).rounded() * step
    }

    /// Spend per unit of progress: mostly near plan, worse for initiatives that keep replanning, and a
    /// tail of real overruns.
    private static func costFactor(replanCount: Int, random: inout SeededRandom) -> Double {
        var factor = random.logNormal(median: 0.98, sigma: 0.07) + 0.02 * Double(replanCount)
        if random.chance(0.12) { factor += random.double(in: 0.15...0.5) }
        return factor
    }

    /// Most initiatives deliver most of what they promised, some fall well short, a few make things worse.
    private static func benefitRealisation(random: inout SeededRandom) -> Double {
        switch random.weightedIndex([0.7, 0.22, 0.08]) {
            case 0: random.double(in: 0.6...1.15)
            case 1: random.double(in: 0.1...0.6)
            default: random.double(in: -0.3...0)
        }
    }

    /// Gates consistent with status: proposals are ideas or business cases, work in flight is being
    /// planned or delivered, finished work is closing or realising its benefits.
    private static func gate(for status: InitiativeStatus, random: inout SeededRandom) -> Gate {
        switch status {
            case .proposed: random.chance(0.6) ? .idea : .businessCase
            case .approved: random.chance(0.8) ? .plan : .businessCase
            case .active: random.chance(0.75) ? .deliver : .plan
            case .onHold: random.chance(0.6) ? .deliver : .plan
            case .completed: random.chance(0.6) ? .realise : .close
            case .cancelled: random.pick([.businessCase, .plan, .deliver, .deliver])
        }
    }

    private struct Schedule {
        var start: Day
        var finish: Day
        var baselinedOn: Day
        var stoppedOn: Day?
    }

    /// Dates spread over the two years either side of today, consistent with the status: proposals
    /// start in the future, active work started in the past, completed work finished in the past.
    private static func plannedSchedule(
        status: InitiativeStatus, tier: GovernanceTier, kind: InitiativeKind, today: Day, random: inout SeededRandom
    ) -> Schedule {
        let medianMonths: Double = switch tier {
            case .light: 5
            case .standard: 9
            case .full: 15
        }
        let months = clamp(random.logNormal(median: medianMonths * (kind == .programme ? 1.5 : 1), sigma: 0.35), 3...36)
        let duration = Int(months * 30.4)
        let twoYearsAgo = today.adding(days: -730)

        let start: Day
        var stoppedOn: Day?
        switch status {
            case .proposed:
                start = today.adding(days: random.int(in: 30...540))
            case .approved:
                start = today.adding(days: random.int(in: -30...270))
            case .active:
                // Some are past their baseline finish already: the late work the portfolio must see.
                let elapsed = Int(Double(duration) * random.double(in: 0.05...1.1))
                start = max(today.adding(days: -max(elapsed, 14)), twoYearsAgo)
            case .onHold:
                let elapsed = Int(Double(duration) * random.double(in: 0.15...0.8))
                start = max(today.adding(days: -max(elapsed, 45)), twoYearsAgo)
                stoppedOn = today.adding(days: -random.int(in: 14...min(150, start.days(until: today) - 14)))
            case .completed:
                start = today.adding(days: -random.int(in: 21...700) - duration)
            case .cancelled:
                start = today.adding(days: -random.int(in: 60...700))
                let latestStop = min(today.adding(days: -7), start.adding(days: duration))
                stoppedOn = random.day(in: start.adding(days: 30)...max(start.adding(days: 30), latestStop))
        }
        let baselinedOn = min(start.adding(days: -random.int(in: 14...60)), today.adding(days: -1))
        return Schedule(
            start: start, finish: start.adding(days: duration), baselinedOn: baselinedOn, stoppedOn: stoppedOn)
    }

    /// Actual cost follows progress and the initiative's cost factor, once its dates are final.
    static func settleCosts(of drafts: inout [InitiativeDraft], today: Day, random: inout SeededRandom) {
        for index in drafts.indices {
            let initiative = drafts[index].fields
            guard let start = initiative.plannedStart, let finish = initiative.plannedFinish else { continue }
            func elapsedShare(until day: Day) -> Double {
                clamp(Double(start.days(until: day)) / Double(max(1, start.days(until: finish))), 0...1)
            }
            let progress: Double = switch initiative.status {
                case .proposed: 0
                case .approved: 0.3 * elapsedShare(until: today)
                case .active: clamp(elapsedShare(until: today), 0.02...0.97)
                case .onHold, .cancelled: elapsedShare(until: drafts[index].stoppedOn ?? today)
                case .completed: 1
            }
            let spent = initiative.totalBudget * progress * drafts[index].costFactor * random.double(in: 0.96...1.04)
            drafts[index].record.fields.actualCost = (spent / 100).rounded() * 100
        }
    }
}
