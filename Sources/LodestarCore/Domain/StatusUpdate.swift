import Foundation

/// An owner's report on one initiative for one reporting period.
public struct StatusUpdate: EntityFields {
    public var initiativeID: UUID
    /// First day of the reporting period (see `ReportingCadence`).
    public var periodStart: Day
    public var overall: Health
    public var schedule: Health
    public var cost: Health
    public var scope: Health
    public var risk: Health
    public var benefits: Health
    public var summary: String
    public var accomplishments: String
    public var nextSteps: String
    public var blockers: String

    public init(
        initiativeID: UUID, periodStart: Day, overall: Health, schedule: Health = .green, cost: Health = .green,
        scope: Health = .green, risk: Health = .green, benefits: Health = .green, summary: String,
        accomplishments: String = "", nextSteps: String = "", blockers: String = ""
    ) {
        self.initiativeID = initiativeID
        self.periodStart = periodStart
        self.overall = overall
        self.schedule = schedule
        self.cost = cost
        self.scope = scope
        self.risk = risk
        self.benefits = benefits
        self.summary = summary
        self.accomplishments = accomplishments
        self.nextSteps = nextSteps
        self.blockers = blockers
    }

    public func validate() -> [FieldIssue] { validate(cadence: .biweekly) }

    public func validate(cadence: ReportingCadence) -> [FieldIssue] {
        var checks = FieldChecks()
        if !cadence.isPeriodStart(periodStart) {
            checks.fail("periodStart", "must be the first day of a reporting period (\(cadence.period(containing: periodStart).start))")
        }
        checks.text(summary, "summary", maxLength: 4000)
        checks.text(accomplishments, "accomplishments", required: false, maxLength: 4000)
        checks.text(nextSteps, "nextSteps", required: false, maxLength: 4000)
        checks.text(blockers, "blockers", required: false, maxLength: 4000)
        return checks.issues
    }
}
