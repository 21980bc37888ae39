import Fluent
import LodestarCore
import Vapor

final class ImprovementItemModel: EntityModel, @unchecked Sendable {
    static let schema = "pmo_improvements"
    static let resource = ResourceInfo(
        path: "pmo-improvements", singular: "improvement item", plural: "improvement items", schemaName: "ImprovementItem")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        filters: [.vocabulary("status", "status", ImprovementStatus.self), .id("ownerID", "owner_id")],
        sorts: ["title": "title", "status": "status", "completedOn": "completed_on", "updatedAt": "updated_at"],
        defaultSort: "title", searchKey: "title")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "title") var title: String
    @Field(key: "pain_point") var painPoint: String
    @Field(key: "hypothesis") var hypothesis: String
    @Field(key: "metric") var metric: String
    @OptionalField(key: "before_value") var before: Double?
    @OptionalField(key: "after_value") var after: Double?
    @Field(key: "direction") var direction: String
    @Field(key: "status") var status: String
    @OptionalField(key: "owner_id") var ownerID: UUID?
    @OptionalField(key: "started_on") var startedOn: String?
    @OptionalField(key: "completed_on") var completedOn: String?
    @Field(key: "evidence") var evidence: String

    init() {}

    var fields: ImprovementItem {
        ImprovementItem(
            title: title, painPoint: painPoint, hypothesis: hypothesis, metric: metric, before: before, after: after,
            direction: .stored(direction), status: .stored(status), ownerID: ownerID, startedOn: .stored(startedOn),
            completedOn: .stored(completedOn), evidence: evidence)
    }

    func apply(_ fields: ImprovementItem) {
        title = fields.title
        painPoint = fields.painPoint
        hypothesis = fields.hypothesis
        metric = fields.metric
        before = fields.before
        after = fields.after
        direction = fields.direction.rawValue
        status = fields.status.rawValue
        ownerID = fields.ownerID
        startedOn = fields.startedOn.storedText
        completedOn = fields.completedOn.storedText
        evidence = fields.evidence
    }

    static func references(in fields: ImprovementItem) -> [EntityReference] {
        [EntityReference("ownerID", fields.ownerID, UserModel.self, what: "user")]
    }
}
