import Fluent
import LodestarCore
import Vapor

final class MaturityAssessmentModel: EntityModel, @unchecked Sendable {
    static let schema = "pmo_maturity_assessments"
    static let resource = ResourceInfo(
        path: "pmo-maturity-assessments", singular: "maturity assessment", plural: "maturity assessments",
        schemaName: "MaturityAssessment")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(sorts: ["assessedOn": "assessed_on", "updatedAt": "updated_at"], defaultSort: "assessedOn")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "assessed_on") var assessedOn: String
    @Field(key: "summary") var summary: String
    /// JSON array of ratings.
    @Field(key: "ratings") var ratings: String
    @Field(key: "benchmark_source") var benchmarkSource: String
    /// JSON array of benchmark levels.
    @Field(key: "benchmark") var benchmark: String

    init() {}

    var fields: MaturityAssessment {
        MaturityAssessment(
            assessedOn: .stored(assessedOn), summary: summary, ratings: StoredJSON.decode([MaturityRating].self, ratings, fallback: []),
            benchmarkSource: benchmarkSource, benchmark: StoredJSON.decode([MaturityBenchmark].self, benchmark, fallback: []))
    }

    func apply(_ fields: MaturityAssessment) {
        assessedOn = fields.assessedOn.description
        summary = fields.summary
        ratings = StoredJSON.encode(fields.ratings)
        benchmarkSource = fields.benchmarkSource
        benchmark = StoredJSON.encode(fields.benchmark)
    }

    static func references(in fields: MaturityAssessment) -> [EntityReference] { [] }
}
