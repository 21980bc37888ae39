import Foundation

extension DemoGenerator {
    struct Scoring {
        var models: [Record<ScoringModel>] = []
        var criteria: [Record<ScoringCriterion>] = []
        var scores: [Record<Score>] = []
    }

    /// Two scoring models: the default five-criterion weighted model and a WSJF model, with scores
    /// for most initiatives (a few proposals are not scored yet). Scores follow the data: strategic
    /// fit from alignment, feasibility from risk, financial return from how promising the initiative is.
    static func makeScores(
        for drafts: [InitiativeDraft], alignments: [Record<Alignment>], random: inout SeededRandom
    ) -> Scoring {
        var scoring = Scoring()
        let weighted = Record(id: random.uuid(), fields: ScoringModel(
            name: "Strategic value", description: "The portfolio board's five criteria, agreed each planning cycle.",
            method: .weighted, isDefault: true))
        let wsjf = Record(id: random.uuid(), fields: ScoringModel(
            name: "WSJF", description: "Weighted Shortest Job First on a modified Fibonacci scale, for flow-based teams.",
            method: .wsjf))
        scoring.models = [weighted, wsjf]
        scoring.criteria = DemoCriterion.allCases.map { criterion in
            Record(id: random.uuid(), fields: ScoringCriterion(
                modelID: weighted.id, name: criterion.name, description: criterion.description, weight: criterion.weight,
                scaleMin: criterion.scale.lowerBound, scaleMax: criterion.scale.upperBound))
        }
        var contributionByInitiative: [UUID: Double] = [:]
        for alignment in alignments.map(\.fields) {
            contributionByInitiative[alignment.initiativeID, default: 0] += alignment.contribution
        }

        let wsjfCriteria = WSJFComponent.allCases.map { component in
            Record(id: random.uuid(), fields: ScoringCriterion(
                modelID: wsjf.id, name: component.label, description: "WSJF \(component.label.lowercased()), 1–20.",
                weight: 1, scaleMin: 1, scaleMax: 20, wsjfComponent: component))
        }
        scoring.criteria += wsjfCriteria

        scoring.scores.reserveCapacity(drafts.count * scoring.criteria.count)
        for draft in drafts where random.chance(draft.status == .proposed ? 0.7 : 0.94) {
            let alignment = min(1, (contributionByInitiative[draft.id] ?? 0) / 1.5)
            for (component, record) in zip(WSJFComponent.allCases, wsjfCriteria) {
                let signal: Double = switch component {
                    case .businessValue: 0.5 * alignment + 0.5 * draft.promise
                    case .timeCriticality: random.unit()
                    case .riskReduction: 0.6 * random.unit() + 0.4 * (1 - draft.riskiness)
                    case .jobSize: min(1, draft.fields.totalBudget / 4_000_000)
                }
                scoring.scores.append(Record(id: random.uuid(), fields: Score(
                    initiativeID: draft.id, criterionID: record.id, value: Self.fibonacci(signal))))
            }
            for (criterion, record) in zip(DemoCriterion.allCases, scoring.criteria) {
                let signal: Double = switch criterion {
                    case .strategicFit: 0.75 * alignment + 0.25 * draft.promise
                    case .financialReturn: draft.promise
                    case .riskReduction: random.unit()
                    case .urgency: 0.5 * random.unit() + 0.5 * draft.promise
                    case .feasibility: 1 - 0.7 * draft.riskiness
                }
                let scale = criterion.scale
                let judged = signal + random.normal(mean: 0, standardDeviation: 0.08)
                let noisy = scale.lowerBound + (scale.upperBound - scale.lowerBound) * judged
                scoring.scores.append(Record(id: random.uuid(), fields: Score(
                    initiativeID: draft.id, criterionID: record.id, value: clamp(noisy.rounded(), scale),
                    rationale: random.chance(0.15) ? random.pick(criterion.rationales) : "")))
            }
        }
        return scoring
    }

    /// The modified Fibonacci value nearest a 0…1 signal.
    static func fibonacci(_ signal: Double) -> Double {
        let steps: [Double] = [1, 2, 3, 5, 8, 13, 20]
        return steps[min(steps.count - 1, max(0, Int((signal * Double(steps.count)).rounded(.down))))]
    }
}

/// The criteria of the demo prioritisation model, in the order they are shown.
private enum DemoCriterion: CaseIterable {
    case strategicFit, financialReturn, riskReduction, urgency, feasibility

    var name: String {
        switch self {
            case .strategicFit: "Strategic fit"
            case .financialReturn: "Financial return"
            case .riskReduction: "Risk reduction"
            case .urgency: "Urgency"
            case .feasibility: "Feasibility"
        }
    }

    var description: String {
        switch self {
            case .strategicFit: "How directly the initiative advances the strategic objectives."
            case .financialReturn: "Net present value and payback relative to the investment."
            case .riskReduction: "Operational, security or compliance risk the initiative removes."
            case .urgency: "Cost of delay: deadlines, regulatory dates, expiring support."
            case .feasibility: "Confidence that it can be delivered with the skills and technology at hand."
        }
    }

    var weight: Double {
        switch self {
            case .strategicFit: 30
            case .financialReturn: 25
            case .riskReduction, .urgency, .feasibility: 15
        }
    }

    var scale: ClosedRange<Double> {
        switch self {
            case .strategicFit, .financialReturn, .feasibility: 0...10
            case .riskReduction, .urgency: 1...5
        }
    }

    var rationales: [String] {
        switch self {
            case .strategicFit: ["Directly serves a key result.", "Supports the theme only indirectly."]
            case .financialReturn: ["Payback within two years.", "Benefits are mostly non-financial."]
            case .riskReduction: ["Removes an end-of-life platform.", "Closes an audit finding."]
            case .urgency: ["Regulatory deadline next year.", "No hard deadline."]
            case .feasibility: ["Proven technology and an experienced team.", "Depends on scarce specialists."]
        }
    }
}
