import Foundation

/// An owner's status update for the current period, prefilled with what changed since their last
/// one, so reporting is confirming and adding judgement rather than retyping the records.
public enum StatusDraft {
    public static func prefill(_ initiativeID: UUID, snapshot: PortfolioSnapshot, index: PortfolioIndex) -> StatusUpdate? {
        guard let initiative = index.initiatives[initiativeID] else { return nil }
        let period = snapshot.cadence.period(containing: snapshot.today)
        let last = index.latestStatus[initiativeID].flatMap { $0.periodStart < period.start ? $0 : nil }
            ?? (index.statusUpdates[initiativeID] ?? []).filter { $0.periodStart < period.start }.max { $0.periodStart < $1.periodStart }
        let since = last?.periodStart ?? period.start.adding(days: -snapshot.cadence.lengthInDays)
        let milestones = index.milestones[initiativeID] ?? []
        let names = Dictionary(uniqueKeysWithValues: milestones.map { ($0.id, $0.name) })

        var changed: [String] = []
        for change in snapshot.forecastChanges where names[change.milestoneID] != nil && change.changedOn >= since {
            guard let previous = change.previousDate else { continue }
            changed.append("Milestone \(names[change.milestoneID]!) moved from \(previous) to \(change.newDate).")
        }
        for decision in index.decisions[initiativeID] ?? [] {
            if let decided = decision.decidedOn, decided >= since {
                changed.append("Decided on \(decided): \(decision.title) — \(decision.outcome).")
            } else if decision.fields.isOverdue(on: snapshot.today) {
                changed.append("Still waiting on decision: \(decision.title) (needed by \(decision.neededBy!)).")
            }
        }
        let open = (index.raid[initiativeID] ?? []).filter { $0.status != .closed && $0.escalationLevel != .initiative }
        for item in open { changed.append("Escalated \(item.kind.rawValue) open: \(item.title) (score \(item.score)).") }

        let reached = milestones.filter { ($0.actualDate ?? Day(ordinal: .min)) >= since }.map { "Reached \($0.name) on \($0.actualDate!)." }
        let upcoming = milestones.filter { !$0.isReached && $0.forecastDate <= period.end.adding(days: snapshot.cadence.lengthInDays) }
            .sorted { $0.forecastDate < $1.forecastDate }.map { "\($0.name) due \($0.forecastDate)." }

        let health = HealthAssessment.assess(
            initiative.fields, milestones: milestones.map(\.fields), latestStatus: last?.fields, today: snapshot.today,
            cadence: snapshot.cadence, raid: (index.raid[initiativeID] ?? []).map(\.fields),
            decisions: (index.decisions[initiativeID] ?? []).map(\.fields), benefits: index.benefitsByInitiative[initiativeID] ?? [],
            thresholds: snapshot.thresholds)
        return StatusUpdate(
            initiativeID: initiativeID, periodStart: period.start, overall: health.computed, schedule: health.dimensions.schedule,
            cost: health.dimensions.cost, scope: health.dimensions.scope, risk: health.dimensions.risk, benefits: health.dimensions.benefits,
            summary: changed.isEmpty ? "No recorded change since \(since)." : changed.joined(separator: "\n"),
            accomplishments: reached.joined(separator: "\n"), nextSteps: upcoming.joined(separator: "\n"),
            blockers: last?.blockers ?? "")
    }
}
