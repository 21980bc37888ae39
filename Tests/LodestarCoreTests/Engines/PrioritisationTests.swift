import Foundation
@testable import LodestarCore
import Testing

@Suite("Prioritisation")
struct PrioritisationTests {
    static let model = UUID()
    let model = PrioritisationTests.model
    let fit = Record(id: UUID(), fields: ScoringCriterion(modelID: model, name: "Strategic fit", weight: 3, scaleMin: 0, scaleMax: 10))
    let urgency = Record(id: UUID(), fields: ScoringCriterion(modelID: model, name: "Urgency", weight: 1, scaleMin: 1, scaleMax: 5))

    @Test func totalsAreWeightedAndExplained() {
        let (x, y) = (UUID(), UUID())
        let scores = [
            Score(initiativeID: x, criterionID: fit.id, value: 10), Score(initiativeID: x, criterionID: urgency.id, value: 1),
            Score(initiativeID: y, criterionID: fit.id, value: 5), Score(initiativeID: y, criterionID: urgency.id, value: 5),
        ]
        let ranking = Prioritisation.rank(initiatives: [y, x], criteria: [fit, urgency], scores: scores)
        #expect(ranking.map(\.initiativeID) == [x, y])
        #expect(ranking[0].total == 75)                     // fit: 0.75 × 1 × 100; urgency at the bottom of its scale
        #expect(ranking[1].total == 62.5)                   // 0.75 × 0.5 × 100 + 0.25 × 1 × 100
        #expect(ranking[1].parts.map(\.points) == [37.5, 25])
        #expect(ranking.map(\.rank) == [1, 2])
    }

    @Test func missingScoresCountAsTheBottomAndTiesFollowTheTieBreaker() {
        let (a, b) = (UUID(), UUID())
        let ranking = Prioritisation.rank(initiatives: [a, b], criteria: [fit, urgency], scores: [], tieBreaker: [a: "INI-2", b: "INI-1"])
        #expect(ranking.map(\.initiativeID) == [b, a])
        #expect(ranking[0].total == 0)
        #expect(Set(ranking[0].missing) == [fit.id, urgency.id])
    }

    @Test func wsjfIsCostOfDelayOverJobSize() {
        #expect(Prioritisation.wsjf(businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 4) == 4)
        #expect(Prioritisation.wsjf(businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 0) == nil)
    }
}
