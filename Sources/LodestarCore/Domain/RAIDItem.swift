import Foundation

/// A risk, assumption, issue or dependency of an initiative, scored and owned.
public struct RAIDItem: EntityFields {
    public var initiativeID: UUID
    public var kind: RAIDKind
    public var title: String
    public var description: String
    /// 1 (rare) … 5 (almost certain)
    public var probability: Int
    /// 1 (minor) … 5 (severe)
    public var impact: Int
    public var ownerID: UUID?
    public var mitigation: String
    public var dueDate: Day?
    public var status: RAIDStatus
    public var escalationLevel: EscalationLevel
    /// Free classification used to explain delays (e.g. `vendor`, `requirements`).
    public var category: String
    /// The milestone this item blocks (an issue holding up a delivery), which escalation rules watch.
    public var milestoneID: UUID?
    /// When it was first recorded, which age-based escalation rules measure from (default: when it was stored).
    public var identifiedOn: Day?

    public init(
        initiativeID: UUID, kind: RAIDKind, title: String, description: String = "", probability: Int = 3,
        impact: Int = 3, ownerID: UUID? = nil, mitigation: String = "", dueDate: Day? = nil,
        status: RAIDStatus = .open, escalationLevel: EscalationLevel = .initiative, category: String = "",
        milestoneID: UUID? = nil, identifiedOn: Day? = nil
    ) {
        self.initiativeID = initiativeID
        self.kind = kind
        self.title = title
        self.description = description
        self.probability = probability
        self.impact = impact
        self.ownerID = ownerID
        self.mitigation = mitigation
        self.dueDate = dueDate
        self.status = status
        self.escalationLevel = escalationLevel
        self.category = category
        self.milestoneID = milestoneID
        self.identifiedOn = identifiedOn
    }

    /// Probability × impact, 1–25.
    public var score: Int { probability * impact }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(title, "title")
        checks.text(description, "description", required: false, maxLength: 4000)
        checks.range(probability, "probability", 1...5)
        checks.range(impact, "impact", 1...5)
        checks.text(mitigation, "mitigation", required: false, maxLength: 4000)
        checks.text(category, "category", required: false, maxLength: 80)
        return checks.issues
    }
}
