import Foundation

/// The five aspects of an initiative that health is judged on, each with its own colour.
public enum HealthDimension: String, Vocabulary {
    case schedule, cost, scope, risk, benefits
}

/// A named health rule: what it measures, in which unit, and the dimension it colours.
///
/// A rule turns amber when its measure is above `amber` and red when it is above `red`. The
/// thresholds are data the PMO edits (`HealthThresholds`), so the colour of every initiative can be
/// traced to a rule, its measure and the threshold in force.
public struct HealthRule: Sendable, Hashable, Codable {
    public var name: String
    /// nil for rules about reporting itself, which colour only the overall health.
    public var dimension: HealthDimension?
    public var title: String
    public var unit: String
    public var defaultAmber: Double
    public var defaultRed: Double

    public static let scheduleSlippage = HealthRule(
        name: "schedule.slippage", dimension: .schedule, title: "Worst open milestone forecast after its baseline",
        unit: "days", defaultAmber: 10, defaultRed: 30)
    public static let scheduleOverdue = HealthRule(
        name: "schedule.overdue", dimension: .schedule, title: "Open milestones whose forecast date has passed",
        unit: "milestones", defaultAmber: 0, defaultRed: 0)
    public static let costOverrun = HealthRule(
        name: "cost.overrun", dimension: .cost, title: "Actual cost above budget", unit: "%", defaultAmber: 0, defaultRed: 10)
    public static let scopeChangePending = HealthRule(
        name: "scope.change_pending", dimension: .scope, title: "Scope-change decisions waiting",
        unit: "decisions", defaultAmber: 0, defaultRed: 2)
    public static let riskEscalated = HealthRule(
        name: "risk.escalated", dimension: .risk, title: "Open risks and issues escalated beyond the initiative",
        unit: "items", defaultAmber: 0, defaultRed: 2)
    public static let riskExposure = HealthRule(
        name: "risk.exposure", dimension: .risk, title: "Highest open risk score (probability × impact)",
        unit: "points", defaultAmber: 12, defaultRed: 19)
    public static let decisionOverdue = HealthRule(
        name: "decision.overdue", dimension: .schedule, title: "Days the most overdue pending decision is past its needed-by date",
        unit: "days", defaultAmber: 0, defaultRed: 14)
    public static let benefitsBehind = HealthRule(
        name: "benefits.behind", dimension: .benefits, title: "Benefit realisation behind its straight-line plan",
        unit: "points", defaultAmber: 20, defaultRed: 40)
    public static let statusStale = HealthRule(
        name: "status.stale", dimension: nil, title: "Reporting periods missed since the latest status update",
        unit: "periods", defaultAmber: 0, defaultRed: 2)

    /// Every thresholded rule, in the order they are shown.
    public static let all: [HealthRule] = [
        scheduleSlippage, scheduleOverdue, decisionOverdue, costOverrun, scopeChangePending, riskEscalated, riskExposure,
        benefitsBehind, statusStale,
    ]

    public static func named(_ name: String) -> HealthRule? { all.first { $0.name == name } }
}

/// The amber and red thresholds in force for each rule; rules not listed use their defaults.
public struct HealthThresholds: Sendable, Equatable, Codable {
    public struct Threshold: Sendable, Equatable, Codable {
        public var amber: Double
        public var red: Double

        public init(amber: Double, red: Double) {
            self.amber = amber
            self.red = red
        }

        /// Checks a threshold a person wants to set, naming the field at fault.
        public func validate() -> [FieldIssue] {
            var checks = FieldChecks()
            checks.finite(amber, "amber")
            checks.finite(red, "red")
            checks.nonNegative(amber, "amber")
            if amber.isFinite, red.isFinite, red < amber { checks.fail("red", "must be at or above the amber threshold (\(amber))") }
            return checks.issues
        }
    }

    public var byRule: [String: Threshold]

    public init(_ byRule: [String: Threshold] = [:]) { self.byRule = byRule }

    public static let standard = HealthThresholds()

    public func threshold(_ rule: HealthRule) -> Threshold {
        byRule[rule.name] ?? Threshold(amber: rule.defaultAmber, red: rule.defaultRed)
    }

    /// The colour `rule` gives a measure, or nil when the measure is within tolerance.
    public func colour(_ rule: HealthRule, _ measure: Double) -> Health? {
        let threshold = threshold(rule)
        if measure > threshold.red { return .red }
        if measure > threshold.amber { return .amber }
        return nil
    }

    /// "amber above 10, red above 30 days": how a threshold reads in an explanation.
    public func describe(_ rule: HealthRule) -> String {
        let threshold = threshold(rule)
        return "amber above \(HealthThresholds.format(threshold.amber)), red above \(HealthThresholds.format(threshold.red)) \(rule.unit)"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
