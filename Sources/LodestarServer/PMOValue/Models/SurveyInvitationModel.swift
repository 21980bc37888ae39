import Fluent
import LodestarCore
import Vapor

/// One anonymous link to a survey wave: the digest of its token, the stakeholder group it speaks
/// for, when it expires, and whether it has been used.
///
/// Anonymity by construction: an invitation names no person (the PMO hands the links out; Lodestar
/// never learns to whom), carries no timestamps (so the moment it was used cannot be matched to
/// anything), and the response it produced is stored in `survey_responses` with no reference back
/// to it. The only thing the two tables share is the wave and the group, which many invitations share.
/// Spending a link and storing its response happen in one transaction (so a failed save never burns
/// a link); below the application, the database's own bookkeeping (PostgreSQL's row transaction ids,
/// write-ahead logs) could still pair the two writes for someone with superuser access to the server
/// and a list of who got which link — so the PMO is told to keep no such list.
final class SurveyInvitationModel: Model, @unchecked Sendable {
    static let schema = "survey_invitations"

    @ID(key: .id) var id: UUID?
    @Field(key: "wave_id") var waveID: UUID
    @Field(key: "stakeholder_group") var stakeholderGroup: String
    /// SHA-256 of the 256-bit token: a database leak does not reveal usable links.
    @Field(key: "token_hash") var tokenHash: String
    /// The last day the link works.
    @Field(key: "expires_on") var expiresOn: String
    @Field(key: "used") var used: Bool

    init() {}

    init(waveID: UUID, stakeholderGroup: String, tokenHash: String, expiresOn: Day) {
        self.waveID = waveID
        self.stakeholderGroup = stakeholderGroup
        self.tokenHash = tokenHash
        self.expiresOn = expiresOn.description
        used = false
    }
}

/// One anonymous response: wave, group and answers. No id of a person or an invitation, no time.
final class SurveyResponseModel: Model, @unchecked Sendable {
    static let schema = "survey_responses"

    /// Random, so not even the id's order says which response came first.
    @ID(key: .id) var id: UUID?
    @Field(key: "wave_id") var waveID: UUID
    @Field(key: "stakeholder_group") var stakeholderGroup: String
    /// JSON array of answers.
    @Field(key: "answers") var answers: String

    init() {}

    init(_ response: SurveyResponse) {
        id = UUID()
        waveID = response.waveID
        stakeholderGroup = response.stakeholderGroup
        answers = StoredJSON.encode(response.answers)
    }

    var response: SurveyResponse {
        SurveyResponse(waveID: waveID, stakeholderGroup: stakeholderGroup, answers: StoredJSON.decode([SurveyAnswer].self, answers, fallback: []))
    }
}
