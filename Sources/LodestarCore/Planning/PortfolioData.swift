import Foundation

/// The records the planning engines read, as plain values: what a scenario run, a ranking or a
/// snapshot is computed from.
public struct PortfolioData: Sendable, Equatable {
    public var objectives: [Record<Objective>]
    public var initiatives: [Record<Initiative>]
    public var alignments: [Alignment]
    public var pools: [Record<ResourcePool>]
    public var capacities: [PoolCapacity]
    public var demands: [Demand]
    public var dependencies: [Dependency]
    public var scoringModels: [Record<ScoringModel>]
    public var criteria: [Record<ScoringCriterion>]
    public var scores: [Score]

    public init(
        objectives: [Record<Objective>] = [], initiatives: [Record<Initiative>] = [], alignments: [Alignment] = [],
        pools: [Record<ResourcePool>] = [], capacities: [PoolCapacity] = [], demands: [Demand] = [],
        dependencies: [Dependency] = [], scoringModels: [Record<ScoringModel>] = [],
        criteria: [Record<ScoringCriterion>] = [], scores: [Score] = []
    ) {
        self.objectives = objectives
        self.initiatives = initiatives
        self.alignments = alignments
        self.pools = pools
        self.capacities = capacities
        self.demands = demands
        self.dependencies = dependencies
        self.scoringModels = scoringModels
        self.criteria = criteria
        self.scores = scores
    }

    /// The model `id` names, else the default model, else the first by name.
    public func scoringModel(_ id: UUID? = nil) -> Record<ScoringModel>? {
        if let id { return scoringModels.first { $0.id == id } }
        return scoringModels.first { $0.isDefault } ?? scoringModels.min { $0.name < $1.name }
    }

    /// The model's criteria in the order they are shown (by name), with `weightChanges` applied.
    public func criteria(of model: UUID, weightChanges: [Scenario.WeightChange] = []) -> [Record<ScoringCriterion>] {
        let changed = Dictionary(weightChanges.map { ($0.criterionID, $0.weight) }, uniquingKeysWith: { _, last in last })
        return criteria.filter { $0.modelID == model }
            .map { criterion in
                var criterion = criterion
                if let weight = changed[criterion.id] { criterion.fields.weight = weight }
                return criterion
            }
            .sorted { ($0.name, $0.id.orderKey) < ($1.name, $1.id.orderKey) }
    }

    /// The ranking of every initiative that is not finished or cancelled, by `model` (default model if nil).
    public func ranking(model id: UUID? = nil, weightChanges: [Scenario.WeightChange] = []) -> [Prioritisation.Ranked] {
        guard let model = scoringModel(id) else { return [] }
        let criteria = criteria(of: model.id, weightChanges: weightChanges)
        let criterionIDs = Set(criteria.map(\.id))
        let open = initiatives.filter { $0.status != .completed && $0.status != .cancelled }
        return Prioritisation.rank(
            initiatives: open.map(\.id), method: model.method, criteria: criteria,
            scores: scores.filter { criterionIDs.contains($0.criterionID) },
            tieBreaker: Dictionary(uniqueKeysWithValues: open.map { ($0.id, $0.code) }))
    }
}
