import Foundation
@testable import LodestarCore
import Testing

@Suite("Health assessment")
struct HealthAssessmentTests {
    let today = Day("2027-03-15")!
    let initiative = Initiative(code: "I", name: "I", status: .active, capexBudget: 100)

    func status(_ start: String, _ overall: Health) -> StatusUpdate {
        StatusUpdate(initiativeID: UUID(), periodStart: Day(start)!, overall: overall, summary: "s")
    }

    @Test func greenWhenNothingIsWrong() {
        let milestone = Milestone(initiativeID: UUID(), name: "M", baselineDate: Day("2027-06-01"), forecastDate: Day("2027-06-05")!)
        let result = HealthAssessment.assess(initiative, milestones: [milestone], latestStatus: status("2027-03-08", .green), today: today)
        #expect(result.overall == .green)
        #expect(result.findings.isEmpty)
    }

    @Test func slippageThresholdsNameTheirRule() {
        func slip(_ days: Int) -> HealthAssessment {
            let baseline = Day("2027-06-01")!
            let milestone = Milestone(initiativeID: UUID(), name: "M", baselineDate: baseline, forecastDate: baseline.adding(days: days))
            return HealthAssessment.assess(initiative, milestones: [milestone], latestStatus: status("2027-03-08", .green), today: today)
        }
        #expect(slip(10).overall == .green)
        #expect(slip(11).overall == .amber)
        #expect(slip(31).overall == .red)
        #expect(slip(31).findings.map(\.rule) == ["schedule.slippage"])
    }

    @Test func costOverrunAndStaleStatus() {
        var over = initiative
        over.actualCost = 105
        let result = HealthAssessment.assess(over, milestones: [], latestStatus: status("2027-01-25", .green), today: today)
        #expect(Set(result.findings.map(\.rule)) == ["cost.overrun", "status.stale"])
        #expect(result.overall == .amber)
    }

    @Test func overrideWinsButTheComputedColourIsKept() {
        var overridden = initiative
        overridden.healthOverride = .green
        overridden.healthOverrideReason = "Vendor confirmed recovery plan"
        let result = HealthAssessment.assess(overridden, milestones: [], latestStatus: status("2027-03-08", .red), today: today)
        #expect(result.overall == .green)
        #expect(result.computed == .red)
        #expect(result.overrideReason == "Vendor confirmed recovery plan")
    }
}
