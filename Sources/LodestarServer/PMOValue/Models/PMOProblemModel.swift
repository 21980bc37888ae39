import Fluent
import LodestarCore
import Vapor

final class PMOProblemModel: EntityModel, @unchecked Sendable {
    static let schema = "pmo_problems"
    static let resource = ResourceInfo(path: "pmo-problems", singular: "PMO problem", plural: "PMO problems", schemaName: "PMOProblem")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(sorts: ["statement": "statement", "updatedAt": "updated_at"], defaultSort: "statement", searchKey: "statement")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "statement") var statement: String
    @Field(key: "symptoms") var symptoms: String
    @Field(key: "evidence_metric") var evidenceMetric: String

    init() {}

    var fields: PMOProblem { PMOProblem(statement: statement, symptoms: symptoms, evidenceMetric: evidenceMetric) }

    func apply(_ fields: PMOProblem) {
        statement = fields.statement
        symptoms = fields.symptoms
        evidenceMetric = fields.evidenceMetric
    }

    static func references(in fields: PMOProblem) -> [EntityReference] { [] }
}
