import Foundation

extension DemoGenerator {
    struct DeliveryHistory {
        var milestones: [Record<Milestone>] = []
        var forecastChanges: [ForecastChange] = []
    }

    /// 3–6 milestones per initiative that has a baseline, replanned over time: each replan moves every
    /// milestone not yet reached from some point on, as a late deliverable pushes everything after it,
    /// and each move is kept as a forecast change. Sets each initiative's planned finish and slip.
    static func makeMilestones(
        for drafts: inout [InitiativeDraft], today: Day, random: inout SeededRandom
    ) -> DeliveryHistory {
        var history = DeliveryHistory()
        history.milestones.reserveCapacity(drafts.count * 4)
        history.forecastChanges.reserveCapacity(drafts.count * 9)
        var plan = MilestonePlan()
        for index in drafts.indices where drafts[index].status != .proposed {
            plan.draw(for: drafts[index], today: today, random: &random)
            let ids = (0..<plan.count).map { _ in random.uuid() }
            for position in 0..<plan.count {
                history.milestones.append(Record(id: ids[position], fields: Milestone(
                    initiativeID: drafts[index].id, name: plan.names[position], baselineDate: plan.baselines[position],
                    forecastDate: plan.forecasts[position], actualDate: plan.actuals[position])))
                // Each milestone's history together and oldest first, as a reader of slippage wants it.
                for move in plan.moves where move.position == position {
                    history.forecastChanges.append(ForecastChange(
                        milestoneID: ids[position], changedOn: move.changedOn, previousDate: move.previousDate,
                        newDate: move.newDate, changedBy: drafts[index].fields.ownerID))
                }
            }
            let last = plan.count - 1
            drafts[index].record.fields.plannedFinish = plan.actuals[last] ?? plan.forecasts[last]
            drafts[index].slipDays = plan.baselines[last].days(until: plan.forecasts[last])
        }
        return history
    }
}

/// The milestones of one initiative while its history is replayed. Reused across initiatives so the
/// arrays are allocated once.
private struct MilestonePlan {
    var names: [String] = []
    var baselines: [Day] = []
    var forecasts: [Day] = []
    var actuals: [Day?] = []
    var lastChangedOn: [Day] = []
    /// Forecast changes in the order they happened, by position, as milestone ids are not known yet.
    var moves: [Move] = []

    struct Move {
        var position: Int
        var changedOn: Day
        var previousDate: Day?
        var newDate: Day
    }

    var count: Int { names.count }

    mutating func draw(for draft: InitiativeDraft, today: Day, random: inout SeededRandom) {
        let initiative = draft.fields
        let start = initiative.baselineStart!, finish = initiative.baselineFinish!
        let baselinedOn = draft.baselinedOn!
        let status = initiative.status
        chooseMilestones(start: start, finish: finish, random: &random)

        for position in 0..<count {
            moves.append(Move(
                position: position, changedOn: baselinedOn, previousDate: nil, newDate: baselines[position]))
        }

        // Completed work must have finished before today; everything else stops changing when it
        // was paused or cancelled.
        let cutoff = status == .completed ? today : (draft.stoppedOn ?? today)
        let lastReplanDay = status == .completed ? today.adding(days: -8) : cutoff.adding(days: -1)
        let firstReplanDay = baselinedOn.adding(days: 7)
        var replanDays: [Day] = []
        if firstReplanDay <= lastReplanDay {
            replanDays = (0..<draft.replanCount).map { _ in random.day(in: firstReplanDay...lastReplanDay) }.sorted()
        }
        for day in replanDays {
            replan(on: day, status: status, start: start, today: today, random: &random)
        }
        if status != .completed, forecasts[count - 1] < cutoff {
            // Unfinished work cannot have passed its final milestone: it was replanned when it was missed.
            let day = max(replanDays.last ?? baselinedOn, cutoff.adding(days: -random.int(in: 1...10)))
            move(count - 1, to: cutoff.adding(days: random.int(in: 14...120)), on: day)
        }
        recordActuals(status: status, cutoff: cutoff, today: today, random: &random)
    }

    private mutating func chooseMilestones(start: Day, finish: Day, random: inout SeededRandom) {
        names.removeAll(keepingCapacity: true)
        baselines.removeAll(keepingCapacity: true)
        forecasts.removeAll(keepingCapacity: true)
        actuals.removeAll(keepingCapacity: true)
        lastChangedOn.removeAll(keepingCapacity: true)
        moves.removeAll(keepingCapacity: true)

        let count = random.int(in: 3...6)
        for stage in random.distinctIndices(count - 1, below: MilestonePlan.stageNames.count).sorted() {
            names.append(MilestonePlan.stageNames[stage])
        }
        names.append(random.pick(MilestonePlan.finalNames))

        let span = start.days(until: finish)
        let slot = span / count
        var previous = start
        for position in 0..<count {
            var day = position == count - 1 ? finish
                : start.adding(days: slot * (position + 1) + random.int(in: -(slot / 4)...(slot / 4)))
            day = max(day, previous.adding(days: 1))
            baselines.append(day)
            previous = day
        }
        forecasts = baselines
        actuals = Array(repeating: nil, count: count)
        lastChangedOn = Array(repeating: start, count: count)
    }

    /// One replan: the milestones still ahead, from a random one on, move by the same amount.
    private mutating func replan(
        on day: Day, status: InitiativeStatus, start: Day, today: Day, random: inout SeededRandom
    ) {
        guard let firstAhead = forecasts.firstIndex(where: { $0 > day }) else { return }
        let from = random.chance(0.7) ? firstAhead : random.int(in: firstAhead..<count)
        var shift: Int
        if random.chance(0.9) {
            shift = Int(DemoGenerator.clamp(random.logNormal(median: 12, sigma: 0.8), 3...150))
            if status == .completed {
                // Keep the finish of completed work before today.
                shift = min(shift, forecasts[count - 1].days(until: today.adding(days: -8)))
            }
        } else {
            // Now and then a plan is pulled in, never before the milestone ahead of it or the replan.
            let floor = max(from > 0 ? forecasts[from - 1] : start, day, start)
            shift = -max(0, min(random.int(in: 3...14), floor.days(until: forecasts[from]) - 1))
        }
        guard shift != 0 else { return }
        for position in from..<count {
            move(position, to: forecasts[position].adding(days: shift), on: day)
        }
    }

    private mutating func move(_ position: Int, to newDate: Day, on day: Day) {
        moves.append(Move(position: position, changedOn: day, previousDate: forecasts[position], newDate: newDate))
        forecasts[position] = newDate
        lastChangedOn[position] = day
    }

    /// Milestones whose forecast passed before the cutoff were reached, give or take a few days. Now
    /// and then the latest one due in work still running was missed and not yet replanned: the overdue
    /// milestone a dashboard should show.
    private mutating func recordActuals(status: InitiativeStatus, cutoff: Day, today: Day, random: inout SeededRandom) {
        let latestReachable = min(today.adding(days: -1), cutoff)
        for position in 0..<count where forecasts[position] < cutoff {
            let isFinal = position == count - 1
            if isFinal && status != .completed { continue }
            let isLatestDue = !isFinal && forecasts[position + 1] >= cutoff
            if status == .active && isLatestDue && random.chance(0.15) { continue }
            let reached = forecasts[position].adding(days: random.int(in: -2...3))
            let earliest = lastChangedOn[position]
            actuals[position] = DemoGenerator.clamp(reached, earliest...max(earliest, latestReachable))
        }
    }

    static let stageNames = [
        "Business case approved", "Requirements signed off", "Vendor selected", "Solution design approved",
        "Build complete", "Data migration rehearsed", "System integration testing complete",
        "User acceptance testing complete", "Pilot live", "Training delivered",
    ]

    static let finalNames = ["Go-live", "Handover to operations", "Full rollout complete"]
}
