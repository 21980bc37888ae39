import Fluent
import LodestarCore
import Vapor

final class ScoringCriterionModel: EntityModel, @unchecked Sendable {
    static let schema = "scoring_criteria"
    static let resource = ResourceInfo(
        path: "scoring-criteria", singular: "scoring criterion", plural: "scoring criteria", schemaName: "ScoringCriterion")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        filters: [.id("modelID", "model_id")],
        sorts: ["name": "name", "weight": "weight", "updatedAt": "updated_at"],
        defaultSort: "name", searchKey: "name")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "model_id") var modelID: UUID
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "weight") var weight: Double
    @Field(key: "scale_min") var scaleMin: Double
    @Field(key: "scale_max") var scaleMax: Double
    @OptionalField(key: "wsjf_component") var wsjfComponent: String?

    init() {}

    var fields: ScoringCriterion {
        ScoringCriterion(
            modelID: modelID, name: name, description: description, weight: weight, scaleMin: scaleMin, scaleMax: scaleMax,
            wsjfComponent: .stored(wsjfComponent))
    }

    func apply(_ fields: ScoringCriterion) {
        modelID = fields.modelID
        name = fields.name
        description = fields.description
        weight = fields.weight
        scaleMin = fields.scaleMin
        scaleMax = fields.scaleMax
        wsjfComponent = fields.wsjfComponent?.rawValue
    }

    static func references(in fields: ScoringCriterion) -> [EntityReference] {
        [EntityReference("modelID", fields.modelID, ScoringModelModel.self, what: "scoring model")]
    }

    /// Names are unique within a model; a WSJF model has each component once, a weighted model none.
    static func check(_ fields: ScoringCriterion, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        var issues: [FieldIssue] = []
        var siblings = ScoringCriterionModel.query(on: database).filter(\.$modelID == fields.modelID)
        if let id { siblings = siblings.filter(\.$id != id) }
        let others = try await siblings.all()
        if others.contains(where: { $0.name == fields.name }) {
            issues.append(FieldIssue("name", "'\(fields.name)' is already a criterion of this model"))
        }
        guard let model = try await ScoringModelModel.find(fields.modelID, on: database) else { return issues }
        switch ScoringMethod.stored(model.method) {
            case .weighted:
                if fields.wsjfComponent != nil {
                    issues.append(FieldIssue("wsjfComponent", "only criteria of a WSJF model have a WSJF component"))
                }
            case .wsjf:
                if let component = fields.wsjfComponent {
                    if others.contains(where: { $0.wsjfComponent == component.rawValue }) {
                        issues.append(FieldIssue("wsjfComponent", "this model already has a \(component.label.lowercased()) criterion"))
                    }
                } else {
                    issues.append(FieldIssue("wsjfComponent", "is required in a WSJF model: one of \(WSJFComponent.rawValues.joined(separator: ", "))"))
                }
        }
        return issues
    }
}
