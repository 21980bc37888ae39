import Foundation

public enum PlanningCycleStatus: String, Vocabulary {
    case open, closed
}

/// A round of planning (quarterly by default): opened, re-scored, scenarios run, closed with the
/// decisions taken. Closing keeps a snapshot of the plan to compare with later.
public struct PlanningCycle: EntityFields {
    public var name: String
    /// The quarter the cycle plans from.
    public var quarter: Quarter
    public var status: PlanningCycleStatus
    public var openedOn: Day
    public var closedOn: Day?
    /// What was decided, written when the cycle closes.
    public var decisionsSummary: String

    public init(
        name: String, quarter: Quarter, status: PlanningCycleStatus = .open, openedOn: Day, closedOn: Day? = nil,
        decisionsSummary: String = ""
    ) {
        self.name = name
        self.quarter = quarter
        self.status = status
        self.openedOn = openedOn
        self.closedOn = closedOn
        self.decisionsSummary = decisionsSummary
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(name, "name", maxLength: 120)
        checks.text(decisionsSummary, "decisionsSummary", required: false, maxLength: 8000)
        checks.order(openedOn, closedOn, "closedOn", after: "openedOn")
        if status == .closed { checks.require(closedOn != nil, "closedOn", "a closed cycle needs the day it closed") }
        if status == .open { checks.require(closedOn == nil, "closedOn", "an open cycle has not closed") }
        return checks.issues
    }
}
