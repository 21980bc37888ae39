import Foundation
import LodestarCore

/// The answer to Q1: every open initiative ranked by a scoring model, each score explained
/// criterion by criterion.
struct PriorityRanking: Codable, Sendable {
    struct Criterion: Codable, Sendable {
        var id: UUID
        var name: String
        var weight: Double
        var scaleMin: Double
        var scaleMax: Double
        var wsjfComponent: WSJFComponent?
    }

    struct Part: Codable, Sendable {
        var criterionID: UUID
        var value: Double?
        var weightShare: Double
        var points: Double
    }

    struct Entry: Codable, Sendable {
        var rank: Int
        var initiativeID: UUID
        var code: String
        var name: String
        var status: InitiativeStatus
        var total: Double
        var parts: [Part]
        /// Criteria not scored yet (they count as the bottom of their scale, or as 0 in WSJF).
        var missing: [UUID]
    }

    var modelID: UUID
    var modelName: String
    var method: ScoringMethod
    var criteria: [Criterion]
    var total: Int
    var entries: [Entry]

    /// - Parameter window: which ranks to list (all are ranked; this only pages the answer).
    static func build(from data: PortfolioData, model id: UUID?, window: Range<Int>? = nil) -> PriorityRanking? {
        guard let model = data.scoringModel(id) else { return nil }
        let ranked = data.ranking(model: model.id)
        let initiatives = Dictionary(uniqueKeysWithValues: data.initiatives.map { ($0.id, $0) })
        let shown = window.map { ranked[min($0.lowerBound, ranked.count)..<min($0.upperBound, ranked.count)] } ?? ranked[...]
        return PriorityRanking(
            modelID: model.id, modelName: model.name, method: model.method,
            criteria: data.criteria(of: model.id).map {
                Criterion(id: $0.id, name: $0.name, weight: $0.weight, scaleMin: $0.scaleMin, scaleMax: $0.scaleMax, wsjfComponent: $0.wsjfComponent)
            },
            total: ranked.count,
            entries: shown.map { Entry($0, initiative: initiatives[$0.initiativeID]!) })
    }
}

extension PriorityRanking.Entry {
    init(_ ranked: Prioritisation.Ranked, initiative: Record<Initiative>) {
        self.init(
            rank: ranked.rank, initiativeID: ranked.initiativeID, code: initiative.code, name: initiative.name,
            status: initiative.status, total: ranked.total,
            parts: ranked.parts.map { .init(criterionID: $0.criterionID, value: $0.value, weightShare: $0.weightShare, points: $0.points) },
            missing: ranked.missing)
    }
}

/// Why one initiative ranks above another under a model: the difference, criterion by criterion.
struct RankingExplanation: Codable, Sendable {
    struct Difference: Codable, Sendable {
        var criterionID: UUID
        var criterion: String
        var higherValue: Double?
        var lowerValue: Double?
        /// Points the higher-ranked initiative gains (negative: loses) on this criterion.
        var points: Double
    }

    var modelID: UUID
    var higher: PriorityRanking.Entry
    var lower: PriorityRanking.Entry
    var differences: [Difference]
    /// One sentence a person can read aloud.
    var summary: String

    static func build(from data: PortfolioData, model id: UUID?, first: UUID, second: UUID) -> RankingExplanation? {
        guard let model = data.scoringModel(id) else { return nil }
        let ranked = data.ranking(model: model.id)
        guard let a = ranked.first(where: { $0.initiativeID == first }), let b = ranked.first(where: { $0.initiativeID == second }) else { return nil }
        let (higher, lower) = a.rank <= b.rank ? (a, b) : (b, a)
        let names = Dictionary(uniqueKeysWithValues: data.criteria(of: model.id).map { ($0.id, $0.name) })
        let initiatives = Dictionary(uniqueKeysWithValues: data.initiatives.map { ($0.id, $0) })
        let values = { (entry: Prioritisation.Ranked) in Dictionary(uniqueKeysWithValues: entry.parts.map { ($0.criterionID, $0.value) }) }
        let higherValues = values(higher), lowerValues = values(lower)
        let differences = Prioritisation.difference(between: higher, and: lower).map {
            Difference(criterionID: $0.criterionID, criterion: names[$0.criterionID] ?? "", higherValue: higherValues[$0.criterionID] ?? nil,
                       lowerValue: lowerValues[$0.criterionID] ?? nil, points: $0.points)
        }
        func entry(_ ranked: Prioritisation.Ranked) -> PriorityRanking.Entry { .init(ranked, initiative: initiatives[ranked.initiativeID]!) }
        let gap = higher.total - lower.total
        let summary: String
        if let top = differences.first(where: { $0.points > 0 }) {
            summary = "\(initiatives[higher.initiativeID]!.code) ranks \(higher.rank) and \(initiatives[lower.initiativeID]!.code) ranks \(lower.rank): "
                + String(format: "%.2f", gap) + " points apart, most of all on \(top.criterion) (" + String(format: "%+.2f", top.points) + ")."
        } else {
            summary = "They score the same; \(initiatives[higher.initiativeID]!.code) is listed first because its code sorts first."
        }
        return RankingExplanation(modelID: model.id, higher: entry(higher), lower: entry(lower), differences: differences, summary: summary)
    }
}
