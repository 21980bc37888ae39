import Foundation

extension DemoGenerator {
    /// 1–5 risks, assumptions, issues and dependencies per initiative past the proposal stage, more
    /// and worse for hazardous and large work. Severe open items are sometimes escalated to the
    /// portfolio or executive level; closed work has closed its log.
    static func makeRAIDItems(
        for drafts: [InitiativeDraft], people: DemoPeople, today: Day, random: inout SeededRandom
    ) -> [Record<RAIDItem>] {
        var items: [Record<RAIDItem>] = []
        items.reserveCapacity(drafts.count * 3)
        let kindWeights = [0.45, 0.15, 0.25, 0.15]  // RAIDKind.allCases order: risk, assumption, issue, dependency
        let categoryWeights = raidCategories.map(\.weight)

        for draft in drafts where draft.status != .proposed {
            let extra = (draft.riskiness > 0.6 ? 1 : 0) + (draft.fields.tier == .full ? 1 : 0)
            let isClosedWork = draft.status == .completed || draft.status == .cancelled
            for _ in 0..<clamp(1 + random.int(in: 0...2) + extra, 1...5) {
                let kind = RAIDKind.allCases[random.weightedIndex(kindWeights)]
                let category = raidCategories[random.weightedIndex(categoryWeights)]
                let severity = 1 + Int(draft.riskiness * 3)
                let probability = switch kind {
                    case .issue: 5  // an issue has already happened
                    case .assumption: random.int(in: 2...3)
                    case .risk, .dependency: clamp(severity + random.int(in: -1...1), 1...5)
                }
                let impact = clamp(severity + random.int(in: -1...1) + (draft.fields.tier == .full ? 1 : 0), 1...5)
                let status: RAIDStatus = isClosedWork
                    ? (random.chance(0.9) ? .closed : .open)
                    : RAIDStatus.allCases[random.weightedIndex([0.5, 0.3, 0.2])]

                var escalation = EscalationLevel.initiative
                if status != .closed, probability * impact >= 15 {
                    escalation = EscalationLevel.allCases[random.weightedIndex([0.53, 0.35, 0.12])]
                } else if status != .closed, random.chance(0.02) {
                    escalation = .portfolio
                }
                let dueDate = status == .closed
                    ? today.adding(days: -random.int(in: 1...400))
                    : today.adding(days: random.int(in: -45...120))
                let owner: UUID? = switch random.weightedIndex([0.7, 0.25, 0.05]) {
                    case 0: draft.fields.ownerID
                    case 1: random.pick(people.ownerIDs)
                    default: random.pick(people.pmoIDs)
                }

                let hasMitigation = random.chance(kind == .risk || kind == .issue ? 0.75 : 0.4)

                items.append(Record(id: random.uuid(), fields: RAIDItem(
                    initiativeID: draft.id, kind: kind, title: random.pick(category.titles(for: kind)),
                    description: "Identified during \(random.pick(raidOccasions)).",
                    probability: probability, impact: impact, ownerID: owner,
                    mitigation: hasMitigation ? random.pick(category.mitigations) : "",
                    dueDate: dueDate, status: status, escalationLevel: escalation, category: category.name)))
            }
        }
        return items
    }

    private static let raidOccasions = [
        "planning", "the design review", "vendor selection", "a sprint review", "the gate review", "testing",
        "the quarterly risk workshop", "the steering committee",
    ]
}

/// One delay-cause category with the log entries typical of it.
private struct RAIDCategory {
    var name: String
    var weight: Double
    var risks: [String]
    var assumptions: [String]
    var issues: [String]
    var dependencies: [String]
    var mitigations: [String]

    func titles(for kind: RAIDKind) -> [String] {
        switch kind {
            case .risk: risks
            case .assumption: assumptions
            case .issue: issues
            case .dependency: dependencies
        }
    }
}

private let raidCategories: [RAIDCategory] = [
    RAIDCategory(
        name: "vendor", weight: 0.2,
        risks: ["Vendor may miss the contracted delivery date", "Supplier financial distress could halt delivery",
                "Vendor key staff may be reassigned"],
        assumptions: ["Vendor will provide a sandbox environment", "Licence pricing holds for three years"],
        issues: ["Vendor release failed acceptance testing", "Supplier invoices exceed the agreed rate card"],
        dependencies: ["Vendor API upgrade needed before integration", "Contract renewal with the incumbent supplier"],
        mitigations: ["Weekly delivery review with the vendor account lead", "Apply contractual service credits",
                      "Qualify a second supplier"]),
    RAIDCategory(
        name: "requirements", weight: 0.2,
        risks: ["Requirements may change after design sign-off", "Business rules are undocumented"],
        assumptions: ["Current process maps are accurate", "Business owners will sign off within two weeks"],
        issues: ["Scope creep from late change requests", "Conflicting requirements between regions"],
        dependencies: ["Process redesign must finish before build", "Product owner decision on the MVP scope"],
        mitigations: ["Freeze scope per release with change control", "Fortnightly backlog review with the business",
                      "Prototype the riskiest journeys first"]),
    RAIDCategory(
        name: "resourcing", weight: 0.2,
        risks: ["Key specialists may be pulled onto other priorities", "Contractor availability is limited",
                "Business users may not be released for testing"],
        assumptions: ["Data engineers are available from next quarter", "Shared testers are allocated as planned"],
        issues: ["Lead architect resigned", "Team is 30% below planned capacity"],
        dependencies: ["Security team capacity for the penetration test", "Change team availability for rollout"],
        mitigations: ["Agree named resources with the pool manager", "Backfill with the framework supplier",
                      "Re-sequence work to the available skills"]),
    RAIDCategory(
        name: "technical", weight: 0.2,
        risks: ["Legacy data quality may delay migration", "Performance may not meet peak volumes",
                "Integration with the core platform is more complex than estimated"],
        assumptions: ["The new platform supports single sign-on", "Existing interfaces can be reused"],
        issues: ["Test environment unstable", "Critical defect found in integration testing"],
        dependencies: ["Cloud landing zone must be ready", "Upgrade of the core platform to the supported version"],
        mitigations: ["Run data profiling early and cleanse at source", "Add a performance test sprint",
                      "Engage the platform team for a technical spike"]),
    RAIDCategory(
        name: "regulatory", weight: 0.1,
        risks: ["New regulation may change the requirements", "Data residency rules may block the cloud option"],
        assumptions: ["The regulator accepts the proposed approach", "Existing consent covers the new use of data"],
        issues: ["Privacy impact assessment not approved", "Audit finding raised on access controls"],
        dependencies: ["Legal opinion on data sharing", "Regulator's response to the consultation"],
        mitigations: ["Early engagement with compliance and legal", "Design for data residency from the start"]),
    RAIDCategory(
        name: "funding", weight: 0.1,
        risks: ["Next year's funding may not be approved", "Exchange rate moves may raise costs"],
        assumptions: ["Capitalisation of build costs is approved", "Contingency stays at 10%"],
        issues: ["Budget cut mid-year", "Forecast overspend beyond tolerance"],
        dependencies: ["Funding release at the next gate", "Business case refresh for the investment committee"],
        mitigations: ["Phase delivery to release value early", "Agree a funding envelope with finance"]),
]
