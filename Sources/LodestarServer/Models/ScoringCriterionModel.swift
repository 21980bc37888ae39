import Fluent
import LodestarCore
import Vapor

final class ScoringCriterionModel: EntityModel, @unchecked Sendable {
    static let schema = "scoring_criteria"
    static let resource = ResourceInfo(
        path: "scoring-criteria", singular: "scoring criterion", plural: "scoring criteria", schemaName: "ScoringCriterion")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        sorts: ["name": "name", "weight": "weight", "updatedAt": "updated_at"],
        defaultSort: "name", searchKey: "name")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "weight") var weight: Double
    @Field(key: "scale_min") var scaleMin: Double
    @Field(key: "scale_max") var scaleMax: Double

    init() {}

    var fields: ScoringCriterion {
        ScoringCriterion(name: name, description: description, weight: weight, scaleMin: scaleMin, scaleMax: scaleMax)
    }

    func apply(_ fields: ScoringCriterion) {
        name = fields.name
        description = fields.description
        weight = fields.weight
        scaleMin = fields.scaleMin
        scaleMax = fields.scaleMax
    }

    static func references(in fields: ScoringCriterion) -> [EntityReference] { [] }

    static func check(_ fields: ScoringCriterion, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        var query = ScoringCriterionModel.query(on: database).filter(\.$name == fields.name)
        if let id { query = query.filter(\.$id != id) }
        return try await query.first() == nil ? [] : [FieldIssue("name", "'\(fields.name)' is already used by another scoring criterion")]
    }
}
