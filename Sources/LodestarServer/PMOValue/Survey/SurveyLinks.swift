import Fluent
import LodestarCore
import SQLKit
import Vapor

/// Issuing anonymous survey links and spending them.
///
/// A link is `/s/<token>` with a 256-bit random token (`Secrets.token`); only its SHA-256 digest is
/// stored, so the links exist only in the PMO's hands. A link works until the end of its wave's
/// closing day and exactly once: the claim is one conditional UPDATE, so of two concurrent
/// submissions with the same token exactly one wins, on every instance and on both databases.
enum SurveyLinks {
    static let pathPrefix = "s"
    static let maximumPerRequest = 500

    static func path(for token: String) -> String { "/\(pathPrefix)/\(token)" }

    static func issue(
        waveID: UUID, group: String, count: Int, by caller: Caller, on database: any Database
    ) async throws -> PMOValueBodies.IssuedLinks {
        try caller.require([.admin, .pmo], to: "issue survey links")
        guard let wave = try await SurveyWaveModel.find(waveID, on: database) else { throw Problem.notFound("Survey wave \(waveID)") }
        guard let survey = try await SurveyModel.find(wave.surveyID, on: database) else { throw Problem.notFound("Survey \(wave.surveyID)") }
        var issues: [FieldIssue] = []
        if !survey.fields.stakeholderGroups.contains(group) {
            issues.append(FieldIssue("stakeholderGroup", "must be one of the survey's groups: \(survey.fields.stakeholderGroups.joined(separator: ", "))"))
        }
        if !(1...maximumPerRequest).contains(count) { issues.append(FieldIssue("count", "must be from 1 to \(maximumPerRequest)")) }
        if !issues.isEmpty { throw Problem.validation(issues) }
        let expiresOn = wave.fields.closesOn
        let tokens = (0..<count).map { _ in Secrets.token() }
        try await database.transaction { database in
            try await tokens.map { SurveyInvitationModel(waveID: waveID, stakeholderGroup: group, tokenHash: Secrets.digest($0), expiresOn: expiresOn) }
                .create(on: database)
            // The audit says how many links went to which group, never the links themselves.
            try await AuditLog.record(
                .create, entity: "survey-invitations", id: waveID, before: nil,
                after: .object(["stakeholderGroup": .string(group), "count": .number(Double(count)), "expiresOn": .string(expiresOn.description)]),
                by: caller, on: database)
        }
        return PMOValueBodies.IssuedLinks(waveID: waveID, stakeholderGroup: group, expiresOn: expiresOn, links: tokens.map(path(for:)))
    }

    /// What a token opens, or why it opens nothing.
    enum Lookup {
        case open(invitation: SurveyInvitationModel, wave: Record<SurveyWave>, survey: Record<Survey>)
        case unknown
        case used
        case expired(on: Day)
        case notYetOpen(opensOn: Day)
    }

    static func lookUp(_ token: String, today: Day, on database: any Database) async throws -> Lookup {
        // A token of the wrong shape cannot be one of ours; it is not worth a query.
        guard token.count == 43, token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
              let invitation = try await SurveyInvitationModel.query(on: database).filter(\.$tokenHash == Secrets.digest(token)).first(),
              let wave = try await SurveyWaveModel.find(invitation.waveID, on: database),
              let survey = try await SurveyModel.find(wave.surveyID, on: database)
        else { return .unknown }
        if invitation.used { return .used }
        // A wave closed early closes its links too.
        let expiry = min(Day.stored(invitation.expiresOn), wave.fields.closesOn)
        if expiry < today { return .expired(on: expiry) }
        if today < wave.fields.opensOn { return .notYetOpen(opensOn: wave.fields.opensOn) }
        return .open(invitation: invitation, wave: wave.record, survey: survey.record)
    }

    /// Spends the token and stores the response, in one transaction: true when this call spent it,
    /// false when it was already spent (or expired in the meantime).
    static func submit(token: String, answers: [SurveyAnswer], invitation: SurveyInvitationModel, today: Day, on database: any Database) async throws -> Bool {
        try await database.transaction { database in
            guard let transaction = database as? any SQLDatabase else { throw Problem.badRequest("Surveys need an SQL database.") }
            let claimed = try await transaction.update(SurveyInvitationModel.schema)
                .set("used", to: true)
                .where("token_hash", .equal, Secrets.digest(token))
                .where("used", .equal, false)
                .where("expires_on", .greaterThanOrEqual, today.description)
                .returning("id")
                .all()
            guard !claimed.isEmpty else { return false }
            // Copied from the invitation, not linked to it: the response keeps the group, not the link.
            try await SurveyResponseModel(SurveyResponse(waveID: invitation.waveID, stakeholderGroup: invitation.stakeholderGroup, answers: answers))
                .create(on: database)
            return true
        }
    }
}

/// Slows guessing of survey links: a client address that presents too many unknown tokens must wait.
/// Counted in the login-attempt table, under its own key, so every instance enforces one limit.
enum SurveyThrottle {
    static let window: TimeInterval = 15 * 60
    static let perAddress = 20

    static func key(_ address: String) -> String { "survey-ip:\(address)" }

    static func isLimited(address: String, on database: any Database, now: Date = Date()) async throws -> Bool {
        try await LoginAttemptModel.query(on: database)
            .filter(\.$key == key(address)).filter(\.$attemptedAt > now.addingTimeInterval(-window)).count() >= perAddress
    }

    static func recordFailure(address: String, on database: any Database, now: Date = Date()) async throws {
        try await LoginAttemptModel(key: key(address), attemptedAt: now).create(on: database)
    }
}
