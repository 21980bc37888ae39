import Foundation

/// The governance layer of a demo portfolio: rules, templates and decision rights as a PMO would
/// set them up, gate reviews behind the gate decisions, amounts on money decisions, links from
/// issues to the milestones they block, and the escalations the rules produce.
public struct GovernanceDemo: Sendable, Equatable {
    public var tierRules: [Record<TierRule>] = []
    public var gateTemplates: [Record<GateTemplate>] = []
    public var decisionRights: [Record<DecisionRight>] = []
    public var escalationRules: [Record<EscalationRule>] = []
    public var gateReviews: [(id: UUID, review: GateReview)] = []
    /// The portfolio's decisions and RAID items with their governance fields filled in.
    public var decisions: [Record<Decision>] = []
    public var raidItems: [Record<RAIDItem>] = []
    /// Escalation history: earlier escalations of items already above initiative level, then what the
    /// rules escalate today.
    public var escalations: [EscalationRecord] = []

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.tierRules == rhs.tierRules && lhs.gateTemplates == rhs.gateTemplates && lhs.decisionRights == rhs.decisionRights
            && lhs.escalationRules == rhs.escalationRules && lhs.gateReviews.map(\.id) == rhs.gateReviews.map(\.id)
            && lhs.gateReviews.map(\.review) == rhs.gateReviews.map(\.review) && lhs.decisions == rhs.decisions
            && lhs.raidItems == rhs.raidItems && lhs.escalations == rhs.escalations
    }

    /// Stream 13 of the demo seed, beside the generator's own streams 1–12.
    static let stream: UInt64 = 13

    public static func make(for portfolio: DemoPortfolio, seed: UInt64, today: Day) -> GovernanceDemo {
        var random = SeededRandom(seed: seed, stream: stream)
        var demo = GovernanceDemo()
        demo.tierRules = TierRule.defaults.map { Record(id: random.uuid(), fields: $0) }
        demo.gateTemplates = GateTemplate.defaults.map { Record(id: random.uuid(), fields: $0) }
        demo.escalationRules = EscalationRule.defaults.map { Record(id: random.uuid(), fields: $0) }

        let executives = portfolio.users.filter { $0.role == .executive }.map(\.id)
        let pmo = portfolio.users.filter { $0.role == .pmo }.map(\.id)
        guard let chief = executives.first, let pmoLead = pmo.first else {
            demo.decisions = portfolio.decisions
            demo.raidItems = portfolio.raidItems
            return demo
        }
        let board = executives.count > 1 ? executives[1] : chief
        let rights: [DecisionRight] = [
            DecisionRight(decisionType: .gate, tier: .light, deciderID: pmoLead, body: ""),
            DecisionRight(decisionType: .gate, tier: .standard, deciderID: board, body: "Portfolio board"),
            DecisionRight(decisionType: .gate, tier: .full, deciderID: chief, body: "Investment committee"),
            DecisionRight(decisionType: .funding, maxAmount: 100_000, deciderID: pmoLead, body: ""),
            DecisionRight(decisionType: .funding, deciderID: chief, body: "Investment committee"),
            DecisionRight(decisionType: .tradeOff, deciderID: board, body: "Portfolio board"),
            DecisionRight(decisionType: .scopeChange, tier: .light, deciderID: pmoLead, body: ""),
            DecisionRight(decisionType: .scopeChange, deciderID: board, body: "Portfolio board"),
            DecisionRight(decisionType: .escalation, deciderID: chief, body: "Executive committee"),
            DecisionRight(decisionType: .other, deciderID: board, body: "Portfolio board"),
        ]
        demo.decisionRights = rights.map { Record(id: random.uuid(), fields: $0) }

        let initiatives = Dictionary(uniqueKeysWithValues: portfolio.initiatives.map { ($0.id, $0.fields) })
        let successors = Dictionary(grouping: portfolio.dependencies.map(\.fields), by: \.predecessorID)

        // Money decisions carry their amount; decisions are routed by the rights; some link the
        // initiatives that wait on theirs.
        demo.decisions = portfolio.decisions.map { record in
            var decision = record.fields
            let initiative = decision.initiativeID.flatMap { initiatives[$0] }
            if decision.type == .funding {
                decision.amount = DemoGenerator.rounded(
                    (initiative?.totalBudget ?? 2_000_000) * random.double(in: 0.04...0.15), toDecimals: -3)
            }
            if let id = decision.initiativeID, let waiting = successors[id], random.chance(0.5) {
                decision.linkedInitiativeIDs = Array(waiting.map(\.successorID).uniquedIDs().prefix(3))
            }
            if let route = DecisionRouting.route(type: decision.type, tier: initiative?.tier, amount: decision.amount, rights: demo.decisionRights) {
                decision.decisionMakerID = route.deciderID
            }
            return Record(id: record.id, version: record.version, fields: decision)
        }

        // Live work waiting at its next gate: requested in the last few weeks, some already past the
        // date the decision was needed by — what "waiting on me" and the overdue flags show.
        let gated = Set(demo.decisions.filter { $0.type == .gate }.compactMap(\.initiativeID))
        let waiting = portfolio.initiatives.filter {
            ($0.status == .proposed || $0.status == .active) && $0.currentGate.next != nil && !gated.contains($0.id)
        }
        for initiative in waiting.prefix(max(3, portfolio.initiatives.count / 10)) {
            let gate = initiative.currentGate.next!
            let requestedOn = today.adding(days: -random.int(in: 1...30))
            let route = DecisionRouting.route(type: .gate, tier: initiative.tier, amount: nil, rights: demo.decisionRights)
            demo.decisions.append(Record(id: random.uuid(), fields: Decision(
                title: "\(gate.label) gate review for \(initiative.code) \(initiative.name)",
                context: "Evidence complete. " + (route.map { $0.explanation } ?? ""), type: .gate, initiativeID: initiative.id,
                decisionMakerID: route?.deciderID, options: GateOutcome.allCases.map(\.label), requestedOn: requestedOn,
                neededBy: requestedOn.adding(days: 14))))
        }

        // Every gate decision about an initiative came from a gate review.
        for decision in demo.decisions where decision.type == .gate {
            guard let initiativeID = decision.initiativeID, let initiative = initiatives[initiativeID] else { continue }
            let gate = initiative.currentGate.next ?? .realise
            let template = GateTemplate.defaults.first { $0.tier == initiative.tier && $0.gate == gate }
            let status: GateReviewStatus = switch decision.status {
                case .pending: .pending
                case .withdrawn: .returned
                case .decided: decision.outcome.hasPrefix("Approve with") ? .passedWithConditions
                    : decision.outcome.hasPrefix("Approve") ? .passed : .returned
            }
            demo.gateReviews.append((random.uuid(), GateReview(
                initiativeID: initiativeID, gate: gate, tier: initiative.tier, requestedBy: initiative.ownerID ?? pmoLead,
                requestedOn: decision.requestedOn, attested: (template?.evidence ?? []).filter { !$0.isCheckedFromData },
                decisionID: decision.id, status: status,
                conditions: status == .passedWithConditions ? "Re-baseline the benefits before the next gate." : "",
                decidedOn: decision.decidedOn)))
        }

        let identified = Dictionary(uniqueKeysWithValues: portfolio.raidItems.map {
            ($0.id, today.adding(days: -random.int(in: 10...200)))
        })
        // Issues block the next open milestone of their initiative.
        let openMilestones = Dictionary(grouping: portfolio.milestones.filter { !$0.isReached }, by: \.initiativeID)
            .mapValues { $0.sorted { $0.forecastDate < $1.forecastDate } }
        var blocked: [UUID: Milestone] = [:]
        demo.raidItems = portfolio.raidItems.map { record in
            var item = record.fields
            item.identifiedOn = identified[record.id]
            if item.kind == .issue, item.status != .closed, let next = openMilestones[item.initiativeID]?.first, random.chance(0.6) {
                item.milestoneID = next.id
                blocked[record.id] = next.fields
            }
            return Record(id: record.id, version: record.version, fields: item)
        }

        // Items already above initiative level were escalated by a person some weeks ago.
        for item in demo.raidItems where item.escalationLevel != .initiative {
            let escalatedOn = min(today, identified[item.id]!.adding(days: random.int(in: 3...40)))
            demo.escalations.append(EscalationRecord(
                itemID: item.id, from: .initiative, to: item.escalationLevel, ruleID: nil,
                reason: "Raised at the \(random.pick(["steering committee", "portfolio review", "risk workshop"])).",
                actorID: random.pick(pmo), occurredOn: escalatedOn))
        }

        // Then the rules run today.
        let subjects = demo.raidItems.map {
            EscalationEvaluation.Subject(item: $0, identifiedOn: identified[$0.id]!, blockedMilestone: blocked[$0.id])
        }
        let due = EscalationEvaluation.evaluate(subjects, rules: demo.escalationRules, today: today)
        let index = Dictionary(uniqueKeysWithValues: demo.raidItems.enumerated().map { ($1.id, $0) })
        for escalation in due {
            demo.raidItems[index[escalation.itemID]!].fields.escalationLevel = escalation.to
            demo.escalations.append(EscalationRecord(
                itemID: escalation.itemID, from: escalation.from, to: escalation.to, ruleID: escalation.ruleID,
                reason: "\(escalation.ruleName): \(escalation.reason)", actorID: nil, occurredOn: today))
        }
        return demo
    }
}
