import Foundation
import LodestarCore
import Testing

/// The computed PMO KPIs against values worked out by hand from small portfolios.
@Suite("PMO KPIs computed from the portfolio")
struct PortfolioKPIsTests {
    static func day(_ text: String) -> Day { Day(text)! }
    static let asOf = day("2027-03-01") // window 2026-12-02 … 2027-03-01

    @Test("decision latency is the mean days from request to decision of decisions made in the 90-day window")
    func decisionLatency() throws {
        let portfolio = KPIPortfolio(decisions: [
            Decision(title: "A", requestedOn: Self.day("2027-01-01"), decidedOn: Self.day("2027-01-11"), status: .decided, outcome: "yes"),
            Decision(title: "B", requestedOn: Self.day("2027-02-01"), decidedOn: Self.day("2027-02-21"), status: .decided, outcome: "no"),
            Decision(title: "Too early", requestedOn: Self.day("2026-05-01"), decidedOn: Self.day("2026-06-01"), status: .decided, outcome: "x"),
            Decision(title: "Pending", requestedOn: Self.day("2027-01-01")),
        ])
        let reading = try #require(PortfolioKPIs.compute(.decisionLatency, from: portfolio, asOf: Self.asOf))
        #expect(reading.value == 15)
        #expect(reading.basis == 2)
        #expect(PortfolioKPIs.compute(.decisionLatency, from: KPIPortfolio(), asOf: Self.asOf) == nil)
    }

    @Test("aligned investment share is the aligned budget over the budget in flight that day")
    func alignedInvestment() throws {
        func initiative(_ budget: Double, _ status: InitiativeStatus) -> Record<Initiative> {
            Record(id: UUID(), fields: Initiative(code: "I", name: "I", status: status, plannedStart: Self.day("2026-01-01"),
                                                  plannedFinish: Self.day("2027-12-31"), capexBudget: budget))
        }
        let a = initiative(100, .active), b = initiative(300, .active), c = initiative(600, .approved)
        let proposed = initiative(5_000, .proposed), cancelled = initiative(5_000, .cancelled)
        let objective = UUID()
        let portfolio = KPIPortfolio(
            initiatives: [a, b, c, proposed, cancelled],
            alignments: [
                Alignment(initiativeID: a.id, objectiveID: objective, contribution: 0.5),
                Alignment(initiativeID: b.id, objectiveID: objective, contribution: 0),
                Alignment(initiativeID: c.id, objectiveID: objective, contribution: 1),
                Alignment(initiativeID: proposed.id, objectiveID: objective, contribution: 1),
            ])
        let reading = try #require(PortfolioKPIs.compute(.alignedInvestmentShare, from: portfolio, asOf: Self.asOf))
        #expect(reading.value == 70)
        #expect(reading.basis == 3)
    }

    @Test("milestone on-time rate counts milestones reached in the window by their baseline date")
    func milestonesOnTime() throws {
        let initiative = UUID()
        func milestone(_ baseline: String?, _ actual: String) -> Record<Milestone> {
            Record(id: UUID(), fields: Milestone(initiativeID: initiative, name: "M", baselineDate: baseline.map(Self.day),
                                                 forecastDate: Self.day(actual), actualDate: Self.day(actual)))
        }
        let portfolio = KPIPortfolio(milestones: [
            milestone("2027-01-10", "2027-01-10"), milestone("2027-02-01", "2027-01-20"), milestone("2027-01-10", "2027-02-10"),
            milestone(nil, "2027-01-15"), milestone("2026-06-01", "2026-06-01"),
        ])
        let reading = try #require(PortfolioKPIs.compute(.milestoneOnTimeRate, from: portfolio, asOf: Self.asOf))
        #expect(abs(reading.value - 200.0 / 3) < 1e-9)
        #expect(reading.basis == 3)
    }

    @Test("forecast accuracy judges the forecast standing 30 days before the actual date, within 7 days")
    func forecastAccuracy() throws {
        let initiative = UUID()
        let a = Record(id: UUID(), fields: Milestone(initiativeID: initiative, name: "A", baselineDate: Self.day("2027-01-31"),
                                                     forecastDate: Self.day("2027-02-20"), actualDate: Self.day("2027-02-20")))
        let b = Record(id: UUID(), fields: Milestone(initiativeID: initiative, name: "B", baselineDate: Self.day("2027-01-31"),
                                                     forecastDate: Self.day("2027-02-25"), actualDate: Self.day("2027-02-25")))
        let portfolio = KPIPortfolio(milestones: [a, b], forecastChanges: [
            // Standing on 2027-01-21 (30 days before the actual 2027-02-20): 5 days off, accurate.
            ForecastChange(milestoneID: a.id, changedOn: Self.day("2026-12-01"), previousDate: Self.day("2027-01-31"), newDate: Self.day("2027-02-15")),
            // Made after the judging day: ignored.
            ForecastChange(milestoneID: a.id, changedOn: Self.day("2027-02-10"), previousDate: Self.day("2027-02-15"), newDate: Self.day("2027-02-20")),
        ])
        // B never moved: its baseline stood, 25 days off.
        let reading = try #require(PortfolioKPIs.compute(.forecastAccuracy, from: portfolio, asOf: Self.asOf))
        #expect(reading.value == 50)
        #expect(reading.basis == 2)
    }

    @Test("benefits realised compares progress to target with the straight-line plan from the first reading")
    func benefitsRealised() throws {
        let benefit = Record(id: UUID(), fields: Benefit(
            initiativeID: UUID(), name: "Adoption", unit: "%", baseline: 0, target: 100, targetDate: Self.day("2027-12-31")))
        let portfolio = KPIPortfolio(benefits: [benefit], measurements: [
            BenefitMeasurement(benefitID: benefit.id, measuredOn: Self.day("2027-01-01"), value: 0),
            BenefitMeasurement(benefitID: benefit.id, measuredOn: Self.day("2027-07-02"), value: 40),
            BenefitMeasurement(benefitID: benefit.id, measuredOn: Self.day("2027-09-30"), value: 90),
        ])
        // On 2027-07-02, 182 of 364 days have passed: half the benefit was planned, 40 % is realised.
        let reading = try #require(PortfolioKPIs.compute(.benefitsRealised, from: portfolio, asOf: Self.day("2027-07-02")))
        #expect(abs(reading.value - 80) < 1e-9)
        #expect(reading.basis == 1)
    }

    @Test("status on time counts submitted updates for the periods that ended in the window, per initiative in flight")
    func statusOnTime() throws {
        let old = Record(id: UUID(), fields: Initiative(code: "OLD", name: "Old", status: .active,
                                                        plannedStart: Self.day("2023-01-01"), plannedFinish: Self.day("2025-12-31")))
        let new = Record(id: UUID(), fields: Initiative(code: "NEW", name: "New", status: .active,
                                                        plannedStart: Self.day("2024-02-01"), plannedFinish: Self.day("2025-12-31")))
        // As of 2024-03-24 the window starts 2023-12-26: 7 bi-weekly periods end in it (from 2023-12-18 to 2024-03-11).
        // OLD reports 5 of its 7; NEW is in flight for the 3 periods from 2024-02-12 and reports none.
        // OLD's first report (2023-12-04) ended before the window: reporting had begun, so every period counts.
        let updates = ["2023-12-04", "2024-01-01", "2024-01-15", "2024-01-29", "2024-02-12", "2024-02-26"].map {
            StatusUpdate(initiativeID: old.id, periodStart: Self.day($0), overall: .green, summary: "ok")
        }
        let portfolio = KPIPortfolio(initiatives: [old, new], statusUpdates: updates)
        let reading = try #require(PortfolioKPIs.compute(.statusOnTime, from: portfolio, asOf: Self.day("2024-03-24")))
        #expect(reading.basis == 10)
        #expect(reading.value == 50)
        // Before anybody reports status in Lodestar there is nothing to measure.
        #expect(PortfolioKPIs.compute(.statusOnTime, from: KPIPortfolio(initiatives: [old, new]), asOf: Self.day("2024-03-24")) == nil)
    }

    @Test("escalations resolved in target: escalated RAID items closed, escalation decisions decided by their needed-by date")
    func escalations() throws {
        let initiative = UUID()
        let portfolio = KPIPortfolio(
            raidItems: [
                RAIDItem(initiativeID: initiative, kind: .issue, title: "Closed", dueDate: Self.day("2027-01-15"), status: .closed, escalationLevel: .portfolio),
                RAIDItem(initiativeID: initiative, kind: .risk, title: "Open", dueDate: Self.day("2027-02-15"), status: .open, escalationLevel: .executive),
                RAIDItem(initiativeID: initiative, kind: .risk, title: "Not escalated", dueDate: Self.day("2027-02-15"), escalationLevel: .initiative),
                RAIDItem(initiativeID: initiative, kind: .risk, title: "Due later", dueDate: Self.day("2027-06-15"), escalationLevel: .executive),
            ],
            decisions: [
                Decision(title: "In time", type: .escalation, requestedOn: Self.day("2027-01-01"), neededBy: Self.day("2027-01-20"),
                         decidedOn: Self.day("2027-01-18"), status: .decided, outcome: "go"),
                Decision(title: "Late", type: .escalation, requestedOn: Self.day("2027-01-01"), neededBy: Self.day("2027-01-20"),
                         decidedOn: Self.day("2027-02-18"), status: .decided, outcome: "go"),
                Decision(title: "Not an escalation", type: .funding, requestedOn: Self.day("2027-01-01"), neededBy: Self.day("2027-01-20")),
            ])
        let reading = try #require(PortfolioKPIs.compute(.escalationsResolvedInTarget, from: portfolio, asOf: Self.asOf))
        #expect(reading.basis == 4)
        #expect(reading.value == 50)
    }

    @Test("a manual KPI is never computed")
    func manual() {
        #expect(PortfolioKPIs.compute(.manual, from: KPIPortfolio(), asOf: Self.asOf) == nil)
    }
}
