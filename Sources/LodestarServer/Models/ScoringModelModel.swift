import Fluent
import LodestarCore
import Vapor

final class ScoringModelModel: EntityModel, @unchecked Sendable {
    static let schema = "scoring_models"
    static let resource = ResourceInfo(path: "scoring-models", singular: "scoring model", plural: "scoring models", schemaName: "ScoringModel")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        filters: [.vocabulary("method", "method", ScoringMethod.self)],
        sorts: ["name": "name", "updatedAt": "updated_at"], defaultSort: "name", searchKey: "name")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "method") var method: String
    @Field(key: "is_default") var isDefault: Bool

    init() {}

    var fields: ScoringModel {
        ScoringModel(name: name, description: description, method: .stored(method), isDefault: isDefault)
    }

    func apply(_ fields: ScoringModel) {
        name = fields.name
        description = fields.description
        method = fields.method.rawValue
        isDefault = fields.isDefault
    }

    static func references(in fields: ScoringModel) -> [EntityReference] { [] }

    /// One model is the default; switching it is its own action (`POST /scoring-models/{id}/default`),
    /// so that no write silently changes another record. A method change would orphan the criteria's
    /// WSJF roles, so it is refused once criteria exist.
    static func check(_ fields: ScoringModel, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        var issues: [FieldIssue] = []
        var sameName = ScoringModelModel.query(on: database).filter(\.$name == fields.name)
        if let id { sameName = sameName.filter(\.$id != id) }
        if try await sameName.first() != nil { issues.append(FieldIssue("name", "'\(fields.name)' is already used by another scoring model")) }

        var defaults = ScoringModelModel.query(on: database).filter(\.$isDefault == true)
        if let id { defaults = defaults.filter(\.$id != id) }
        let otherDefault = try await defaults.first()
        if fields.isDefault, let otherDefault {
            issues.append(FieldIssue("isDefault", "'\(otherDefault.name)' is the default model; make this one the default with POST /api/v1/scoring-models/{id}/default"))
        }
        if let id, let current = try await ScoringModelModel.find(id, on: database) {
            if current.isDefault, !fields.isDefault {
                issues.append(FieldIssue("isDefault", "the portfolio needs a default model: make another model the default instead"))
            }
            if current.method != fields.method.rawValue,
               try await ScoringCriterionModel.query(on: database).filter(\.$modelID == id).count() > 0 {
                issues.append(FieldIssue("method", "cannot change the method of a model that has criteria; create a new model instead"))
            }
        } else if !fields.isDefault, otherDefault == nil {
            issues.append(FieldIssue("isDefault", "the first scoring model must be the default"))
        }
        return issues
    }
}
