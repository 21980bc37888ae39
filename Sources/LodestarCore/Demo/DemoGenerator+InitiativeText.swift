import Foundation

/// Names, descriptions and override reasons that read like a real portfolio's.
extension DemoGenerator {
    /// "Modernise billing platform", "Customer data hub", "Supplier portal (APAC)",
    /// "Finance transformation programme": a few patterns over business vocabulary, with a region or
    /// phase now and then, as large portfolios tell similar work apart.
    static func initiativeName(kind: InitiativeKind, random: inout SeededRandom) -> String {
        var name: String
        if kind == .programme {
            name = "\(random.pick(InitiativeWords.qualifiers)) \(random.pick(InitiativeWords.programmeNouns))"
        } else {
            switch random.int(in: 0..<10) {
                case 0..<3:
                    name = "\(random.pick(InitiativeWords.systemVerbs)) \(random.pick(InitiativeWords.systems))"
                case 3..<5:
                    name = "\(random.pick(InitiativeWords.processVerbs)) \(random.pick(InitiativeWords.processes))"
                case 5..<7:
                    name = "Migrate \(random.pick(InitiativeWords.systems)) to the cloud"
                default:
                    name = "\(random.pick(InitiativeWords.qualifiers)) \(random.pick(InitiativeWords.products))"
            }
        }
        switch random.int(in: 0..<10) {
            case 0..<2: name += " (\(random.pick(InitiativeWords.regions)))"
            case 2..<4: name += " – \(random.pick(InitiativeWords.phases))"
            default: break
        }
        return name
    }

    static func initiativeDescription(random: inout SeededRandom) -> String {
        let outcomes = InitiativeWords.outcomes
        let chosen = random.distinctIndices(2, below: outcomes.count)
        return "Aims to \(outcomes[chosen[0]]) and \(outcomes[chosen[1]]). \(random.pick(InitiativeWords.backgrounds))"
    }

    /// Why an owner overrides the computed health: always a reason a sponsor could act on.
    static let healthOverrides: [(health: Health, reason: String)] = [
        (.amber, "Vendor contract renewal still unsigned; milestones look fine but the critical path depends on it."),
        (.amber, "Key architect leaves at month end and no replacement is confirmed."),
        (.green, "Recovery plan agreed with the sponsor; the slipped milestone is recovered in the next release."),
        (.green, "Overspend is pre-approved contingency for the accelerated rollout."),
        (.red, "Regulator has questioned the design; go-live cannot be committed until they respond."),
        (.red, "Budget for next year not yet confirmed; the team will be released if it is not."),
        (.amber, "Business readiness is behind: training has not started in two of five regions."),
    ]
}

private enum InitiativeWords {
    static let systemVerbs = [
        "Modernise", "Replace", "Upgrade", "Consolidate", "Re-platform", "Rebuild", "Harden", "Renew",
    ]

    static let systems = [
        "billing platform", "payroll system", "data warehouse", "CRM", "supplier portal", "mobile app",
        "identity management", "network infrastructure", "HR information system", "document management",
        "order management", "pricing engine", "customer portal", "warehouse management", "fleet telematics",
        "e-commerce checkout", "service desk", "analytics platform", "API gateway", "treasury system",
        "general ledger", "case management", "contact centre telephony", "core banking platform", "ERP",
    ]

    static let processVerbs = ["Automate", "Digitise", "Streamline", "Redesign", "Simplify", "Standardise"]

    static let processes = [
        "customer onboarding", "claims processing", "procurement", "the finance close", "field service scheduling",
        "risk reporting", "regulatory reporting", "contract management", "expense management", "invoice processing",
        "supplier onboarding", "complaints handling", "credit decisioning", "order fulfilment", "employee onboarding",
    ]

    static let qualifiers = [
        "Customer", "Enterprise", "Supplier", "Employee", "Finance", "Partner", "Field", "Group", "Retail", "Digital",
        "Operations", "Risk", "Commercial", "Marketing",
    ]

    static let products = [
        "data hub", "self-service portal", "insights platform", "experience redesign", "operating model",
        "analytics", "integration layer", "mobile app", "knowledge base", "workflow automation", "360 view",
        "communications platform", "reporting suite",
    ]

    static let programmeNouns = [
        "transformation programme", "modernisation programme", "cloud migration programme",
        "operating model programme", "simplification programme",
    ]

    static let regions = ["EMEA", "North America", "APAC", "UK", "Nordics", "DACH", "LATAM", "Iberia"]

    static let phases = ["phase 2", "phase 3", "wave 1", "wave 2", "pilot", "rollout"]

    static let outcomes = [
        "reduce the cost to serve", "improve customer satisfaction", "meet new regulatory requirements",
        "retire end-of-life technology", "free capacity for growth", "cut manual effort",
        "reduce operational risk", "shorten time to market", "improve data quality", "lower carbon emissions",
        "raise employee productivity", "strengthen cyber resilience",
    ]

    static let backgrounds = [
        "Sponsored by the executive committee.", "Builds on last year's pilot.",
        "Funded from the transformation budget.", "Requested by the regional operations teams.",
        "Part of the cloud-first roadmap.", "Follows an internal audit recommendation.",
        "Vendor support for the current solution ends within two years.",
        "Prioritised in the last planning cycle.",
    ]
}
