import Fluent
import LodestarCore
import Vapor

final class PMOServiceModel: EntityModel, @unchecked Sendable {
    static let schema = "pmo_services"
    static let resource = ResourceInfo(path: "pmo-services", singular: "PMO service", plural: "PMO services", schemaName: "PMOService")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        filters: [.id("ownerID", "owner_id")],
        sorts: ["name": "name", "updatedAt": "updated_at"], defaultSort: "name", searchKey: "name")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    /// JSON array of problem ids.
    @Field(key: "problem_ids") var problemIDs: String
    @Field(key: "executive_question") var executiveQuestion: String
    @OptionalField(key: "owner_id") var ownerID: UUID?
    @Field(key: "service_level") var serviceLevel: String

    init() {}

    var fields: PMOService {
        PMOService(
            name: name, description: description, problemIDs: StoredJSON.decode([UUID].self, problemIDs, fallback: []),
            executiveQuestion: executiveQuestion, ownerID: ownerID, serviceLevel: serviceLevel)
    }

    func apply(_ fields: PMOService) {
        name = fields.name
        description = fields.description
        problemIDs = StoredJSON.encode(fields.problemIDs)
        executiveQuestion = fields.executiveQuestion
        ownerID = fields.ownerID
        serviceLevel = fields.serviceLevel
    }

    static func references(in fields: PMOService) -> [EntityReference] {
        [EntityReference("ownerID", fields.ownerID, UserModel.self, what: "user")]
            + fields.problemIDs.enumerated().map { EntityReference("problemIDs[\($0)]", $1, PMOProblemModel.self, what: "PMO problem") }
    }
}
