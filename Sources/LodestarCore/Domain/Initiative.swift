import Foundation

/// A project or programme: the unit of investment the portfolio chooses, funds and tracks.
public struct Initiative: EntityFields {
    public var code: String
    public var name: String
    public var description: String
    public var kind: InitiativeKind
    public var ownerID: UUID?
    public var sponsorID: UUID?
    public var status: InitiativeStatus
    public var tier: GovernanceTier
    public var currentGate: Gate
    public var plannedStart: Day?
    public var plannedFinish: Day?
    public var baselineStart: Day?
    public var baselineFinish: Day?
    public var capexBudget: Double
    public var opexBudget: Double
    public var actualCost: Double
    /// An owner's judgement over the computed health; only valid with a reason.
    public var healthOverride: Health?
    public var healthOverrideReason: String?
    /// Where the record came from when it was imported (e.g. `jira`, `mspdi`), and its id there.
    public var externalSource: String?
    public var externalID: String?

    public init(
        code: String, name: String, description: String = "", kind: InitiativeKind = .project,
        ownerID: UUID? = nil, sponsorID: UUID? = nil, status: InitiativeStatus = .proposed,
        tier: GovernanceTier = .standard, currentGate: Gate = .idea,
        plannedStart: Day? = nil, plannedFinish: Day? = nil, baselineStart: Day? = nil, baselineFinish: Day? = nil,
        capexBudget: Double = 0, opexBudget: Double = 0, actualCost: Double = 0,
        healthOverride: Health? = nil, healthOverrideReason: String? = nil,
        externalSource: String? = nil, externalID: String? = nil
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.kind = kind
        self.ownerID = ownerID
        self.sponsorID = sponsorID
        self.status = status
        self.tier = tier
        self.currentGate = currentGate
        self.plannedStart = plannedStart
        self.plannedFinish = plannedFinish
        self.baselineStart = baselineStart
        self.baselineFinish = baselineFinish
        self.capexBudget = capexBudget
        self.opexBudget = opexBudget
        self.actualCost = actualCost
        self.healthOverride = healthOverride
        self.healthOverrideReason = healthOverrideReason
        self.externalSource = externalSource
        self.externalID = externalID
    }

    public var totalBudget: Double { capexBudget + opexBudget }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(code, "code", maxLength: 40)
        checks.text(name, "name")
        checks.text(description, "description", required: false, maxLength: 8000)
        checks.nonNegative(capexBudget, "capexBudget")
        checks.nonNegative(opexBudget, "opexBudget")
        checks.nonNegative(actualCost, "actualCost")
        checks.order(plannedStart, plannedFinish, "plannedFinish", after: "plannedStart")
        checks.order(baselineStart, baselineFinish, "baselineFinish", after: "baselineStart")
        if healthOverride != nil, (healthOverrideReason ?? "").trimmingWhitespace.isEmpty {
            checks.fail("healthOverrideReason", "an overridden health needs a reason")
        }
        checks.optionalText(healthOverrideReason, "healthOverrideReason", maxLength: 2000)
        checks.optionalText(externalSource, "externalSource", maxLength: 40)
        checks.optionalText(externalID, "externalID", maxLength: 200)
        return checks.issues
    }
}
