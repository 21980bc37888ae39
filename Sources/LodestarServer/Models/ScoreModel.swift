import Fluent
import LodestarCore
import Vapor

final class ScoreModel: EntityModel, @unchecked Sendable {
    static let schema = "scores"
    static let resource = ResourceInfo(path: "scores", singular: "score", plural: "scores", schemaName: "Score")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        filters: [
            .id("initiativeID", "initiative_id"),
            .id("criterionID", "criterion_id"),
        ],
        sorts: ["value": "value", "createdAt": "created_at", "updatedAt": "updated_at"],
        defaultSort: "createdAt")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "initiative_id") var initiativeID: UUID
    @Field(key: "criterion_id") var criterionID: UUID
    @Field(key: "value") var value: Double
    @Field(key: "rationale") var rationale: String

    init() {}

    var fields: Score {
        Score(initiativeID: initiativeID, criterionID: criterionID, value: value, rationale: rationale)
    }

    func apply(_ fields: Score) {
        initiativeID = fields.initiativeID
        criterionID = fields.criterionID
        value = fields.value
        rationale = fields.rationale
    }

    static func references(in fields: Score) -> [EntityReference] {
        [
            EntityReference("initiativeID", fields.initiativeID, InitiativeModel.self, what: "initiative"),
            EntityReference("criterionID", fields.criterionID, ScoringCriterionModel.self, what: "scoring criterion"),
        ]
    }

    static func check(_ fields: Score, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        var issues: [FieldIssue] = []
        var query = ScoreModel.query(on: database)
            .filter(\.$initiativeID == fields.initiativeID)
            .filter(\.$criterionID == fields.criterionID)
        if let id { query = query.filter(\.$id != id) }
        if try await query.first() != nil {
            issues.append(FieldIssue("criterionID", "the initiative already has a score on this criterion"))
        }
        if let criterion = try await ScoringCriterionModel.find(fields.criterionID, on: database)?.fields, !criterion.accepts(fields.value) {
            issues.append(FieldIssue(
                "value", "must be between \(criterion.scaleMin.plainText) and \(criterion.scaleMax.plainText) on '\(criterion.name)'"))
        }
        return issues
    }
}
