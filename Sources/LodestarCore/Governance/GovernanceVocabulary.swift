/// The closed sets governance records share with the API, the database and the forms.

/// A piece of evidence a gate can require. Some are checked from the portfolio's data; the rest
/// (documents that live elsewhere) are attested by the person who requests the review.
public enum EvidenceKind: String, Vocabulary {
    case onePageBrief = "one_page_brief"
    case businessCase = "business_case"
    case sponsorAssigned = "sponsor_assigned"
    case benefitDefined = "benefit_defined"
    case benefitKPIs = "benefit_kpis"
    case milestonesPlanned = "milestones_planned"
    case resourceDemand = "resource_demand"
    case riskRegisterReviewed = "risk_register_reviewed"
    case closureReport = "closure_report"
    case lessonsLearned = "lessons_learned"
    case benefitsMeasured = "benefits_measured"

    public var label: String {
        switch self {
            case .onePageBrief: "One-page brief"
            case .businessCase: "Business case"
            case .sponsorAssigned: "Sponsor assigned"
            case .benefitDefined: "At least one benefit defined"
            case .benefitKPIs: "Benefit KPIs with baseline, target and target date"
            case .milestonesPlanned: "Milestones with baseline dates"
            case .resourceDemand: "Resource demand entered"
            case .riskRegisterReviewed: "Risk register reviewed"
            case .closureReport: "Closure report"
            case .lessonsLearned: "Lessons learned"
            case .benefitsMeasured: "Benefits measured"
        }
    }

    /// Whether Lodestar can see this evidence in its own records; otherwise somebody attests it.
    public var isCheckedFromData: Bool {
        switch self {
            case .sponsorAssigned, .benefitDefined, .benefitKPIs, .milestonesPlanned, .resourceDemand, .benefitsMeasured: true
            case .onePageBrief, .businessCase, .riskRegisterReviewed, .closureReport, .lessonsLearned: false
        }
    }
}

/// What a gate's decision maker decided.
public enum GateOutcome: String, Vocabulary {
    case pass, passWithConditions = "pass_with_conditions", `return`, stop

    /// Whether the initiative moves on to the gate it was reviewed for.
    public var advances: Bool { self == .pass || self == .passWithConditions }
}

public enum GateReviewStatus: String, Vocabulary {
    case pending, passed, passedWithConditions = "passed_with_conditions", returned, stopped

    public init(_ outcome: GateOutcome) {
        switch outcome {
            case .pass: self = .passed
            case .passWithConditions: self = .passedWithConditions
            case .return: self = .returned
            case .stop: self = .stopped
        }
    }
}

/// What makes an escalation rule fire for a RAID item.
public enum EscalationTrigger: String, Vocabulary {
    /// probability × impact at or above the threshold
    case score
    /// open for at least `threshold` days with no mitigation written
    case ageWithoutMitigation = "age_without_mitigation"
    /// its mitigation's due date passed at least `threshold` days ago
    case overdueMitigation = "overdue_mitigation"
    /// it blocks a milestone that is not reached and is due within `threshold` days (or late)
    case blocksMilestone = "blocks_milestone"

    public var label: String {
        switch self {
            case .score: "Score at or above"
            case .ageWithoutMitigation: "Days open without mitigation"
            case .overdueMitigation: "Days past the mitigation due date"
            case .blocksMilestone: "Blocks a milestone due within (days)"
        }
    }
}

public enum EscalationDirection: String, Vocabulary {
    case escalated, deEscalated = "de_escalated"
}

/// The events outgoing webhooks can subscribe to.
public enum WebhookEvent: String, Vocabulary {
    case riskEscalated = "risk.escalated"
    case decisionRequested = "decision.requested"
    case decisionOverdue = "decision.overdue"
    case gateDecided = "gate.decided"

    public var label: String {
        switch self {
            case .riskEscalated: "Risk escalated"
            case .decisionRequested: "Decision requested"
            case .decisionOverdue: "Decision overdue"
            case .gateDecided: "Gate decided"
        }
    }
}

extension EscalationLevel {
    /// initiative 0 < portfolio 1 < executive 2: escalation only ever moves an item up this order.
    public var rank: Int {
        switch self {
            case .initiative: 0
            case .portfolio: 1
            case .executive: 2
        }
    }
}

extension GovernanceTier {
    /// light 0 < standard 1 < full 2: the heavier tier wins when several rules match.
    public var weight: Int {
        switch self {
            case .light: 0
            case .standard: 1
            case .full: 2
        }
    }
}

extension Gate {
    /// The gate after this one, or nil after `realise`.
    public var next: Gate? {
        let all = Gate.allCases
        guard let index = all.firstIndex(of: self), index + 1 < all.count else { return nil }
        return all[index + 1]
    }
}
