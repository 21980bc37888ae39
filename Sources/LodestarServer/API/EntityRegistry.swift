import Fluent
import LodestarCore
import Vapor

/// Every kind of portfolio record the API serves, in the order the document lists them.
enum EntityRegistry {
    struct Entry: Sendable {
        var info: ResourceInfo
        var register: @Sendable (APIRouter) -> Void
        var export: @Sendable (any Database) async throws -> [JSONValue]

        init<M: EntityModel>(_ model: M.Type) {
            info = M.resource
            register = { ResourceController<M>.register(on: $0) }
            export = { try await ListExport.records(M.self, on: $0) }
        }
    }

    static let all: [Entry] = [
        Entry(ObjectiveModel.self),
        Entry(InitiativeModel.self),
        Entry(AlignmentModel.self),
        Entry(ResourcePoolModel.self),
        Entry(PoolCapacityModel.self),
        Entry(DemandModel.self),
        Entry(DependencyModel.self),
        Entry(MilestoneModel.self),
        Entry(StatusUpdateModel.self),
        Entry(RAIDItemModel.self),
        Entry(DecisionModel.self),
        Entry(BenefitModel.self),
        Entry(BenefitMeasurementModel.self),
        Entry(ScoringModelModel.self),
        Entry(ScoringCriterionModel.self),
        Entry(ScoreModel.self),
        Entry(PlanningCycleModel.self),
        Entry(ScenarioModel.self),
    ]
}
