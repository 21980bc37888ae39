import Foundation

/// Something leadership must decide, with the dates that make its latency measurable.
public struct Decision: EntityFields {
    public var title: String
    public var context: String
    public var type: DecisionType
    public var initiativeID: UUID?
    public var decisionMakerID: UUID?
    public var options: [String]
    public var requestedOn: Day
    public var neededBy: Day?
    public var decidedOn: Day?
    public var status: DecisionStatus
    public var outcome: String
    public var rationale: String

    public init(
        title: String, context: String = "", type: DecisionType = .other, initiativeID: UUID? = nil,
        decisionMakerID: UUID? = nil, options: [String] = [], requestedOn: Day, neededBy: Day? = nil,
        decidedOn: Day? = nil, status: DecisionStatus = .pending, outcome: String = "", rationale: String = ""
    ) {
        self.title = title
        self.context = context
        self.type = type
        self.initiativeID = initiativeID
        self.decisionMakerID = decisionMakerID
        self.options = options
        self.requestedOn = requestedOn
        self.neededBy = neededBy
        self.decidedOn = decidedOn
        self.status = status
        self.outcome = outcome
        self.rationale = rationale
    }

    /// Days from request to decision, once decided.
    public var latencyInDays: Int? { decidedOn.map { requestedOn.days(until: $0) } }

    public func isOverdue(on day: Day) -> Bool {
        guard status == .pending, let neededBy else { return false }
        return neededBy < day
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(title, "title")
        checks.text(context, "context", required: false, maxLength: 8000)
        checks.require(options.count <= 20, "options", "at most 20 options")
        for (index, option) in options.enumerated() { checks.text(option, "options[\(index)]", maxLength: 500) }
        checks.order(requestedOn, neededBy, "neededBy", after: "requestedOn")
        checks.order(requestedOn, decidedOn, "decidedOn", after: "requestedOn")
        if status == .decided {
            checks.require(decidedOn != nil, "decidedOn", "a decided decision needs the date it was decided")
            checks.require(!outcome.trimmingWhitespace.isEmpty, "outcome", "a decided decision needs its outcome")
        } else if decidedOn != nil {
            checks.fail("decidedOn", "only a decided decision has a decision date")
        }
        checks.text(outcome, "outcome", required: false, maxLength: 4000)
        checks.text(rationale, "rationale", required: false, maxLength: 8000)
        return checks.issues
    }
}
