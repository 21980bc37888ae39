import Foundation
import LodestarCore
import Testing

@Suite("PMO impact report")
struct ImpactReportTests {
    static func day(_ text: String) -> Day { Day(text)! }

    static func inputs() -> ImpactReport.Inputs {
        let delivered = Record(id: UUID(), fields: Initiative(code: "FIN-1", name: "Billing", status: .completed,
                                                              plannedFinish: day("2027-05-30"), capexBudget: 1_000_000, opexBudget: 500_000))
        let late = Record(id: UUID(), fields: Initiative(code: "OLD-1", name: "Old", status: .completed, plannedFinish: day("2026-05-30"), capexBudget: 9))
        let active = Record(id: UUID(), fields: Initiative(code: "NEW-1", name: "New", status: .active, plannedFinish: day("2027-06-30"), capexBudget: 9))
        let milestone = Record(id: UUID(), fields: Milestone(initiativeID: delivered.id, name: "Live", forecastDate: day("2027-06-15"), actualDate: day("2027-06-15")))
        let benefit = Record(id: UUID(), fields: Benefit(initiativeID: delivered.id, name: "Cost per invoice", unit: "EUR", baseline: 4, target: 2, direction: .decrease))
        let portfolio = KPIPortfolio(
            initiatives: [delivered, late, active], milestones: [milestone],
            raidItems: [
                RAIDItem(initiativeID: delivered.id, kind: .risk, title: "r1", dueDate: day("2027-03-01"), status: .closed, escalationLevel: .executive),
                RAIDItem(initiativeID: delivered.id, kind: .issue, title: "i1", dueDate: day("2027-04-01"), status: .open, escalationLevel: .portfolio),
                RAIDItem(initiativeID: delivered.id, kind: .risk, title: "r2", dueDate: day("2027-04-01"), status: .closed),
            ],
            decisions: [
                Decision(title: "d1", requestedOn: day("2027-02-01"), neededBy: day("2027-02-20"), decidedOn: day("2027-02-11"), status: .decided, outcome: "a"),
                Decision(title: "d2", requestedOn: day("2027-03-01"), neededBy: day("2027-03-05"), decidedOn: day("2027-03-21"), status: .decided, outcome: "b"),
                Decision(title: "before", requestedOn: day("2026-03-01"), decidedOn: day("2026-03-31"), status: .decided, outcome: "c"),
            ],
            benefits: [benefit],
            measurements: [BenefitMeasurement(benefitID: benefit.id, measuredOn: day("2027-09-30"), value: 2.5)])
        let kpi = Record(id: UUID(), fields: PMOKPI(name: "Decision latency", unit: "days", direction: .lowerIsBetter, target: 14))
        let survey = UUID()
        return ImpactReport.Inputs(
            portfolio: portfolio,
            improvements: [Record(id: UUID(), fields: ImprovementItem(
                title: "Generated report", painPoint: "slow", metric: "hours", before: 40, after: 8, direction: .lowerIsBetter, status: .done,
                completedOn: day("2027-04-01"), evidence: "time sheets"))],
            kpis: [kpi],
            kpiMeasurements: [KPIMeasurement(kpiID: kpi.id, measuredOn: day("2027-01-31"), value: 30),
                              KPIMeasurement(kpiID: kpi.id, measuredOn: day("2027-11-30"), value: 12)],
            waves: [
                (Record(id: UUID(), fields: SurveyWave(surveyID: survey, name: "Wave 1", opensOn: day("2027-01-01"), closesOn: day("2027-01-21"))),
                 PerceptionScores(npsScores: [10, 3, 5, 9], likertScores: [3, 3], responses: 4)),
                (Record(id: UUID(), fields: SurveyWave(surveyID: survey, name: "Wave 2", opensOn: day("2027-10-01"), closesOn: day("2027-10-21"))),
                 PerceptionScores(npsScores: [10, 10, 9, 3], likertScores: [4, 5], responses: 4)),
            ],
            assessments: [
                Record(id: UUID(), fields: MaturityAssessment(assessedOn: day("2026-12-15"), ratings: [
                    MaturityRating(dimension: .governance, level: 2), MaturityRating(dimension: .reportingAndInsight, level: 2)])),
                Record(id: UUID(), fields: MaturityAssessment(assessedOn: day("2027-11-15"), ratings: [
                    MaturityRating(dimension: .governance, level: 3), MaturityRating(dimension: .reportingAndInsight, level: 4)],
                    benchmarkSource: "Peers", benchmark: [MaturityBenchmark(dimension: .governance, level: 3.5)])),
            ])
    }

    @Test("the report's figures match the data: delivered work, benefits, challenges, improvements, KPIs, perception, maturity")
    func figures() {
        let report = ImpactReport.build(Self.inputs(), from: Self.day("2027-01-01"), to: Self.day("2027-12-31"))
        #expect(report.delivered.map(\.code) == ["FIN-1"])
        #expect(report.delivered.first?.finishedOn == Self.day("2027-06-15"), "finished on its last milestone, not its plan")
        #expect(report.investmentDelivered == 1_500_000)
        #expect(report.benefits.count == 1)
        #expect(report.benefits.first?.realisation == 0.75)
        #expect(report.benefitsAtTarget == 0)
        #expect((report.escalationsResolved, report.escalationsDue) == (1, 2))
        #expect(report.risksRetired == 2)
        #expect((report.decisionsMade, report.decisionsOnTime) == (2, 1))
        #expect(report.decisionLatency == 15)
        #expect(report.previousDecisionLatency == 30)
        #expect(report.improvements.map(\.title) == ["Generated report"])
        #expect(report.kpis.first?.first == 30)
        #expect(report.kpis.first?.latest == 12)
        #expect(report.kpis.first?.meetsTarget == true)
        #expect(report.perception.map(\.nps) == [0, 50])
        #expect(report.maturityFrom == Self.day("2026-12-15"))
        #expect(report.maturityTo == Self.day("2027-11-15"))
        #expect(report.maturityAverages.map { [$0.from, $0.to] } == [2, 3.5])
    }

    @Test("the narrative is written from the figures and is the same every time")
    func narrative() {
        let report = ImpactReport.build(Self.inputs(), from: Self.day("2027-01-01"), to: Self.day("2027-12-31"))
        #expect(report == ImpactReport.build(Self.inputs(), from: Self.day("2027-01-01"), to: Self.day("2027-12-31")))
        let text = report.narrative.joined(separator: "\n")
        #expect(text.contains("delivered 1 initiative, representing 1.5 M of investment"))
        #expect(text.contains("1 of 2 escalations due in the period were resolved, and 2 risks retired"))
        #expect(text.contains("taking 15 days on average from request to decision — 50 % faster than the 30 days of the period before"))
        #expect(text.contains("\"Generated report\" (hours: 40 → 8)"))
        #expect(text.contains("1 of the PMO's 1 measured KPI meet their target"))
        #expect(text.contains("Net Promoter Score of +50"))
        #expect(text.contains("up 50 points since Wave 1"))
        #expect(text.contains("from an average of 2 (2026-12-15) to 3.5 (2027-11-15), with gains in governance, reporting and insight"))
        #expect(text.contains("still trails in governance"))
    }

    @Test("the Markdown holds every section and the figures")
    func markdown() {
        let markdown = ImpactReport.build(Self.inputs(), from: Self.day("2027-01-01"), to: Self.day("2027-12-31")).markdown
        for heading in ["# PMO impact report, 2027-01-01 to 2027-12-31", "## Achievements", "## Challenges overcome", "## Improvements made",
                        "## KPI trends against targets", "## Perception", "## Maturity"] {
            #expect(markdown.contains(heading + "\n"), "missing \(heading)")
        }
        #expect(markdown.contains("| FIN-1 Billing | 2027-06-15 | 1.5 M |"))
        #expect(markdown.contains("| Generated report | hours | 40 | 8 | 2027-04-01 |"))
        #expect(markdown.contains("| Decision latency (days) | 30 | 12 | 14 | yes |"))
        #expect(markdown.contains("| Wave 2 | 2027-10-21 | 4 | +50 | 4.5 |"))
    }
}
