import Fluent
import LodestarCore
import Vapor

final class ObjectiveModel: EntityModel, @unchecked Sendable {
    static let schema = "objectives"
    static let resource = ResourceInfo(path: "objectives", singular: "objective", plural: "objectives", schemaName: "Objective")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        filters: [
            .vocabulary("level", "level", ObjectiveLevel.self),
            .vocabulary("stage", "stage", ObjectiveStage.self),
            .id("parentID", "parent_id"),
            .id("ownerID", "owner_id"),
        ],
        sorts: ["name": "name", "level": "level", "weight": "weight", "horizon": "horizon", "updatedAt": "updated_at"],
        defaultSort: "name", searchKey: "name")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @OptionalField(key: "parent_id") var parentID: UUID?
    @Field(key: "level") var level: String
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @OptionalField(key: "owner_id") var ownerID: UUID?
    @Field(key: "weight") var weight: Double
    @OptionalField(key: "horizon") var horizon: String?
    @Field(key: "stage") var stage: String

    init() {}

    var fields: Objective {
        Objective(
            parentID: parentID, level: .stored(level), name: name, description: description, ownerID: ownerID,
            weight: weight, horizon: .stored(horizon), stage: .stored(stage))
    }

    func apply(_ fields: Objective) {
        parentID = fields.parentID
        level = fields.level.rawValue
        name = fields.name
        description = fields.description
        ownerID = fields.ownerID
        weight = fields.weight
        horizon = fields.horizon.storedText
        stage = fields.stage.rawValue
    }

    static func references(in fields: Objective) -> [EntityReference] {
        [
            EntityReference("parentID", fields.parentID, ObjectiveModel.self, what: "objective"),
            EntityReference("ownerID", fields.ownerID, UserModel.self, what: "user"),
        ]
    }

    static func check(_ fields: Objective, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if let id, id == fields.parentID { issues.append(FieldIssue("parentID", "an objective cannot be its own parent")) }
        if let parentID = fields.parentID, let parent = try await ObjectiveModel.find(parentID, on: database),
           let expected = fields.level.parentLevel {
            let parentLevel = ObjectiveLevel.stored(parent.level)
            if parentLevel != expected {
                issues.append(FieldIssue(
                    "parentID", "a \(fields.level.label.lowercased())'s parent must be a \(expected.label.lowercased()), not a \(parentLevel.label.lowercased())"))
            }
        }
        // A level change must keep the records below it valid too.
        if let id {
            let children = try await ObjectiveModel.all(where: "parent_id", is: id, on: database)
            if let child = children.first(where: { ObjectiveLevel.stored($0.level).parentLevel != fields.level }) {
                issues.append(FieldIssue(
                    "level", "'\(child.name)' (a \(ObjectiveLevel.stored(child.level).label.lowercased())) sits below this; move it before changing the level"))
            }
        }
        return issues
    }
}
