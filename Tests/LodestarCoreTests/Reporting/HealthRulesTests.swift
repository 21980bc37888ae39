import Foundation
@testable import LodestarCore
import Testing

@Suite("Health per dimension, with PMO thresholds")
struct HealthRulesTests {
    let today = Day("2027-03-15")!
    let initiative = Initiative(code: "I", name: "I", status: .active, capexBudget: 100)
    var fresh: StatusUpdate { StatusUpdate(initiativeID: UUID(), periodStart: Day("2027-03-08")!, overall: .green, summary: "s") }

    @Test func eachRuleColoursItsDimensionAndStatesItsThreshold() {
        let id = UUID()
        let risks = [RAIDItem(initiativeID: id, kind: .risk, title: "Vendor", probability: 5, impact: 4, escalationLevel: .executive)]
        let decisions = [Decision(title: "Scope", type: .scopeChange, requestedOn: Day("2027-01-01")!, neededBy: Day("2027-02-13")!)]
        let result = HealthAssessment.assess(
            initiative, milestones: [], latestStatus: fresh, today: today, raid: risks, decisions: decisions)
        #expect(result.dimensions.risk == .red)          // score 20 > 19
        #expect(result.dimensions.schedule == .red)      // decision 30 days overdue > 14
        #expect(result.dimensions.scope == .amber)       // one scope change waiting
        #expect(result.dimensions.cost == .green)
        #expect(result.dimensions.benefits == .green)
        #expect(result.overall == .red)
        let exposure = try! #require(result.findings.first { $0.rule == "risk.exposure" })
        #expect(exposure.explanation.contains("amber above 12, red above 19 points"))
    }

    @Test func thePMOsThresholdsChangeTheColour() {
        let baseline = Day("2027-06-01")!
        let milestone = Milestone(initiativeID: UUID(), name: "M", baselineDate: baseline, forecastDate: baseline.adding(days: 20))
        let standard = HealthAssessment.assess(initiative, milestones: [milestone], latestStatus: fresh, today: today)
        #expect(standard.dimensions.schedule == .amber)
        let strict = HealthThresholds(["schedule.slippage": .init(amber: 5, red: 15)])
        let tightened = HealthAssessment.assess(initiative, milestones: [milestone], latestStatus: fresh, today: today, thresholds: strict)
        #expect(tightened.dimensions.schedule == .red)
        #expect(tightened.findings.first?.explanation.contains("red above 15 days") == true)
    }

    @Test func benefitsBehindPlanTurnTheBenefitsDimension() {
        let benefit = Record(id: UUID(), fields: Benefit(initiativeID: UUID(), name: "Cost per invoice", unit: "EUR", baseline: 10, target: 0,
                                                          targetDate: Day("2027-12-31")!, direction: .decrease))
        let readings = [BenefitMeasurement(benefitID: benefit.id, measuredOn: Day("2026-12-31")!, value: 10),
                        BenefitMeasurement(benefitID: benefit.id, measuredOn: Day("2027-03-01")!, value: 10)]
        let progress = BenefitTracking.progress(benefit, measurements: readings, today: Day("2027-09-01")!)
        let result = HealthAssessment.assess(initiative, milestones: [], latestStatus: fresh, today: today, benefits: [progress])
        #expect(result.dimensions.benefits == .red)  // 67 points behind a straight line
        #expect(result.findings.contains { $0.rule == "benefits.behind" })
    }

    @Test func aThresholdIsValidatedBeforeItIsKept() {
        #expect(HealthThresholds.Threshold(amber: 10, red: 5).validate().map(\.field) == ["red"])
        #expect(HealthThresholds.Threshold(amber: -1, red: 5).validate().map(\.field) == ["amber"])
        #expect(HealthThresholds.Threshold(amber: .nan, red: 5).validate().map(\.field).contains("amber"))
        #expect(HealthThresholds.Threshold(amber: 10, red: 10).validate().isEmpty)
    }
}
