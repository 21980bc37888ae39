import Foundation

/// The evidence one gate requires of initiatives in one tier: PMO-editable data.
public struct GateTemplate: EntityFields {
    public var tier: GovernanceTier
    public var gate: Gate
    public var evidence: [EvidenceKind]
    /// Light-tier work may skip the wait for a decision once its evidence is complete.
    public var fastTrackAllowed: Bool

    public init(tier: GovernanceTier, gate: Gate, evidence: [EvidenceKind], fastTrackAllowed: Bool = false) {
        self.tier = tier
        self.gate = gate
        self.evidence = evidence
        self.fastTrackAllowed = fastTrackAllowed
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.require(gate != .idea, "gate", "the idea stage is where work starts; it has no gate to pass")
        checks.require(Set(evidence).count == evidence.count, "evidence", "lists a kind of evidence twice")
        checks.require(!fastTrackAllowed || tier == .light, "fastTrackAllowed", "only light-tier gates can be fast-tracked")
        return checks.issues
    }

    /// Lodestar's starting templates: little for small work, a full pack for big bets.
    public static let defaults: [GateTemplate] = [
        GateTemplate(tier: .light, gate: .businessCase, evidence: [.onePageBrief], fastTrackAllowed: true),
        GateTemplate(tier: .light, gate: .plan, evidence: [.benefitDefined], fastTrackAllowed: true),
        GateTemplate(tier: .light, gate: .deliver, evidence: [.onePageBrief, .benefitDefined], fastTrackAllowed: true),
        GateTemplate(tier: .light, gate: .close, evidence: [.closureReport], fastTrackAllowed: true),
        GateTemplate(tier: .light, gate: .realise, evidence: [.benefitsMeasured], fastTrackAllowed: true),
        GateTemplate(tier: .standard, gate: .businessCase, evidence: [.businessCase, .sponsorAssigned]),
        GateTemplate(tier: .standard, gate: .plan, evidence: [.businessCase, .benefitKPIs, .milestonesPlanned]),
        GateTemplate(tier: .standard, gate: .deliver, evidence: [.benefitKPIs, .milestonesPlanned, .resourceDemand, .riskRegisterReviewed]),
        GateTemplate(tier: .standard, gate: .close, evidence: [.closureReport, .lessonsLearned]),
        GateTemplate(tier: .standard, gate: .realise, evidence: [.benefitsMeasured]),
        GateTemplate(tier: .full, gate: .businessCase, evidence: [.onePageBrief, .businessCase, .sponsorAssigned]),
        GateTemplate(tier: .full, gate: .plan, evidence: [.businessCase, .benefitKPIs, .milestonesPlanned, .riskRegisterReviewed]),
        GateTemplate(tier: .full, gate: .deliver,
                     evidence: [.businessCase, .benefitKPIs, .riskRegisterReviewed, .resourceDemand, .milestonesPlanned, .sponsorAssigned]),
        GateTemplate(tier: .full, gate: .close, evidence: [.closureReport, .lessonsLearned, .benefitsMeasured]),
        GateTemplate(tier: .full, gate: .realise, evidence: [.benefitsMeasured, .lessonsLearned]),
    ]
}

/// What the portfolio's records say about one initiative's evidence.
public struct EvidenceFacts: Sendable, Equatable {
    public var hasSponsor: Bool
    public var benefits: [Benefit]
    public var measuredBenefitCount: Int
    public var milestonesWithBaseline: Int
    public var demandRows: Int

    public init(hasSponsor: Bool, benefits: [Benefit], measuredBenefitCount: Int, milestonesWithBaseline: Int, demandRows: Int) {
        self.hasSponsor = hasSponsor
        self.benefits = benefits
        self.measuredBenefitCount = measuredBenefitCount
        self.milestonesWithBaseline = milestonesWithBaseline
        self.demandRows = demandRows
    }
}

/// Checks a gate's required evidence against the data and the requester's attestations.
public enum GateEvidence {
    public struct Item: Sendable, Equatable {
        public var kind: EvidenceKind
        public var satisfied: Bool
        /// What was found, or precisely what is missing.
        public var detail: String
    }

    public struct Report: Sendable, Equatable {
        public var items: [Item]
        public var missing: [Item] { items.filter { !$0.satisfied } }
        public var isComplete: Bool { items.allSatisfy(\.satisfied) }
    }

    public static func check(_ required: [EvidenceKind], facts: EvidenceFacts, attested: Set<EvidenceKind>) -> Report {
        Report(items: required.map { item($0, facts: facts, attested: attested) })
    }

    static func item(_ kind: EvidenceKind, facts: EvidenceFacts, attested: Set<EvidenceKind>) -> Item {
        func result(_ satisfied: Bool, _ found: String, _ missing: String) -> Item {
            Item(kind: kind, satisfied: satisfied, detail: satisfied ? found : missing)
        }
        switch kind {
            case .sponsorAssigned:
                return result(facts.hasSponsor, "A sponsor is named.", "No sponsor is named on the initiative.")
            case .benefitDefined:
                return result(!facts.benefits.isEmpty, "\(facts.benefits.count) benefit(s) defined.", "No benefit is defined.")
            case .benefitKPIs:
                let incomplete = facts.benefits.filter { $0.target == $0.baseline || $0.targetDate == nil }
                if facts.benefits.isEmpty { return result(false, "", "No benefit KPI is defined (each needs a baseline, a target and a target date).") }
                return result(
                    incomplete.isEmpty, "\(facts.benefits.count) benefit KPI(s) with baseline, target and target date.",
                    "Benefit KPI(s) without a target distinct from the baseline or without a target date: "
                        + incomplete.map(\.name).joined(separator: ", ") + ".")
            case .milestonesPlanned:
                return result(facts.milestonesWithBaseline > 0, "\(facts.milestonesWithBaseline) milestone(s) baselined.",
                              "No milestone has a baseline date.")
            case .resourceDemand:
                return result(facts.demandRows > 0, "Demand entered for \(facts.demandRows) pool-period(s).", "No resource demand is entered.")
            case .benefitsMeasured:
                return result(facts.measuredBenefitCount > 0, "\(facts.measuredBenefitCount) benefit(s) measured.",
                              "No benefit has a measurement yet.")
            case .onePageBrief, .businessCase, .riskRegisterReviewed, .closureReport, .lessonsLearned:
                return result(attested.contains(kind), "Attested by the requester.", "\(kind.label) is not attested.")
        }
    }
}
