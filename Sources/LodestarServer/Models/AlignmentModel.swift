import Fluent
import LodestarCore
import Vapor

final class AlignmentModel: EntityModel, @unchecked Sendable {
    static let schema = "alignments"
    static let resource = ResourceInfo(path: "alignments", singular: "alignment", plural: "alignments", schemaName: "Alignment")
    static let access = WriteAccess.initiativeTeam
    static let listing = Listing(
        filters: [
            .id("initiativeID", "initiative_id"),
            .id("objectiveID", "objective_id"),
        ],
        sorts: ["contribution": "contribution", "createdAt": "created_at", "updatedAt": "updated_at"],
        defaultSort: "createdAt")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "initiative_id") var initiativeID: UUID
    @Field(key: "objective_id") var objectiveID: UUID
    @Field(key: "contribution") var contribution: Double

    init() {}

    var fields: Alignment {
        Alignment(initiativeID: initiativeID, objectiveID: objectiveID, contribution: contribution)
    }

    func apply(_ fields: Alignment) {
        initiativeID = fields.initiativeID
        objectiveID = fields.objectiveID
        contribution = fields.contribution
    }

    static func references(in fields: Alignment) -> [EntityReference] {
        [
            EntityReference("initiativeID", fields.initiativeID, InitiativeModel.self, what: "initiative"),
            EntityReference("objectiveID", fields.objectiveID, ObjectiveModel.self, what: "objective"),
        ]
    }

    static func governingInitiativeID(of fields: Alignment) -> UUID? { fields.initiativeID }

    static func check(_ fields: Alignment, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        var query = AlignmentModel.query(on: database)
            .filter(\.$initiativeID == fields.initiativeID)
            .filter(\.$objectiveID == fields.objectiveID)
        if let id { query = query.filter(\.$id != id) }
        return try await query.first() == nil ? [] : [FieldIssue("objectiveID", "the initiative is already aligned to this objective")]
    }
}
