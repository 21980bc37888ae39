import Foundation

/// The generated strategy: themes, objectives and key results, and what initiatives can align to.
struct DemoStrategy {
    var objectives: [Record<Objective>] = []
    /// Per theme, the objectives and key results beneath it: initiatives align mostly within one theme.
    var alignableIDsByTheme: [[UUID]] = []
    /// The middle level, which also carries outcome KPIs of its own.
    var objectiveLevel: [Record<Objective>] = []
}

extension DemoGenerator {
    /// 3–5 themes, each with 2–4 objectives, each with 1–3 key results, taken from a catalogue of
    /// plausible corporate goals so the strategy map reads like a real one.
    static func makeStrategy(people: DemoPeople, today: Day, random: inout SeededRandom) -> DemoStrategy {
        var strategy = DemoStrategy()
        let leaders = people.leaderIDs
        let yearEnd = Day(year: today.year, month: 12, day: 31)!

        for themeIndex in random.distinctIndices(random.int(in: 3...5), below: themeCatalogue.count) {
            let theme = themeCatalogue[themeIndex]
            let themeID = random.uuid()
            strategy.objectives.append(Record(id: themeID, fields: Objective(
                level: .theme, name: theme.name, description: theme.description,
                ownerID: random.pick(people.executiveIDs), weight: Double(5 * random.int(in: 2...8)),
                horizon: yearEnd.adding(months: 12 * random.int(in: 1...3)), stage: .execution)))
            var alignable: [UUID] = []

            for objectiveIndex in random.distinctIndices(random.int(in: 2...4), below: theme.objectives.count) {
                let template = theme.objectives[objectiveIndex]
                let objective = Record(id: random.uuid(), fields: Objective(
                    parentID: themeID, level: .objective, name: template.name,
                    ownerID: random.pick(leaders), weight: Double(random.int(in: 1...5)),
                    horizon: yearEnd.adding(months: 12 * random.int(in: 0...2)),
                    stage: random.weightedPick([(.definition, 0.2), (.execution, 0.65), (.realisation, 0.15)])))
                strategy.objectives.append(objective)
                strategy.objectiveLevel.append(objective)
                alignable.append(objective.id)

                for keyResultIndex in random.distinctIndices(random.int(in: 1...3), below: template.keyResults.count) {
                    let keyResultID = random.uuid()
                    let horizonQuarter = Quarter(containing: today).adding(random.int(in: 2...8))
                    strategy.objectives.append(Record(id: keyResultID, fields: Objective(
                        parentID: objective.id, level: .keyResult, name: template.keyResults[keyResultIndex],
                        ownerID: random.pick(leaders), weight: Double(random.int(in: 1...3)),
                        horizon: horizonQuarter.lastDay,
                        stage: random.weightedPick([(.definition, 0.15), (.execution, 0.7), (.realisation, 0.15)]))))
                    alignable.append(keyResultID)
                }
            }
            strategy.alignableIDsByTheme.append(alignable)
        }
        return strategy
    }

    /// Most initiatives serve 1–3 objectives or key results, usually within one theme; about one in
    /// twenty serves none, the kind of work the alignment view exists to question.
    static func makeAlignments(
        for drafts: [InitiativeDraft], strategy: DemoStrategy, random: inout SeededRandom
    ) -> [Record<Alignment>] {
        var alignments: [Record<Alignment>] = []
        alignments.reserveCapacity(drafts.count * 2)
        let themes = strategy.alignableIDsByTheme
        for draft in drafts where !random.chance(0.05) {
            let homeTheme = themes[random.int(in: 0..<themes.count)]
            var targets: [UUID] = []
            for _ in 0...random.weightedIndex([0.45, 0.35, 0.2]) {  // 1–3 links
                // A fifth of the links cross into another theme, as shared platforms do.
                let theme = random.chance(0.2) ? random.pick(themes) : homeTheme
                let target = random.pick(theme)
                if !targets.contains(target) { targets.append(target) }
            }
            for target in targets {
                let contribution = Double(random.int(in: 2...20)) / 20
                alignments.append(Record(id: random.uuid(), fields: Alignment(
                    initiativeID: draft.id, objectiveID: target, contribution: contribution)))
            }
        }
        return alignments
    }
}

private struct ThemeTemplate: Sendable {
    var name: String
    var description: String
    var objectives: [(name: String, keyResults: [String])]
}

private let themeCatalogue: [ThemeTemplate] = [
    ThemeTemplate(
        name: "Customer experience",
        description: "Be the easiest company in our market to do business with.",
        objectives: [
            ("Make every customer journey effortless", [
                "Raise Net Promoter Score from 28 to 45", "Cut average onboarding time to under 2 days",
                "Resolve 80% of contacts at first contact",
            ]),
            ("Grow digital self-service", [
                "Move 60% of transactions to digital channels", "Reach a 4.5-star rating for the mobile app",
                "Halve call volumes for simple requests",
            ]),
            ("Know our customers", [
                "Build a single customer view for 95% of customers", "Personalise half of all outbound contact",
                "Capture consent for 90% of active customers",
            ]),
            ("Keep the customers we win", [
                "Reduce annual churn from 14% to 9%", "Increase products per customer to 2.4",
                "Lift the renewal rate to 92%",
            ]),
        ]),
    ThemeTemplate(
        name: "Operational excellence",
        description: "Run a simpler, cheaper and more resilient operation.",
        objectives: [
            ("Automate routine processing", [
                "Reach 70% straight-through processing", "Remove 250,000 manual hours a year",
                "Close the books in 3 working days",
            ]),
            ("Reduce cost to serve", [
                "Cut cost to serve by 15%", "Consolidate 40 legacy applications", "Reduce third-party spend by 10%",
            ]),
            ("Run a resilient operation", [
                "Achieve 99.95% availability for critical services", "Halve major incidents",
                "Recover critical systems within 4 hours",
            ]),
            ("Simplify our supply chain", [
                "Deliver orders within 3 days", "Cut inventory write-offs by 30%", "Onboard suppliers in under 10 days",
            ]),
        ]),
    ThemeTemplate(
        name: "Data and technology",
        description: "Modern platforms and trusted data that let every team move faster.",
        objectives: [
            ("Move to the cloud", [
                "Migrate 80% of workloads to the cloud", "Exit the primary data centre",
                "Reduce infrastructure cost per transaction by 25%",
            ]),
            ("Make data a shared asset", [
                "Publish 50 certified data products", "Raise the data quality score to 95%",
                "Give 2,000 staff self-service analytics",
            ]),
            ("Retire technical debt", [
                "Replace every end-of-life platform", "Bring critical vulnerabilities to zero",
                "Cut release lead time to one week",
            ]),
            ("Adopt AI responsibly", [
                "Put 10 AI use cases into production", "Govern every AI model under model-risk policy",
                "Save 100,000 hours through assisted work",
            ]),
        ]),
    ThemeTemplate(
        name: "Growth and new markets",
        description: "Grow revenue through new propositions, partners and regions.",
        objectives: [
            ("Launch new products faster", [
                "Cut time to market to 90 days", "Launch 6 new propositions",
                "Earn 15% of revenue from products under 3 years old",
            ]),
            ("Expand into new regions", [
                "Open 2 new markets", "Break even in new markets within 18 months",
                "Sign 3 regional distribution partners",
            ]),
            ("Grow partner revenue", [
                "Grow partner revenue by 25%", "Onboard 40 partners on the new platform", "Expose 20 partner APIs",
            ]),
        ]),
    ThemeTemplate(
        name: "People and culture",
        description: "Skilled, engaged people working in empowered teams.",
        objectives: [
            ("Build digital skills", [
                "Train 3,000 staff in digital skills", "Fill 80% of key roles internally",
                "Reduce reliance on contractors by 30%",
            ]),
            ("Be a great place to work", [
                "Raise employee engagement to 75%", "Cut regretted attrition to 8%",
                "Reach gender balance in leadership",
            ]),
            ("Work in empowered product teams", [
                "Move 60% of delivery to product teams", "Halve decision latency",
                "Run quarterly planning in every business unit",
            ]),
        ]),
    ThemeTemplate(
        name: "Sustainability and trust",
        description: "Earn the trust of customers, regulators and society.",
        objectives: [
            ("Reach net zero", [
                "Cut scope 1 and 2 emissions by 40%", "Source 90% of electricity from renewables",
                "Electrify 60% of the fleet",
            ]),
            ("Stay compliant by design", [
                "Close every high-rated audit finding", "Meet every regulatory deadline",
                "Automate 70% of regulatory reporting",
            ]),
            ("Protect customer data", [
                "Achieve ISO 27001 certification", "Cut the phishing click rate below 3%",
                "Enforce multi-factor authentication for all staff",
            ]),
        ]),
]
