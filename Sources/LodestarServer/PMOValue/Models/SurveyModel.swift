import Fluent
import LodestarCore
import Vapor

final class SurveyModel: EntityModel, @unchecked Sendable {
    static let schema = "surveys"
    static let resource = ResourceInfo(path: "surveys", singular: "survey", plural: "surveys", schemaName: "Survey")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(sorts: ["title": "title", "updatedAt": "updated_at"], defaultSort: "title", searchKey: "title")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "title") var title: String
    @Field(key: "introduction") var introduction: String
    /// JSON array of questions.
    @Field(key: "questions") var questions: String
    /// JSON array of group names.
    @Field(key: "stakeholder_groups") var stakeholderGroups: String

    init() {}

    var fields: Survey {
        Survey(
            title: title, introduction: introduction, questions: StoredJSON.decode([SurveyQuestion].self, questions, fallback: []),
            stakeholderGroups: StoredJSON.decode([String].self, stakeholderGroups, fallback: []))
    }

    func apply(_ fields: Survey) {
        title = fields.title
        introduction = fields.introduction
        questions = StoredJSON.encode(fields.questions)
        stakeholderGroups = StoredJSON.encode(fields.stakeholderGroups)
    }

    static func references(in fields: Survey) -> [EntityReference] { [] }
}
