import Foundation

/// An item of the PMO's improvement backlog: a pain point, the change meant to ease it, and the
/// measurement before and after that proves (or disproves) it.
public struct ImprovementItem: EntityFields {
    public var title: String
    public var painPoint: String
    /// "If we …, then … will …"
    public var hypothesis: String
    public var metric: String
    public var before: Double?
    public var after: Double?
    public var direction: KPIDirection
    public var status: ImprovementStatus
    public var ownerID: UUID?
    public var startedOn: Day?
    public var completedOn: Day?
    /// What shows the change worked: a link, a report, a quote.
    public var evidence: String

    public init(
        title: String, painPoint: String, hypothesis: String = "", metric: String = "", before: Double? = nil, after: Double? = nil,
        direction: KPIDirection = .higherIsBetter, status: ImprovementStatus = .define, ownerID: UUID? = nil,
        startedOn: Day? = nil, completedOn: Day? = nil, evidence: String = ""
    ) {
        self.title = title
        self.painPoint = painPoint
        self.hypothesis = hypothesis
        self.metric = metric
        self.before = before
        self.after = after
        self.direction = direction
        self.status = status
        self.ownerID = ownerID
        self.startedOn = startedOn
        self.completedOn = completedOn
        self.evidence = evidence
    }

    /// A completed item whose measurements show the change and whose evidence backs it: a PMO win.
    public var isWin: Bool {
        guard status == .done, let before, let after, !evidence.trimmingWhitespace.isEmpty else { return false }
        return direction.improves(from: before, to: after)
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(title, "title")
        checks.text(painPoint, "painPoint", maxLength: 2000)
        checks.text(hypothesis, "hypothesis", required: false, maxLength: 2000)
        checks.text(metric, "metric", required: false, maxLength: 200)
        checks.text(evidence, "evidence", required: false, maxLength: 4000)
        if let before { checks.finite(before, "before") }
        if let after { checks.finite(after, "after") }
        checks.order(startedOn, completedOn, "completedOn", after: "startedOn")
        if status == .done {
            checks.require(completedOn != nil, "completedOn", "a done item needs the day it was completed")
            checks.require(after != nil, "after", "a done item needs the measurement after the change")
        } else if completedOn != nil, status != .dropped {
            checks.fail("completedOn", "only a done or dropped item has a completion day")
        }
        if after != nil { checks.require(before != nil, "before", "an after measurement needs the one before") }
        return checks.issues
    }
}
