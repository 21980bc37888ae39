import Foundation

extension DashboardContext {
    /// Findings that need leadership, most urgent first. Severity (0–100) grows with how late or how
    /// bad the finding is and with the share of the in-flight budget it touches.
    func insights() -> [ExecutiveDashboard.Insight] {
        var found: [(kind: String, severity: Double, text: String, link: String)] = []
        let blockedBy = Dictionary(uniqueKeysWithValues: critical.map { ($0.initiativeID, $0.blocked) })

        for decision in snapshot.decisions where decision.fields.isOverdue(on: snapshot.today) {
            guard let initiative = decision.initiativeID, let neededBy = decision.neededBy else { continue }
            let late = neededBy.days(until: snapshot.today)
            let held = [initiative] + (blockedBy[initiative] ?? [])
            let share = held.reduce(0) { $0 + (budgetShare[$1] ?? 0) }
            found.append((
                "decision_overdue", min(100, 40 + Double(late) / 2 + share * 200),
                "Decision \u{201C}\(decision.title)\u{201D} is \(late) days overdue and holds up \(held.count) initiative\(held.count == 1 ? "" : "s") worth \(Self.percent(share)) of the in-flight budget.",
                Self.link(initiative) + "#decisions"))
        }

        for item in snapshot.raidItems where item.status != .closed && item.escalationLevel == .executive {
            found.append((
                "escalated_risk", min(100, 30 + Double(item.score) * 2 + (budgetShare[item.initiativeID] ?? 0) * 100),
                "\(item.kind.label) \u{201C}\(item.title)\u{201D} on \(label(item.initiativeID)) is escalated to executives (score \(item.score) of 25).",
                Self.link(item.initiativeID) + "#raid"))
        }

        for initiative in inFlight {
            guard let assessment = health[initiative.id], assessment.overall == .red else { continue }
            let reason = assessment.overrideReason.map { "the owner set red: \($0)" }
                ?? assessment.findings.first { $0.health == .red }?.explanation ?? "see its health"
            found.append((
                "red_initiative", min(100, 45 + (budgetShare[initiative.id] ?? 0) * 300),
                "\(initiative.code) \(initiative.name) is red: \(reason)", Self.link(initiative.id)))
        }

        for entry in forecast?.initiatives ?? [] {
            guard let chance = entry.finish.probabilityOnTime, chance < 0.2, let baseline = entry.finish.baseline,
                  budgetShare[entry.initiativeID] != nil else { continue }
            found.append((
                "forecast_late", min(100, (1 - chance) * 30 + (budgetShare[entry.initiativeID] ?? 0) * 300),
                "\(label(entry.initiativeID)) has a \(Self.percent(chance)) chance of finishing by its baseline \(baseline); P80 is \(entry.finish.p80).",
                Self.link(entry.initiativeID)))
        }

        if let capacity {
            let now = Quarter(containing: snapshot.today)
            let names = Dictionary(uniqueKeysWithValues: snapshot.pools.map { ($0.id, $0.name) })
            for cell in capacity.overAllocations where cell.period >= now && cell.period <= now.adding(2) {
                found.append((
                    "over_allocation", min(90, 20 + (Self.utilisation(cell) - 1) * 100),
                    "\(names[cell.poolID] ?? "A pool") is at \(Self.percent(cell.utilisation)) of capacity in \(cell.period), asked for by \(cell.demandBy.count) initiatives.",
                    "/capacity"))
            }
        }

        let period = snapshot.cadence.period(containing: snapshot.today)
        let previous = snapshot.cadence.period(containing: period.start.adding(days: -1))
        let missing = snapshot.initiatives.filter { initiative in
            initiative.status == .active && (index.latestStatus[initiative.id].map { $0.periodStart < previous.start } ?? true)
        }
        if !missing.isEmpty {
            found.append((
                "missing_updates", min(60, 20 + Double(missing.count)),
                "\(missing.count) active initiatives have no status update for the period from \(previous.start).", "/reports"))
        }

        let ranked = found.sorted { ($0.severity, $1.text) > ($1.severity, $0.text) }.prefix(options.insightLimit)
        return ranked.enumerated().map { offset, entry in
            ExecutiveDashboard.Insight(
                rank: offset + 1, kind: entry.kind, severity: (entry.severity * 10).rounded() / 10, text: entry.text, link: entry.link)
        }
    }
}
