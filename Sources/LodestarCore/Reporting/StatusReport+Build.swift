import Foundation

extension StatusReport {
    /// Builds the report of `period` from `snapshot` (read as of the period's end, or today if earlier).
    /// - Parameter previous: the previous period's report, for the changes since then.
    public static func build(
        _ snapshot: PortfolioSnapshot, index: PortfolioIndex, period: ReportingPeriod, previous: StatusReport?
    ) -> StatusReport {
        let health = snapshot.health(index: index)
        let movesByMilestone = Dictionary(grouping: snapshot.forecastChanges.filter { period.contains($0.changedOn) && $0.previousDate != nil },
                                          by: \.milestoneID)

        var sections: [Section] = []
        for initiative in snapshot.initiatives where isReported(initiative.status) {
            guard let assessment = health[initiative.id] else { continue }
            let updates = (index.statusUpdates[initiative.id] ?? []).filter { $0.periodStart <= period.start }
            let update = updates.max { $0.periodStart < $1.periodStart }
            let moves = (index.milestones[initiative.id] ?? []).flatMap { milestone in
                (movesByMilestone[milestone.id] ?? []).map { change in
                    MilestoneMove(milestoneID: milestone.id, name: milestone.name, from: change.previousDate, to: change.newDate,
                                  days: change.previousDate.map { $0.days(until: change.newDate) } ?? 0)
                }
            }.sorted { ($0.days, $0.name) > ($1.days, $1.name) }
            let decisions = index.decisions[initiative.id] ?? []
            let taken = decisions.filter { $0.decidedOn.map(period.contains) ?? false }.map {
                DecisionLine(decisionID: $0.id, title: $0.title, outcome: $0.outcome, date: $0.decidedOn, daysOverdue: nil)
            }
            let pending = decisions.filter { $0.status == .pending }.map { decision in
                DecisionLine(decisionID: decision.id, title: decision.title, outcome: "", date: decision.neededBy,
                             daysOverdue: decision.neededBy.map { max(0, $0.days(until: snapshot.today)) })
            }.sorted { ($0.daysOverdue ?? 0, $1.title) > ($1.daysOverdue ?? 0, $0.title) }
            let escalations = (index.raid[initiative.id] ?? [])
                .filter { $0.status != .closed && $0.escalationLevel != .initiative }
                .map { RiskLine(raidItemID: $0.id, title: $0.title, kind: $0.kind, score: $0.score, escalation: $0.escalationLevel) }
                .sorted { ($0.score, $1.title) > ($1.score, $0.title) }
            sections.append(Section(
                initiativeID: initiative.id, code: initiative.code, name: initiative.name,
                owner: initiative.ownerID.flatMap { snapshot.people[$0] } ?? "no owner", status: initiative.status,
                health: assessment, update: update?.fields,
                updateMissing: initiative.status == .active && update?.periodStart != period.start,
                milestoneMoves: moves, decisionsTaken: taken, decisionsPending: pending, escalations: escalations))
        }
        // Worst first, then by code, so the report reads from what needs attention down.
        sections.sort { ($0.health.overall, $1.code) > ($1.health.overall, $0.code) }

        let headline = Headline(
            initiatives: sections.count,
            green: sections.filter { $0.health.overall == .green }.count,
            amber: sections.filter { $0.health.overall == .amber }.count,
            red: sections.filter { $0.health.overall == .red }.count,
            overridden: sections.filter(\.health.isOverridden).count,
            missingUpdates: sections.filter(\.updateMissing).count,
            milestoneMoves: sections.reduce(0) { $0 + $1.milestoneMoves.count },
            daysAddedByMoves: sections.reduce(0) { $0 + $1.milestoneMoves.reduce(0) { $0 + $1.days } },
            decisionsTaken: sections.reduce(0) { $0 + $1.decisionsTaken.count },
            overdueDecisions: sections.reduce(0) { $0 + $1.decisionsPending.filter { ($0.daysOverdue ?? 0) > 0 }.count },
            escalatedRisks: sections.reduce(0) { $0 + $1.escalations.count })

        var counts = [HealthCount(dimension: "overall", green: headline.green, amber: headline.amber, red: headline.red)]
        for dimension in HealthDimension.allCases {
            let colours = sections.map { $0.health.health(of: dimension) }
            counts.append(HealthCount(
                dimension: dimension.rawValue, green: colours.filter { $0 == .green }.count,
                amber: colours.filter { $0 == .amber }.count, red: colours.filter { $0 == .red }.count))
        }

        let changes = changesSince(previous, sections: sections)
        var report = StatusReport(
            period: period, asOf: snapshot.today, headline: headline, narrative: [], sections: sections, changes: changes,
            healthCounts: counts)
        report.narrative = StatusNarrative.write(report, previous: previous)
        return report
    }

    static func changesSince(_ previous: StatusReport?, sections: [Section]) -> [Change] {
        guard let previous else { return [] }
        let before = Dictionary(uniqueKeysWithValues: previous.sections.map { ($0.initiativeID, $0) })
        var changes: [Change] = []
        for section in sections {
            guard let old = before[section.initiativeID] else {
                changes.append(Change(initiativeID: section.initiativeID, code: section.code, text: "now reported (\(section.status.label.lowercased()))"))
                continue
            }
            if old.health.overall != section.health.overall {
                changes.append(Change(
                    initiativeID: section.initiativeID, code: section.code,
                    text: "health \(old.health.overall.rawValue) → \(section.health.overall.rawValue)"))
            }
            let newEscalations = Set(section.escalations.map(\.raidItemID)).subtracting(old.escalations.map(\.raidItemID)).count
            if newEscalations > 0 {
                changes.append(Change(initiativeID: section.initiativeID, code: section.code, text: "\(newEscalations) new escalation(s)"))
            }
            let closed = Set(old.escalations.map(\.raidItemID)).subtracting(section.escalations.map(\.raidItemID)).count
            if closed > 0 {
                changes.append(Change(initiativeID: section.initiativeID, code: section.code, text: "\(closed) escalation(s) closed or de-escalated"))
            }
        }
        let current = Set(sections.map(\.initiativeID))
        for old in previous.sections where !current.contains(old.initiativeID) {
            changes.append(Change(initiativeID: old.initiativeID, code: old.code, text: "no longer reported (completed, cancelled or not started)"))
        }
        return changes
    }
}
