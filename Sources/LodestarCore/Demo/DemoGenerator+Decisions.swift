import Foundation

extension DemoGenerator {
    /// About 0.3 decisions per initiative and a handful at portfolio level, with realistic latency:
    /// most are decided within days, a long tail takes weeks, and some still pending are past the
    /// date they were needed by, which is what leadership must see.
    static func makeDecisions(
        for drafts: [InitiativeDraft], people: DemoPeople, poolNames: [String], today: Day, random: inout SeededRandom
    ) -> [Record<Decision>] {
        var decisions: [Record<Decision>] = []
        decisions.reserveCapacity(drafts.count / 3 + 10)
        let typeWeights = [0.3, 0.15, 0.2, 0.15, 0.15, 0.05]  // DecisionType.allCases order

        for draft in drafts {
            let count = (random.chance(0.25) ? 1 : 0) + (random.chance(0.05) ? 1 : 0)
            for _ in 0..<count {
                // A proposal is waiting for its gate; other work raises every kind of decision.
                let isProposal = draft.status == .proposed
                let type = isProposal ? .gate : DecisionType.allCases[random.weightedIndex(typeWeights)]
                let requestedOn = random.day(in: decisionWindow(for: draft, today: today))
                let topic = initiativeTopic(type, draft: draft, random: &random)
                // Escalations and money go to the executives; the rest to whoever holds the decision right.
                let makers = type == .escalation || type == .funding
                    ? people.executiveIDs : random.pick([people.executiveIDs, people.pmoIDs])
                decisions.append(Record(id: random.uuid(), fields: decision(
                    topic, initiativeID: draft.id, decisionMakerID: random.pick(makers), requestedOn: requestedOn,
                    today: today, random: &random)))
            }
        }

        for _ in 0..<(5 + drafts.count / 200) {
            let topic = portfolioTopic(poolNames: poolNames, today: today, random: &random)
            decisions.append(Record(id: random.uuid(), fields: decision(
                topic, initiativeID: nil, decisionMakerID: random.pick(people.executiveIDs),
                requestedOn: today.adding(days: -random.int(in: 1...540)), today: today, random: &random)))
        }
        return decisions
    }

    /// Decisions are raised while the work is alive: from shortly before its baseline (or recently,
    /// for a proposal) until it finished or stopped, within the last two years.
    private static func decisionWindow(for draft: InitiativeDraft, today: Day) -> ClosedRange<Day> {
        let yesterday = today.adding(days: -1)
        let earliest = max(today.adding(days: -720), (draft.baselinedOn ?? today.adding(days: -120)).adding(days: -30))
        let end = draft.status == .completed ? draft.fields.plannedFinish : draft.stoppedOn
        let latest = min(yesterday, end ?? yesterday)
        return min(earliest, latest)...latest
    }

    private struct DecisionTopic {
        var type: DecisionType
        var title: String
        var context: String
        var options: [String]
    }

    /// Dates and outcome: requested, needed within one to four weeks, decided after a log-normal
    /// latency if that is already past (a few are withdrawn, a few forgotten), else still pending.
    private static func decision(
        _ topic: DecisionTopic, initiativeID: UUID?, decisionMakerID: UUID, requestedOn: Day, today: Day,
        random: inout SeededRandom
    ) -> Decision {
        var decision = Decision(
            title: topic.title, context: topic.context, type: topic.type, initiativeID: initiativeID,
            decisionMakerID: decisionMakerID, options: topic.options, requestedOn: requestedOn,
            neededBy: requestedOn.adding(days: random.int(in: 7...30)))
        let latency = Int(clamp(random.logNormal(median: 9, sigma: 0.8), 2...120).rounded())
        let decidedOn = requestedOn.adding(days: latency)
        guard decidedOn < today else { return decision }
        switch random.weightedIndex([0.93, 0.04, 0.03]) {
            case 0:
                decision.status = .decided
                decision.decidedOn = decidedOn
                decision.outcome = "\(random.pick(topic.options))."
                decision.rationale = random.pick(decisionRationales)
            case 1:
                decision.status = .withdrawn
            default:
                break  // forgotten: still pending long after it was needed
        }
        return decision
    }

    private static func initiativeTopic(
        _ type: DecisionType, draft: InitiativeDraft, random: inout SeededRandom
    ) -> DecisionTopic {
        let reference = "\(draft.fields.code) \(draft.fields.name)"
        switch type {
            case .gate:
                return DecisionTopic(
                    type: type, title: "\(draft.fields.currentGate.label) gate review for \(reference)",
                    context: "The gate evidence pack is complete and reviewed by the PMO.",
                    options: ["Approve", "Approve with conditions", "Send back for rework"])
            case .tradeOff:
                return DecisionTopic(
                    type: type, title: "Date or scope for \(reference)",
                    context: "The current plan cannot deliver the full scope by the committed date.",
                    options: [
                        "Protect the date and reduce scope", "Protect the scope and move the date",
                        "Add budget to keep both",
                    ])
            case .scopeChange:
                return DecisionTopic(
                    type: type, title: "Change request: \(random.pick(scopeChanges)) for \(reference)",
                    context: "Raised by the business after design sign-off.",
                    options: ["Accept the change", "Defer to the next release", "Reject the change"])
            case .escalation:
                let category = random.pick(["vendor", "resourcing", "technical", "regulatory"])
                return DecisionTopic(
                    type: type, title: "Escalated \(category) risk on \(reference)",
                    context: "The risk exceeds the initiative's tolerance and needs an executive response.",
                    options: ["Accept the risk", "Fund the mitigation", "Re-plan around it"])
            case .funding:
                let contingency = euros(draft.fields.totalBudget * random.double(in: 0.05...0.15))
                return DecisionTopic(
                    type: type, title: "Release \(contingency) contingency for \(reference)",
                    context: "The forecast at completion exceeds the approved budget.",
                    options: ["Release in full", "Release half now and half at the next gate", "Decline and re-plan"])
            case .other:
                return DecisionTopic(
                    type: type, title: "Delivery partner for \(reference)",
                    context: "The statement of work for the next phase needs a delivery partner.",
                    options: [
                        "Keep the incumbent partner", "Choose a new partner from the framework",
                        "Build an in-house team",
                    ])
        }
    }

    private static func portfolioTopic(poolNames: [String], today: Day, random: inout SeededRandom) -> DecisionTopic {
        switch random.int(in: 0..<4) {
            case 0:
                let pools = random.distinctIndices(2, below: poolNames.count).map { poolNames[$0] }
                let quarter = Quarter(containing: today).adding(random.int(in: 0...2))
                return DecisionTopic(
                    type: .tradeOff, title: "Rebalance \(quarter) capacity between \(pools[0]) and \(pools[1])",
                    context: "Demand on \(pools[0]) exceeds its capacity while \(pools[1]) has slack.",
                    options: [
                        "Move people between the pools", "Defer the lowest-scored work",
                        "Hire contractors for the quarter",
                    ])
            case 1:
                return DecisionTopic(
                    type: .funding, title: "Portfolio budget envelope for \(today.year + 1)",
                    context: "Finance needs the investment envelope for the annual plan.",
                    options: [
                        "Hold the budget flat", "Increase by 10% for strategic work",
                        "Reduce by 5% and stop low-value work",
                    ])
            case 2:
                return DecisionTopic(
                    type: .tradeOff, title: "Pause discretionary work to protect regulatory deadlines",
                    context: "Regulatory initiatives are short of scarce specialists.",
                    options: ["Pause all discretionary work", "Pause only light-tier work", "Keep everything running"])
            default:
                return DecisionTopic(
                    type: .other, title: "Re-score the pipeline against the refreshed strategy",
                    context: "Two strategic objectives changed at the last leadership off-site.",
                    options: ["Re-score everything this cycle", "Re-score only the proposals"])
        }
    }

    /// "€85k", "€1.2m": how amounts appear in a decision title.
    static func euros(_ amount: Double) -> String {
        if amount >= 1_000_000 {
            let tenths = Int((amount / 100_000).rounded())
            return "€\(tenths / 10).\(tenths % 10)m"
        }
        return "€\(Int((amount / 1_000).rounded()))k"
    }

    private static let scopeChanges = [
        "add a second language", "support the new product range", "integrate the partner portal",
        "add real-time reporting", "include the Nordic entities", "extend to mobile",
    ]

    private static let decisionRationales = [
        "Best balance of value and risk.", "Protects the regulatory deadline.",
        "Keeps the portfolio within the budget envelope.", "Recommended by the design authority.",
        "The sponsor accepts the residual risk.", "Frees scarce specialist capacity for higher-value work.",
        "Supported by the latest benefits forecast.",
    ]
}
