import Foundation
import LodestarCore
import Testing

@Suite("Governance: decision latency, blocked value, escalation, heat map")
struct LatencyAndEscalationTests {
    static func sample(_ type: DecisionType, _ tier: GovernanceTier?, _ requested: String, _ days: Int) -> DecisionLatency.Sample {
        let start = Day(requested)!
        return DecisionLatency.Sample(type: type, tier: tier, requestedOn: start, decidedOn: start.adding(days: days))
    }

    @Test("percentiles interpolate between ranks: [2, 4, 10, 20] has median 7 and p90 17")
    func percentiles() {
        #expect(DecisionLatency.percentile([2, 4, 10, 20], 0.5) == 7)
        #expect(abs(DecisionLatency.percentile([2, 4, 10, 20], 0.9) - 17) < 1e-9)
        #expect(DecisionLatency.percentile([5], 0.9) == 5)
        #expect(DecisionLatency.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9.1)
    }

    @Test("latency by type, tier and month against hand-computed figures")
    func groups() {
        let samples = [
            Self.sample(.gate, .light, "2027-01-02", 2),      // decided 2027-01-04
            Self.sample(.gate, .full, "2027-01-05", 20),      // decided 2027-01-25
            Self.sample(.funding, .full, "2027-01-20", 10),   // decided 2027-01-30
            Self.sample(.funding, nil, "2027-02-01", 4),      // decided 2027-02-05
            Self.sample(.tradeOff, .standard, "2027-02-10", 30), // decided 2027-03-12
        ]
        let latency = DecisionLatency.analyse(samples)
        #expect(latency.overall == DecisionLatency.Figures(count: 5, medianDays: 10, p90Days: 26))
        #expect(latency.byType.map(\.key) == ["gate", "trade_off", "funding"])
        #expect(latency.byType[0].figures == DecisionLatency.Figures(count: 2, medianDays: 11, p90Days: 18.2))
        #expect(latency.byType[2].figures == DecisionLatency.Figures(count: 2, medianDays: 7, p90Days: 9.4))
        #expect(latency.byTier.map(\.key) == ["light", "standard", "full", "portfolio"])
        #expect(latency.byTier[2].figures.medianDays == 15)
        #expect(latency.byMonth.map(\.key) == ["2027-01", "2027-02", "2027-03"])
        #expect(latency.byMonth.map(\.figures.count) == [3, 1, 1])
        #expect(latency.byMonth.map(\.figures.medianDays) == [10, 4, 30])
        // Monthly medians 10, 4, 30 over months 0, 1, 2: slope (−1·10 + 0·4 + 1·30) / 2 = 10 days a month.
        #expect(latency.trend.slopeDaysPerMonth == 10)
        #expect(latency.trend.direction == .unknown, "three months are not enough to compare with the three before")
    }

    @Test("trend: the last three months against the three before; within 10 % is steady")
    func trend() {
        func months(_ medians: [Int]) -> [DecisionLatency.Sample] {
            medians.enumerated().map { Self.sample(.gate, .standard, Day("2027-01-01")!.adding(months: $0.offset).description, $0.element) }
        }
        #expect(DecisionLatency.analyse(months([20, 20, 20, 10, 10, 10])).trend.direction == .faster)
        #expect(DecisionLatency.analyse(months([10, 10, 10, 20, 20, 20])).trend.direction == .slower)
        #expect(DecisionLatency.analyse(months([20, 20, 20, 19, 21, 20])).trend.direction == .steady)
        #expect(DecisionLatency.analyse([]).overall == nil)
    }

    @Test("a pending decision blocks its initiatives and everything waiting on them, counted once")
    func blockedValue() {
        let a = UUID(), b = UUID(), c = UUID(), d = UUID()
        let ranking = CriticalWork.rank(
            values: [a: 0.3, b: 0.2, c: 0.1, d: 0.4],
            dependencies: [Dependency(predecessorID: a, successorID: b), Dependency(predecessorID: b, successorID: c)])
        let blocked = BlockedValue.of(linked: [a, b], ranking: ranking, budgets: [a: 100, b: 50, c: 25, d: 1_000])
        #expect(Set(blocked.initiativeIDs) == [a, b, c])
        #expect(abs(blocked.strategicValue - 0.6) < 1e-9)
        #expect(blocked.budget == 175)
    }

    // MARK: - escalation

    static let today = Day("2027-06-01")!
    static func rule(_ trigger: EscalationTrigger, _ threshold: Int, to level: EscalationLevel = .portfolio, kinds: [RAIDKind] = []) -> Record<EscalationRule> {
        Record(id: UUID(), fields: EscalationRule(name: "\(trigger) \(threshold)", trigger: trigger, threshold: threshold, targetLevel: level, kinds: kinds))
    }
    static func subject(
        kind: RAIDKind = .risk, p: Int = 2, i: Int = 2, mitigation: String = "Plan B", due: Day? = nil, status: RAIDStatus = .open,
        level: EscalationLevel = .initiative, identified: Int = 5, milestone: Milestone? = nil
    ) -> EscalationEvaluation.Subject {
        EscalationEvaluation.Subject(
            item: Record(id: UUID(), fields: RAIDItem(initiativeID: UUID(), kind: kind, title: "Item", probability: p, impact: i,
                                                      mitigation: mitigation, dueDate: due, status: status, escalationLevel: level)),
            identifiedOn: today.adding(days: -identified), blockedMilestone: milestone)
    }

    @Test("by score: at the threshold escalates, below does not")
    func byScore() {
        let rules = [Self.rule(.score, 15)]
        let hit = EscalationEvaluation.evaluate([Self.subject(p: 5, i: 3)], rules: rules, today: Self.today)
        #expect(hit.map(\.to) == [.portfolio])
        #expect(hit.first?.reason.contains("5 × 3 = 15") == true)
        #expect(EscalationEvaluation.evaluate([Self.subject(p: 4, i: 3)], rules: rules, today: Self.today).isEmpty)
    }

    @Test("by age without mitigation: only items with no mitigation, from the threshold on")
    func byAge() {
        let rules = [Self.rule(.ageWithoutMitigation, 30)]
        #expect(EscalationEvaluation.evaluate([Self.subject(mitigation: " ", identified: 30)], rules: rules, today: Self.today).count == 1)
        #expect(EscalationEvaluation.evaluate([Self.subject(mitigation: "", identified: 29)], rules: rules, today: Self.today).isEmpty)
        #expect(EscalationEvaluation.evaluate([Self.subject(mitigation: "Plan B", identified: 90)], rules: rules, today: Self.today).isEmpty)
    }

    @Test("by overdue mitigation: due date passed by at least the threshold")
    func byOverdueMitigation() {
        let rules = [Self.rule(.overdueMitigation, 14)]
        #expect(EscalationEvaluation.evaluate([Self.subject(due: Self.today.adding(days: -14))], rules: rules, today: Self.today).count == 1)
        #expect(EscalationEvaluation.evaluate([Self.subject(due: Self.today.adding(days: -13))], rules: rules, today: Self.today).isEmpty)
        #expect(EscalationEvaluation.evaluate([Self.subject(mitigation: "", due: Self.today.adding(days: -60))], rules: rules, today: Self.today).isEmpty)
        #expect(EscalationEvaluation.evaluate([Self.subject(due: nil)], rules: rules, today: Self.today).isEmpty)
    }

    @Test("by an issue blocking a milestone: due within the threshold or late, and not yet reached")
    func byBlockedMilestone() {
        let rules = [Self.rule(.blocksMilestone, 30, to: .executive, kinds: [.issue])]
        func milestone(_ days: Int, reached: Bool = false) -> Milestone {
            Milestone(initiativeID: UUID(), name: "Go-live", forecastDate: Self.today.adding(days: days), actualDate: reached ? Self.today : nil)
        }
        let soon = EscalationEvaluation.evaluate([Self.subject(kind: .issue, milestone: milestone(30))], rules: rules, today: Self.today)
        #expect(soon.map(\.to) == [.executive])
        #expect(soon[0].reason.contains("Go-live"))
        #expect(EscalationEvaluation.evaluate([Self.subject(kind: .issue, milestone: milestone(-3))], rules: rules, today: Self.today).count == 1)
        #expect(EscalationEvaluation.evaluate([Self.subject(kind: .issue, milestone: milestone(31))], rules: rules, today: Self.today).isEmpty)
        #expect(EscalationEvaluation.evaluate([Self.subject(kind: .issue, milestone: milestone(5, reached: true))], rules: rules, today: Self.today).isEmpty)
        #expect(EscalationEvaluation.evaluate([Self.subject(kind: .risk, milestone: milestone(5))], rules: rules, today: Self.today).isEmpty,
                "the rule applies to issues only")
        #expect(EscalationEvaluation.evaluate([Self.subject(kind: .issue)], rules: rules, today: Self.today).isEmpty)
    }

    @Test("closed items, inactive rules and items already at or above the level are left alone; the highest level wins")
    func precedence() {
        var inactive = Self.rule(.score, 1)
        inactive.fields.active = false
        #expect(EscalationEvaluation.evaluate([Self.subject(p: 5, i: 5)], rules: [inactive], today: Self.today).isEmpty)
        let rules = [Self.rule(.score, 15), Self.rule(.score, 20, to: .executive)]
        #expect(EscalationEvaluation.evaluate([Self.subject(p: 5, i: 5, status: .closed)], rules: rules, today: Self.today).isEmpty)
        #expect(EscalationEvaluation.evaluate([Self.subject(p: 5, i: 3, level: .portfolio)], rules: rules, today: Self.today).isEmpty)
        #expect(EscalationEvaluation.evaluate([Self.subject(p: 5, i: 5, level: .portfolio)], rules: rules, today: Self.today).map(\.to) == [.executive])
        #expect(EscalationEvaluation.evaluate([Self.subject(p: 5, i: 5)], rules: rules, today: Self.today).map(\.to) == [.executive])
        #expect(EscalationEvaluation.evaluate([Self.subject(p: 5, i: 5, level: .executive)], rules: rules, today: Self.today).isEmpty)
    }

    @Test("heat map: open items in their probability × impact cell; top exposures first")
    func heatMap() {
        let items = [(5, 5, RAIDStatus.open), (5, 5, .mitigating), (1, 2, .open), (4, 4, .closed), (3, 4, .open)].enumerated().map {
            Record(id: UUID(), fields: RAIDItem(initiativeID: UUID(), kind: .risk, title: "R\($0.offset)", probability: $0.element.0,
                                                impact: $0.element.1, status: $0.element.2))
        }
        let map = RiskHeatMap.build(items, topCount: 3)
        #expect(map.counts[4][4] == 2)
        #expect(map.counts[0][1] == 1)
        #expect(map.counts[3][3] == 0, "closed items are not exposure")
        #expect(map.total == 4)
        #expect(map.top.map(\.score) == [25, 25, 12])
        #expect(RiskHeatMap.band(probability: 5, impact: 3) == "severe")
        #expect(RiskHeatMap.band(probability: 2, impact: 2) == "low")
    }
}
