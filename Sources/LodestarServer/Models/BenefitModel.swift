import Fluent
import LodestarCore
import Vapor

final class BenefitModel: EntityModel, @unchecked Sendable {
    static let schema = "benefits"
    static let resource = ResourceInfo(path: "benefits", singular: "benefit", plural: "benefits", schemaName: "Benefit")
    static let access = WriteAccess.initiativeTeam
    static let listing = Listing(
        filters: [
            .id("initiativeID", "initiative_id"),
            .id("objectiveID", "objective_id"),
            .vocabulary("direction", "direction", BenefitDirection.self),
        ],
        sorts: ["name": "name", "targetDate": "target_date", "updatedAt": "updated_at"],
        defaultSort: "name", searchKey: "name")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @OptionalField(key: "initiative_id") var initiativeID: UUID?
    @OptionalField(key: "objective_id") var objectiveID: UUID?
    @Field(key: "name") var name: String
    @Field(key: "unit") var unit: String
    @Field(key: "baseline") var baseline: Double
    @Field(key: "target") var target: Double
    @OptionalField(key: "target_date") var targetDate: String?
    @Field(key: "direction") var direction: String

    init() {}

    var fields: Benefit {
        Benefit(
            initiativeID: initiativeID, objectiveID: objectiveID, name: name, unit: unit, baseline: baseline, target: target,
            targetDate: .stored(targetDate), direction: .stored(direction))
    }

    func apply(_ fields: Benefit) {
        initiativeID = fields.initiativeID
        objectiveID = fields.objectiveID
        name = fields.name
        unit = fields.unit
        baseline = fields.baseline
        target = fields.target
        targetDate = fields.targetDate.storedText
        direction = fields.direction.rawValue
    }

    static func references(in fields: Benefit) -> [EntityReference] {
        [
            EntityReference("initiativeID", fields.initiativeID, InitiativeModel.self, what: "initiative"),
            EntityReference("objectiveID", fields.objectiveID, ObjectiveModel.self, what: "objective"),
        ]
    }

    /// An objective's benefit has no initiative, so it is the PMO's alone to write.
    static func governingInitiativeID(of fields: Benefit) -> UUID? { fields.initiativeID }
}
