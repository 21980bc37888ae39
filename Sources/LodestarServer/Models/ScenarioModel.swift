import Fluent
import LodestarCore
import Vapor

final class ScenarioModel: EntityModel, @unchecked Sendable {
    static let schema = "scenarios"
    static let resource = ResourceInfo(path: "scenarios", singular: "scenario", plural: "scenarios", schemaName: "Scenario")
    static let access = WriteAccess.portfolioStaff
    static let ownersMayCreate = false
    static let listing = Listing(
        filters: [.id("cycleID", "cycle_id")],
        sorts: ["name": "name", "firstQuarter": "first_quarter", "updatedAt": "updated_at"], defaultSort: "name", searchKey: "name")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @OptionalField(key: "cycle_id") var cycleID: UUID?
    @OptionalField(key: "scoring_model_id") var scoringModelID: UUID?
    @Field(key: "first_quarter") var firstQuarter: String
    @Field(key: "quarters") var quarters: Int
    /// The changes (budget caps, capacity changes, forced in/out, shifted starts, weight changes) as
    /// JSON: a scenario is always read and run whole.
    @Field(key: "changes") var changes: String

    init() {}

    private struct Changes: Codable {
        var budgetCaps: [Scenario.BudgetCap] = []
        var capacityChanges: [Scenario.CapacityChange] = []
        var forcedIn: [UUID] = []
        var forcedOut: [UUID] = []
        var startShifts: [Scenario.StartShift] = []
        var weightChanges: [Scenario.WeightChange] = []
    }

    var fields: Scenario {
        let changes = StoredJSON.decode(Changes.self, changes, fallback: Changes())
        return Scenario(
            name: name, description: description, cycleID: cycleID, scoringModelID: scoringModelID,
            firstQuarter: .stored(firstQuarter), quarters: quarters, budgetCaps: changes.budgetCaps,
            capacityChanges: changes.capacityChanges, forcedIn: changes.forcedIn, forcedOut: changes.forcedOut,
            startShifts: changes.startShifts, weightChanges: changes.weightChanges)
    }

    func apply(_ fields: Scenario) {
        name = fields.name
        description = fields.description
        cycleID = fields.cycleID
        scoringModelID = fields.scoringModelID
        firstQuarter = fields.firstQuarter.description
        quarters = fields.quarters
        changes = StoredJSON.encode(Changes(
            budgetCaps: fields.budgetCaps, capacityChanges: fields.capacityChanges, forcedIn: fields.forcedIn,
            forcedOut: fields.forcedOut, startShifts: fields.startShifts, weightChanges: fields.weightChanges))
    }

    static func references(in fields: Scenario) -> [EntityReference] {
        var references = [
            EntityReference("cycleID", fields.cycleID, PlanningCycleModel.self, what: "planning cycle"),
            EntityReference("scoringModelID", fields.scoringModelID, ScoringModelModel.self, what: "scoring model"),
        ]
        for (index, change) in fields.capacityChanges.enumerated() {
            references.append(EntityReference("capacityChanges[\(index)].poolID", change.poolID, ResourcePoolModel.self, what: "resource pool"))
        }
        for (index, shift) in fields.startShifts.enumerated() {
            references.append(EntityReference("startShifts[\(index)].initiativeID", shift.initiativeID, InitiativeModel.self, what: "initiative"))
        }
        for (index, change) in fields.weightChanges.enumerated() {
            references.append(EntityReference("weightChanges[\(index)].criterionID", change.criterionID, ScoringCriterionModel.self, what: "scoring criterion"))
        }
        return references
    }

    /// Forced initiatives are checked in one query each way, since a scenario may force thousands.
    static func check(_ fields: Scenario, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        var issues: [FieldIssue] = []
        for (field, ids) in [("forcedIn", fields.forcedIn), ("forcedOut", fields.forcedOut)] where !ids.isEmpty {
            let found = Set(try await InitiativeModel.query(on: database).filter(\.$id ~~ ids).all(\.$id))
            if let missing = ids.first(where: { !found.contains($0) }) {
                issues.append(FieldIssue(field, "no initiative has id \(missing)"))
            }
        }
        return issues
    }
}
