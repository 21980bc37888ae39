/// An initiative's health computed from its data by named rules, so every colour can be explained:
/// a colour per dimension (schedule, cost, scope, risk, benefits) and overall, each finding naming
/// its rule, its measure and the threshold in force (`HealthThresholds`, editable by the PMO).
public struct HealthAssessment: Sendable, Equatable, Codable {
    public struct Finding: Sendable, Equatable, Codable {
        /// Stable rule name, e.g. `schedule.slippage`.
        public var rule: String
        /// The dimension the rule colours; nil for rules about reporting, which colour only the overall.
        public var dimension: HealthDimension?
        public var health: Health
        public var explanation: String
    }

    /// The worst finding's colour, or the owner's override when there is one.
    public var overall: Health
    /// What the rules alone say.
    public var computed: Health
    /// Each dimension's colour from the rules (the owner's override applies to the overall only).
    public var dimensions: DimensionHealth
    public var findings: [Finding]
    public var overrideReason: String?

    public var isOverridden: Bool { overrideReason != nil }

    public func health(of dimension: HealthDimension) -> Health { dimensions[dimension] }

    /// - Parameters:
    ///   - latestStatus: the most recent status update, if any.
    ///   - raid: the initiative's RAID items; open risks and issues count.
    ///   - decisions: decisions about the initiative; pending ones count.
    ///   - benefits: progress of the initiative's benefits.
    public static func assess(
        _ initiative: Initiative, milestones: [Milestone], latestStatus: StatusUpdate?, today: Day,
        cadence: ReportingCadence = .biweekly, raid: [RAIDItem] = [], decisions: [Decision] = [],
        benefits: [BenefitProgress] = [], thresholds: HealthThresholds = .standard
    ) -> HealthAssessment {
        var findings: [Finding] = []
        func check(_ rule: HealthRule, _ measure: Double, _ explanation: @autoclosure () -> String) {
            guard let colour = thresholds.colour(rule, measure) else { return }
            findings.append(Finding(
                rule: rule.name, dimension: rule.dimension, health: colour,
                explanation: "\(explanation()) (\(thresholds.describe(rule)))."))
        }

        let open = milestones.filter { !$0.isReached }
        if let worst = open.compactMap(\.slippageInDays).max() {
            check(.scheduleSlippage, Double(worst), "A milestone's forecast is \(worst) days after its baseline")
        }
        let overdue = open.filter { $0.forecastDate < today }
        check(.scheduleOverdue, Double(overdue.count),
              "\(overdue.count) milestone(s) forecast before today are not reached: the forecast is stale")

        let pending = decisions.filter { $0.status == .pending }
        if let late = pending.compactMap({ decision in decision.neededBy.map { $0.days(until: today) } }).max(), late > 0 {
            check(.decisionOverdue, Double(late), "A decision is \(late) days past the date it was needed by")
        }
        let scopeChanges = pending.filter { $0.type == .scopeChange }.count
        check(.scopeChangePending, Double(scopeChanges), "\(scopeChanges) scope-change decision(s) are waiting")

        let budget = initiative.totalBudget
        if budget > 0, initiative.actualCost > budget {
            let overrun = (initiative.actualCost / budget - 1) * 100
            check(.costOverrun, overrun, "Actual cost is \(overrun.wholeText) % over budget")
        }

        let live = raid.filter { $0.status != .closed && ($0.kind == .risk || $0.kind == .issue) }
        let escalated = live.filter { $0.escalationLevel != .initiative }.count
        check(.riskEscalated, Double(escalated), "\(escalated) open risk(s) or issue(s) are escalated to the portfolio or executives")
        if let exposure = live.filter({ $0.kind == .risk }).map(\.score).max() {
            check(.riskExposure, Double(exposure), "The highest open risk scores \(exposure) of 25")
        }

        if let worst = benefits.max(by: { $0.gapInPoints < $1.gapInPoints }), worst.gapInPoints > 0 {
            check(.benefitsBehind, worst.gapInPoints.rounded(),
                  "'\(worst.name)' is \(worst.gapInPoints.wholeText) points behind its straight-line plan")
        }

        if let latestStatus {
            if latestStatus.overall != .green {
                findings.append(Finding(
                    rule: "status.reported", dimension: nil, health: latestStatus.overall,
                    explanation: "The owner reported \(latestStatus.overall.label.lowercased()) for the period from \(latestStatus.periodStart)."))
            }
            for (dimension, reported) in latestStatus.dimensions where reported != .green {
                findings.append(Finding(
                    rule: "status.reported", dimension: dimension, health: reported,
                    explanation: "The owner reported \(dimension.rawValue) \(reported.label.lowercased()) for the period from \(latestStatus.periodStart)."))
            }
            if initiative.status == .active {
                let currentPeriod = cadence.period(containing: today)
                // The update for the current period is due at its end, so the previous period's counts as fresh.
                let missed = latestStatus.periodStart.days(until: currentPeriod.start) / cadence.lengthInDays - 1
                check(.statusStale, Double(missed),
                      "The latest status update is from \(latestStatus.periodStart): \(missed) reporting period(s) missed")
            }
        } else if initiative.status == .active {
            findings.append(Finding(rule: "status.missing", dimension: nil, health: .amber, explanation: "An active initiative with no status update."))
        }

        var dimensions = DimensionHealth()
        for dimension in HealthDimension.allCases {
            dimensions[dimension] = findings.filter { $0.dimension == dimension }.map(\.health).max() ?? .green
        }
        let computed = findings.map(\.health).max() ?? .green
        return HealthAssessment(
            overall: initiative.healthOverride ?? computed, computed: computed, dimensions: dimensions, findings: findings,
            overrideReason: initiative.healthOverride == nil ? nil : initiative.healthOverrideReason)
    }
}

extension StatusUpdate {
    /// The owner's colour for each dimension, in the dimensions' order.
    public var dimensions: [(HealthDimension, Health)] {
        [(.schedule, schedule), (.cost, cost), (.scope, scope), (.risk, risk), (.benefits, benefits)]
    }
}

/// A colour for each dimension of health.
public struct DimensionHealth: Sendable, Equatable, Codable {
    public var schedule: Health = .green
    public var cost: Health = .green
    public var scope: Health = .green
    public var risk: Health = .green
    public var benefits: Health = .green

    public init() {}

    public subscript(dimension: HealthDimension) -> Health {
        get {
            switch dimension {
                case .schedule: schedule
                case .cost: cost
                case .scope: scope
                case .risk: risk
                case .benefits: benefits
            }
        }
        set {
            switch dimension {
                case .schedule: schedule = newValue
                case .cost: cost = newValue
                case .scope: scope = newValue
                case .risk: risk = newValue
                case .benefits: benefits = newValue
            }
        }
    }
}
