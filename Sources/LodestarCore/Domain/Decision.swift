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
    /// The money at stake, which decision rights route by.
    public var amount: Double?
    /// Further initiatives the decision holds up, beside `initiativeID`.
    public var linkedInitiativeIDs: [UUID]

    public init(
        title: String, context: String = "", type: DecisionType = .other, initiativeID: UUID? = nil,
        decisionMakerID: UUID? = nil, options: [String] = [], requestedOn: Day, neededBy: Day? = nil,
        decidedOn: Day? = nil, status: DecisionStatus = .pending, outcome: String = "", rationale: String = "",
        amount: Double? = nil, linkedInitiativeIDs: [UUID] = []
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
        self.amount = amount
        self.linkedInitiativeIDs = linkedInitiativeIDs
    }

    private enum CodingKeys: String, CodingKey {
        case title, context, type, initiativeID, decisionMakerID, options, requestedOn, neededBy, decidedOn, status, outcome,
             rationale, amount, linkedInitiativeIDs
    }

    /// Written out so that the governance fields added later (`amount`, `linkedInitiativeIDs`) stay
    /// optional on the wire for clients written before them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        context = try c.decode(String.self, forKey: .context)
        type = try c.decode(DecisionType.self, forKey: .type)
        initiativeID = try c.decodeIfPresent(UUID.self, forKey: .initiativeID)
        decisionMakerID = try c.decodeIfPresent(UUID.self, forKey: .decisionMakerID)
        options = try c.decode([String].self, forKey: .options)
        requestedOn = try c.decode(Day.self, forKey: .requestedOn)
        neededBy = try c.decodeIfPresent(Day.self, forKey: .neededBy)
        decidedOn = try c.decodeIfPresent(Day.self, forKey: .decidedOn)
        status = try c.decode(DecisionStatus.self, forKey: .status)
        outcome = try c.decode(String.self, forKey: .outcome)
        rationale = try c.decode(String.self, forKey: .rationale)
        amount = try c.decodeIfPresent(Double.self, forKey: .amount)
        linkedInitiativeIDs = try c.decodeIfPresent([UUID].self, forKey: .linkedInitiativeIDs) ?? []
    }

    /// Every initiative the decision is about: its own first, then the linked ones.
    public var allInitiativeIDs: [UUID] {
        ((initiativeID.map { [$0] } ?? []) + linkedInitiativeIDs).uniquedIDs()
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
        if let amount { checks.nonNegative(amount, "amount") }
        checks.require(linkedInitiativeIDs.count <= 50, "linkedInitiativeIDs", "at most 50 initiatives")
        checks.require(Set(linkedInitiativeIDs).count == linkedInitiativeIDs.count, "linkedInitiativeIDs", "lists an initiative twice")
        return checks.issues
    }
}

extension Array where Element == UUID {
    func uniquedIDs() -> [UUID] {
        var seen = Set<UUID>()
        return filter { seen.insert($0).inserted }
    }
}
