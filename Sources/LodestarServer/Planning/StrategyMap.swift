import Foundation
import LodestarCore

/// The answer to Q4 and the strategy half of Q1: the objective tree with the initiatives serving each
/// (investment, health, alignment), the findings (orphans, uncovered objectives, investment against
/// weight) and the critical work. The page, the API and assistants read this one value.
struct StrategyMap: Codable, Sendable {
    struct InitiativeRef: Codable, Sendable {
        var id: UUID
        var code: String
        var name: String
        var status: InitiativeStatus
        var health: Health?
        var budget: Double
        /// This link's contribution (0…1) when listed under an objective; the alignment score elsewhere.
        var contribution: Double
    }

    struct Node: Codable, Sendable {
        var id: UUID
        var name: String
        var level: ObjectiveLevel
        var weight: Double
        /// Share of the whole strategy (0…1) after the weights above it.
        var effectiveWeight: Double
        /// Budget of in-flight initiatives linked here, each split by its contributions.
        var investment: Double
        var covered: Bool
        /// How many initiatives serve it directly; `initiatives` lists the largest contributions first, up to the limit asked for.
        var initiativeCount: Int
        var initiatives: [InitiativeRef]
        var children: [Node]
    }

    struct ObjectiveRef: Codable, Sendable {
        var id: UUID
        var name: String
        var level: ObjectiveLevel
    }

    struct Investment: Codable, Sendable {
        var objectiveID: UUID
        var name: String
        var weightShare: Double
        var investmentShare: Double
        var verdict: String
    }

    struct Score: Codable, Sendable {
        var initiativeID: UUID
        var code: String
        var name: String
        var score: Double
        var contributions: [Contribution]
    }

    struct Contribution: Codable, Sendable {
        var objectiveID: UUID
        var name: String
        var share: Double
    }

    struct Critical: Codable, Sendable {
        var rank: Int
        var initiativeID: UUID
        var code: String
        var name: String
        /// Its own alignment score.
        var ownValue: Double
        /// The alignment scores of everything that waits on it.
        var waitingValue: Double
        var totalValue: Double
        /// Initiatives that wait on it, directly or further down the chain.
        var blocked: [UUID]
    }

    var themes: [Node]
    var orphans: [InitiativeRef]
    var uncovered: [ObjectiveRef]
    var investment: [Investment]
    var scores: [Score]
    var criticalWork: [Critical]

    struct Limits: Sendable {
        /// Initiatives listed under each objective.
        var perObjective = 50
        /// Alignment scores listed (highest first).
        var scores = 100
        /// Most critical initiatives listed.
        var critical = 100
    }

    static func build(from data: PortfolioData, health: [UUID: Health], limits: Limits = Limits()) -> StrategyMap {
        let analysis = StrategyAlignment.analyse(objectives: data.objectives, initiatives: data.initiatives, alignments: data.alignments)
        let initiatives = Dictionary(uniqueKeysWithValues: data.initiatives.map { ($0.id, $0) })
        let objectives = Dictionary(uniqueKeysWithValues: data.objectives.map { ($0.id, $0) })
        let uncovered = Set(analysis.uncovered)
        let linksByObjective = Dictionary(grouping: data.alignments, by: \.objectiveID)
        let contributionTotals = Dictionary(grouping: data.alignments, by: \.initiativeID).mapValues { $0.reduce(0) { $0 + $1.contribution } }

        func reference(_ initiative: Record<Initiative>, contribution: Double) -> InitiativeRef {
            InitiativeRef(
                id: initiative.id, code: initiative.code, name: initiative.name, status: initiative.status,
                health: initiative.healthOverride ?? health[initiative.id], budget: initiative.totalBudget, contribution: contribution)
        }
        let children = Dictionary(grouping: data.objectives.filter { $0.parentID != nil }, by: { $0.parentID! })
        func node(_ objective: Record<Objective>) -> Node {
            let links = (linksByObjective[objective.id] ?? []).compactMap { link in initiatives[link.initiativeID].map { (link, $0) } }
            let investment = links.filter { $0.1.status.isInFlight }.reduce(0.0) { total, pair in
                let share = (contributionTotals[pair.1.id] ?? 0) > 0 ? pair.0.contribution / contributionTotals[pair.1.id]! : 0
                return total + pair.1.totalBudget * share
            }
            return Node(
                id: objective.id, name: objective.name, level: objective.level, weight: objective.weight,
                effectiveWeight: analysis.effectiveWeights[objective.id] ?? 0, investment: investment,
                covered: !uncovered.contains(objective.id), initiativeCount: links.count,
                initiatives: Array(links.map { reference($0.1, contribution: $0.0.contribution) }
                    .sorted { ($0.contribution, $1.code) > ($1.contribution, $0.code) }.prefix(limits.perObjective)),
                children: (children[objective.id] ?? []).sorted { ($0.weight, $1.name) > ($1.weight, $0.name) }.map(node))
        }
        let themes = data.objectives.filter { $0.parentID == nil }.sorted { ($0.weight, $1.name) > ($1.weight, $0.name) }.map(node)

        let values = Dictionary(uniqueKeysWithValues: analysis.scores.map { ($0.initiativeID, $0.score) })
        let inFlightOrProposed = values.filter { initiatives[$0.key].map { $0.status.isInFlight || $0.status == .proposed } ?? false }
        let critical = CriticalWork.rank(values: inFlightOrProposed, dependencies: data.dependencies)
        return StrategyMap(
            themes: themes,
            orphans: analysis.orphans.compactMap { initiatives[$0] }.sorted { $0.code < $1.code }.map { reference($0, contribution: 0) },
            uncovered: analysis.uncovered.compactMap { objectives[$0] }.sorted { $0.name < $1.name }
                .map { ObjectiveRef(id: $0.id, name: $0.name, level: $0.level) },
            investment: analysis.investment.map { row in
                Investment(objectiveID: row.objectiveID, name: objectives[row.objectiveID]?.name ?? "", weightShare: row.weightShare,
                           investmentShare: row.investmentShare, verdict: row.verdict.rawValue)
            },
            scores: analysis.scores.prefix(limits.scores).compactMap { score in
                initiatives[score.initiativeID].map { initiative in
                    Score(initiativeID: initiative.id, code: initiative.code, name: initiative.name, score: score.score,
                          contributions: score.contributions.map {
                              Contribution(objectiveID: $0.objectiveID, name: objectives[$0.objectiveID]?.name ?? "", share: $0.share)
                          })
                }
            },
            criticalWork: critical.prefix(limits.critical).enumerated().compactMap { index, entry in
                initiatives[entry.initiativeID].map {
                    Critical(rank: index + 1, initiativeID: $0.id, code: $0.code, name: $0.name, ownValue: entry.ownValue,
                             waitingValue: entry.dependentValue - entry.ownValue, totalValue: entry.dependentValue, blocked: entry.blocked)
                }
            })
    }
}
