import Foundation
@testable import LodestarCore
import Testing

@Suite("Strategy alignment")
struct StrategyAlignmentTests {
    // Two themes weighted 3:1; the first has two objectives weighted 1:1.
    let growth = Record(id: UUID(), fields: Objective(level: .theme, name: "Growth", weight: 3))
    let resilience = Record(id: UUID(), fields: Objective(level: .theme, name: "Resilience", weight: 1))
    lazy var markets = Record(id: UUID(), fields: Objective(parentID: growth.id, level: .objective, name: "New markets", weight: 1))
    lazy var retention = Record(id: UUID(), fields: Objective(parentID: growth.id, level: .objective, name: "Retention", weight: 1))

    func initiative(_ status: InitiativeStatus, budget: Double) -> Record<Initiative> {
        Record(id: UUID(), fields: Initiative(code: UUID().uuidString, name: "I", status: status, capexBudget: budget))
    }

    @Test mutating func weightsFlowDownTheHierarchy() {
        let result = StrategyAlignment.analyse(objectives: [growth, resilience, markets, retention], initiatives: [], alignments: [])
        #expect(result.effectiveWeights[growth.id] == 0.75)
        #expect(result.effectiveWeights[resilience.id] == 0.25)
        #expect(result.effectiveWeights[markets.id] == 0.375)
        #expect(result.effectiveWeights[retention.id] == 0.375)
    }

    @Test mutating func scoresExplainThemselvesAndOrphansAreFound() {
        let aligned = initiative(.active, budget: 100)
        let orphan = initiative(.active, budget: 100)
        let done = initiative(.completed, budget: 100)
        let links = [
            Alignment(initiativeID: aligned.id, objectiveID: markets.id, contribution: 1),
            Alignment(initiativeID: aligned.id, objectiveID: resilience.id, contribution: 0.5),
        ]
        let result = StrategyAlignment.analyse(
            objectives: [growth, resilience, markets, retention], initiatives: [aligned, orphan, done], alignments: links)
        let score = result.scores.first { $0.initiativeID == aligned.id }!
        #expect(abs(score.score - 0.5) < 1e-12)                       // 1 × 0.375 + 0.5 × 0.25
        #expect(score.contributions.map(\.objectiveID) == [markets.id, resilience.id])
        #expect(abs(score.contributions[0].share - 0.75) < 1e-12)
        #expect(result.orphans == [orphan.id])                         // completed work is not an orphan
        #expect(result.scores.first?.initiativeID == aligned.id)
    }

    @Test mutating func uncoveredObjectivesAndInvestmentBalance() {
        let big = initiative(.active, budget: 900)
        let small = initiative(.approved, budget: 100)
        let proposed = initiative(.proposed, budget: 1_000)
        let links = [
            Alignment(initiativeID: big.id, objectiveID: resilience.id, contribution: 1),
            Alignment(initiativeID: small.id, objectiveID: markets.id, contribution: 1),
            Alignment(initiativeID: proposed.id, objectiveID: retention.id, contribution: 1),
        ]
        let result = StrategyAlignment.analyse(
            objectives: [growth, resilience, markets, retention], initiatives: [big, small, proposed], alignments: links)
        // Retention has only proposed work; Growth is covered through New markets.
        #expect(result.uncovered == [retention.id])
        let growthInvestment = result.investment.first { $0.objectiveID == growth.id }!
        #expect(abs(growthInvestment.investmentShare - 0.1) < 1e-12)
        #expect(growthInvestment.verdict == .underInvested)
        #expect(result.investment.first { $0.objectiveID == resilience.id }!.verdict == .overInvested)
    }
}
