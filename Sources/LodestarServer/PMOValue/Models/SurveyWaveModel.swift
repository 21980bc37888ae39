import Fluent
import LodestarCore
import Vapor

final class SurveyWaveModel: EntityModel, @unchecked Sendable {
    static let schema = "survey_waves"
    static let resource = ResourceInfo(path: "survey-waves", singular: "survey wave", plural: "survey waves", schemaName: "SurveyWave")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        filters: [.id("surveyID", "survey_id")],
        sorts: ["name": "name", "opensOn": "opens_on", "closesOn": "closes_on", "updatedAt": "updated_at"], defaultSort: "opensOn")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "survey_id") var surveyID: UUID
    @Field(key: "name") var name: String
    @Field(key: "opens_on") var opensOn: String
    @Field(key: "closes_on") var closesOn: String

    init() {}

    var fields: SurveyWave { SurveyWave(surveyID: surveyID, name: name, opensOn: .stored(opensOn), closesOn: .stored(closesOn)) }

    func apply(_ fields: SurveyWave) {
        surveyID = fields.surveyID
        name = fields.name
        opensOn = fields.opensOn.description
        closesOn = fields.closesOn.description
    }

    static func references(in fields: SurveyWave) -> [EntityReference] {
        [EntityReference("surveyID", fields.surveyID, SurveyModel.self, what: "survey")]
    }
}
