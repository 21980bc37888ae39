import Foundation
import LodestarCore
import Testing

@Suite("Governance: gate evidence and decision routing")
struct GateAndRoutingTests {
    static let kpi = Benefit(name: "Cost to serve", unit: "EUR", baseline: 12, target: 9, targetDate: Day("2028-01-01"), direction: .decrease)
    static let vagueKPI = Benefit(name: "Happier customers", unit: "NPS", baseline: 30, target: 30)

    static func facts(sponsor: Bool = true, benefits: [Benefit] = [kpi], measured: Int = 1, milestones: Int = 2, demand: Int = 4) -> EvidenceFacts {
        EvidenceFacts(hasSponsor: sponsor, benefits: benefits, measuredBenefitCount: measured, milestonesWithBaseline: milestones, demandRows: demand)
    }

    @Test("every kind of evidence checked from data is satisfied by its data and missing without it")
    func checkedFromData() {
        let empty = Self.facts(sponsor: false, benefits: [], measured: 0, milestones: 0, demand: 0)
        for kind in EvidenceKind.allCases where kind.isCheckedFromData {
            #expect(GateEvidence.check([kind], facts: Self.facts(), attested: []).isComplete, "\(kind)")
            let report = GateEvidence.check([kind], facts: empty, attested: Set(EvidenceKind.allCases))
            #expect(report.missing.map(\.kind) == [kind], "attesting cannot replace data for \(kind)")
            #expect(!report.missing[0].detail.isEmpty)
        }
    }

    @Test("documents are attested: missing until the requester attests them")
    func attested() {
        for kind in EvidenceKind.allCases where !kind.isCheckedFromData {
            #expect(!GateEvidence.check([kind], facts: Self.facts(), attested: []).isComplete, "\(kind)")
            #expect(GateEvidence.check([kind], facts: Self.facts(), attested: [kind]).isComplete, "\(kind)")
        }
    }

    @Test("benefit KPIs need a target distinct from the baseline and a target date; the gap names the benefit")
    func benefitKPIs() {
        let report = GateEvidence.check([.benefitKPIs], facts: Self.facts(benefits: [Self.kpi, Self.vagueKPI]), attested: [])
        #expect(!report.isComplete)
        #expect(report.missing[0].detail.contains("Happier customers"))
        #expect(!report.missing[0].detail.contains("Cost to serve"))
    }

    @Test("the full tier's deliver gate lists precisely what is missing, in the template's order")
    func fullDeliverGate() {
        let template = GateTemplate.defaults.first { $0.tier == .full && $0.gate == .deliver }!
        let report = GateEvidence.check(template.evidence, facts: Self.facts(benefits: [], demand: 0), attested: [.businessCase])
        #expect(report.missing.map(\.kind) == [.benefitKPIs, .riskRegisterReviewed, .resourceDemand])
        let light = GateTemplate.defaults.first { $0.tier == .light && $0.gate == .deliver }!
        #expect(light.fastTrackAllowed)
        #expect(GateEvidence.check(light.evidence, facts: Self.facts(), attested: [.onePageBrief]).isComplete)
    }

    @Test("templates: no gate for the idea stage, no duplicate evidence, fast track only for light tier")
    func templateValidation() {
        #expect(GateTemplate(tier: .full, gate: .idea, evidence: [.businessCase, .businessCase], fastTrackAllowed: true).validate().map(\.field)
            == ["gate", "evidence", "fastTrackAllowed"])
        #expect(GateTemplate.defaults.allSatisfy { $0.validate().isEmpty })
        #expect(Set(GateTemplate.defaults.map { "\($0.tier)-\($0.gate)" }).count == 15)
    }

    // MARK: - routing

    static let pmo = UUID(), board = UUID(), chief = UUID()
    static let rights: [Record<DecisionRight>] = [
        Record(id: UUID(), fields: DecisionRight(decisionType: .gate, tier: .light, deciderID: pmo)),
        Record(id: UUID(), fields: DecisionRight(decisionType: .gate, deciderID: board, body: "Portfolio board")),
        Record(id: UUID(), fields: DecisionRight(decisionType: .gate, tier: .full, deciderID: chief, body: "Investment committee")),
        Record(id: UUID(), fields: DecisionRight(decisionType: .funding, maxAmount: 100_000, deciderID: pmo)),
        Record(id: UUID(), fields: DecisionRight(decisionType: .funding, maxAmount: 1_000_000, deciderID: board)),
        Record(id: UUID(), fields: DecisionRight(decisionType: .funding, deciderID: chief)),
    ]

    @Test("gates route by tier: one approver for light, the board otherwise, the committee for full")
    func routesByTier() {
        #expect(DecisionRouting.route(type: .gate, tier: .light, amount: nil, rights: Self.rights)?.deciderID == Self.pmo)
        #expect(DecisionRouting.route(type: .gate, tier: .standard, amount: nil, rights: Self.rights)?.deciderID == Self.board)
        let full = DecisionRouting.route(type: .gate, tier: .full, amount: nil, rights: Self.rights)
        #expect(full?.deciderID == Self.chief)
        #expect(full?.explanation.contains("Investment committee") == true)
    }

    @Test("money routes to the lowest limit that covers the amount; limits are inclusive")
    func routesByAmount() {
        let cases: [(Double?, UUID)] = [(nil, Self.pmo), (100_000, Self.pmo), (100_001, Self.board), (1_000_000, Self.board), (5_000_000, Self.chief)]
        for (amount, decider) in cases {
            #expect(DecisionRouting.route(type: .funding, tier: .standard, amount: amount, rights: Self.rights)?.deciderID == decider, "\(String(describing: amount))")
        }
    }

    @Test("a decision no right covers is not routed")
    func unrouted() {
        #expect(DecisionRouting.route(type: .scopeChange, tier: .full, amount: nil, rights: Self.rights) == nil)
        let capped = [Record(id: UUID(), fields: DecisionRight(decisionType: .funding, maxAmount: 10, deciderID: Self.pmo))]
        #expect(DecisionRouting.route(type: .funding, tier: nil, amount: 11, rights: capped) == nil)
    }

    @Test("property: the route always covers the decision, and no covering right is more specific", arguments: 0..<3)
    func routeIsMostSpecific(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed), stream: 7)
        for _ in 0..<300 {
            let rights = (0..<random.int(in: 1...8)).map { _ in
                Record(id: random.uuid(), fields: DecisionRight(
                    decisionType: random.pick([.gate, .funding]), tier: random.chance(0.5) ? random.pick(GovernanceTier.allCases) : nil,
                    maxAmount: random.chance(0.5) ? Double(random.int(in: 0...10) * 100) : nil, deciderID: random.uuid()))
            }
            let type: DecisionType = random.pick([.gate, .funding]), tier = random.pick(GovernanceTier.allCases)
            let amount = Double(random.int(in: 0...1_000))
            let covers = { (r: Record<DecisionRight>) in
                r.decisionType == type && (r.tier == nil || r.tier == tier) && (r.maxAmount ?? .infinity) >= amount
            }
            guard let route = DecisionRouting.route(type: type, tier: tier, amount: amount, rights: rights) else {
                #expect(!rights.contains(where: covers))
                continue
            }
            let chosen = rights.first { $0.id == route.rightID }!
            #expect(covers(chosen))
            for other in rights where covers(other) && other.id != chosen.id {
                let better = (other.tier != nil && chosen.tier == nil)
                    || ((other.tier != nil) == (chosen.tier != nil) && (other.maxAmount ?? .infinity) < (chosen.maxAmount ?? .infinity))
                #expect(!better)
            }
        }
    }
}
