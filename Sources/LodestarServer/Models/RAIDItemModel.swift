import Fluent
import LodestarCore
import Vapor

final class RAIDItemModel: EntityModel, @unchecked Sendable {
    static let schema = "raid_items"
    static let resource = ResourceInfo(path: "raid-items", singular: "RAID item", plural: "RAID items", schemaName: "RAIDItem")
    static let access = WriteAccess.initiativeTeam
    static let listing = Listing(
        filters: [
            .id("initiativeID", "initiative_id"),
            .id("ownerID", "owner_id"),
            .vocabulary("kind", "kind", RAIDKind.self),
            .vocabulary("status", "status", RAIDStatus.self),
            .vocabulary("escalationLevel", "escalation_level", EscalationLevel.self),
            .text("category", "category"),
        ],
        sorts: [
            "title": "title", "kind": "kind", "status": "status", "score": "score", "probability": "probability",
            "impact": "impact", "dueDate": "due_date", "escalationLevel": "escalation_level", "updatedAt": "updated_at",
        ],
        defaultSort: "title", searchKey: "title")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "initiative_id") var initiativeID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "probability") var probability: Int
    @Field(key: "impact") var impact: Int
    /// probability × impact, stored so the RAID log can be sorted by severity in the database.
    @Field(key: "score") var score: Int
    @OptionalField(key: "owner_id") var ownerID: UUID?
    @Field(key: "mitigation") var mitigation: String
    @OptionalField(key: "due_date") var dueDate: String?
    @Field(key: "status") var status: String
    @Field(key: "escalation_level") var escalationLevel: String
    @Field(key: "category") var category: String
    @OptionalField(key: "milestone_id") var milestoneID: UUID?
    @OptionalField(key: "identified_on") var identifiedOn: String?

    init() {}

    var fields: RAIDItem {
        RAIDItem(
            initiativeID: initiativeID, kind: .stored(kind), title: title, description: description, probability: probability,
            impact: impact, ownerID: ownerID, mitigation: mitigation, dueDate: .stored(dueDate), status: .stored(status),
            escalationLevel: .stored(escalationLevel), category: category, milestoneID: milestoneID,
            identifiedOn: .stored(identifiedOn))
    }

    func apply(_ fields: RAIDItem) {
        initiativeID = fields.initiativeID
        kind = fields.kind.rawValue
        title = fields.title
        description = fields.description
        probability = fields.probability
        impact = fields.impact
        score = fields.score
        ownerID = fields.ownerID
        mitigation = fields.mitigation
        dueDate = fields.dueDate.storedText
        status = fields.status.rawValue
        escalationLevel = fields.escalationLevel.rawValue
        category = fields.category
        milestoneID = fields.milestoneID
        identifiedOn = fields.identifiedOn.storedText
    }

    static func references(in fields: RAIDItem) -> [EntityReference] {
        [
            EntityReference("initiativeID", fields.initiativeID, InitiativeModel.self, what: "initiative"),
            EntityReference("ownerID", fields.ownerID, UserModel.self, what: "user"),
            EntityReference("milestoneID", fields.milestoneID, MilestoneModel.self, what: "milestone"),
        ]
    }

    /// An item can only block a milestone of its own initiative.
    static func check(_ fields: RAIDItem, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        guard let milestoneID = fields.milestoneID, let milestone = try await MilestoneModel.find(milestoneID, on: database) else { return [] }
        return milestone.initiativeID == fields.initiativeID ? [] : [FieldIssue("milestoneID", "must be a milestone of the same initiative")]
    }

    static func governingInitiativeID(of fields: RAIDItem) -> UUID? { fields.initiativeID }
}
