/// An initiative's health computed from its data by named rules, so every colour can be explained.
/// (The rule set grows with the reporting work; each rule states its threshold.)
public struct HealthAssessment: Sendable, Equatable {
    public struct Finding: Sendable, Equatable {
        /// Stable rule name, e.g. `schedule.slippage`.
        public var rule: String
        public var health: Health
        public var explanation: String
    }

    /// The worst finding's colour, or the owner's override when there is one.
    public var overall: Health
    /// What the rules alone say.
    public var computed: Health
    public var findings: [Finding]
    public var overrideReason: String?

    /// - Parameters:
    ///   - latestStatus: the most recent status update, if any.
    public static func assess(
        _ initiative: Initiative, milestones: [Milestone], latestStatus: StatusUpdate?, today: Day,
        cadence: ReportingCadence = .biweekly
    ) -> HealthAssessment {
        var findings: [Finding] = []

        let open = milestones.filter { !$0.isReached }
        if let worst = open.compactMap(\.slippageInDays).max(), worst > 10 {
            findings.append(Finding(
                rule: "schedule.slippage", health: worst > 30 ? .red : .amber,
                explanation: "A milestone's forecast is \(worst) days after its baseline (amber above 10, red above 30)."))
        }
        let overdue = open.filter { $0.forecastDate < today }
        if !overdue.isEmpty {
            findings.append(Finding(
                rule: "schedule.overdue", health: .red,
                explanation: "\(overdue.count) milestone(s) forecast before today are not reached: the forecast is stale."))
        }

        let budget = initiative.totalBudget
        if budget > 0, initiative.actualCost > budget {
            let overrun = (initiative.actualCost / budget - 1) * 100
            findings.append(Finding(
                rule: "cost.overrun", health: overrun > 10 ? .red : .amber,
                explanation: "Actual cost is \(Int(overrun.rounded())) % over budget (amber up to 10 %, red above)."))
        }

        if let latestStatus {
            if latestStatus.overall != .green {
                findings.append(Finding(
                    rule: "status.reported", health: latestStatus.overall,
                    explanation: "The owner reported \(latestStatus.overall.label.lowercased()) for the period from \(latestStatus.periodStart)."))
            }
            let currentPeriod = cadence.period(containing: today)
            if latestStatus.periodStart.days(until: currentPeriod.start) > cadence.lengthInDays, initiative.status == .active {
                findings.append(Finding(
                    rule: "status.stale", health: .amber,
                    explanation: "The latest status update is older than one reporting period (from \(latestStatus.periodStart))."))
            }
        } else if initiative.status == .active {
            findings.append(Finding(rule: "status.missing", health: .amber, explanation: "An active initiative with no status update."))
        }

        let computed = findings.map(\.health).max() ?? .green
        return HealthAssessment(
            overall: initiative.healthOverride ?? computed, computed: computed, findings: findings,
            overrideReason: initiative.healthOverride == nil ? nil : initiative.healthOverrideReason)
    }
}
