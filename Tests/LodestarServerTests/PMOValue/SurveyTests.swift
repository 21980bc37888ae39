import Fluent
import Foundation
import LodestarCore
@testable import LodestarServer
import SQLKit
import Testing
import VaporTesting

/// Anonymous survey links: unguessable, single use under concurrency, expiring, rate-limited, and
/// no response can be joined to the link (or person) that sent it.
@Suite("Perception surveys")
struct SurveyTests {
    static let answers: [(String, String)] = [("q-recommend", "9"), ("q-useful", "4"), ("q-say", "Keep the dashboard")]

    @Test("only admin and pmo issue links; each is a 256-bit token stored only as its digest")
    func issuing() async throws {
        try await withTestApp { app, people in
            let seed = try await PMOValueSeed.make(app, people)
            let refused = try await app.api(.POST, "/api/v1/survey-waves/\(seed.wave)/invitations", as: people.executive,
                                            json: PMOValueBodies.InvitationRequest(stakeholderGroup: "Owners", count: 2))
            #expect(refused.status == .forbidden)
            let badGroup = try await app.api(.POST, "/api/v1/survey-waves/\(seed.wave)/invitations", as: people.pmo,
                                             json: PMOValueBodies.InvitationRequest(stakeholderGroup: "Friends", count: 0))
            expectInvalid(badGroup, fields: ["stakeholderGroup", "count"])

            let links = try await app.issueSurveyLinks(seed.wave, count: 3, as: people.pmo)
            #expect(links.count == 3)
            #expect(Set(links).count == 3)
            for link in links {
                let token = String(link.dropFirst("/s/".count))
                #expect(token.count == 43, "32 random bytes in unpadded base64url")
            }
            let stored = try await SurveyInvitationModel.query(on: app.db).all()
            #expect(stored.count == 3)
            #expect(stored.allSatisfy { hash in links.allSatisfy { !$0.contains(hash.tokenHash) && !hash.tokenHash.contains($0.dropFirst(3)) } })
            #expect(Set(stored.map(\.tokenHash)) == Set(links.map { Secrets.digest(String($0.dropFirst(3))) }))
            // The audit names the group and count, never a link.
            let audit = try await app.api(.GET, "/api/v1/audit?entity=survey-invitations", as: people.pmo)
            #expect(audit.items.count == 1)
            #expect(links.allSatisfy { !audit.text.contains(String($0.dropFirst(3))) })
        }
    }

    @Test("a link opens the form without sign-in, takes one response, and then says it was used")
    func singleUse() async throws {
        try await withTestApp { app, people in
            let seed = try await PMOValueSeed.make(app, people)
            let link = try #require(try await app.issueSurveyLinks(seed.wave, count: 1, as: people.pmo).first)
            let form = try await app.page(.GET, link)
            #expect(form.status == .ok)
            #expect(form.body.contains("Would you recommend the PMO?"))
            #expect(PageHTML.accessibilityProblems(in: form.body).isEmpty, "\(PageHTML.accessibilityProblems(in: form.body))")
            #expect(form.headers[.setCookie].isEmpty, "the anonymous page sets no cookie")

            let sent = try await app.answerSurvey(link, Self.answers)
            #expect(sent.status == .ok, "\(sent.body)")
            #expect(sent.body.contains("Thank you"))
            let again = try await app.answerSurvey(link, Self.answers)
            #expect(again.status == .conflict)
            #expect(try await app.page(.GET, link).status == .conflict)
            #expect(try await SurveyResponseModel.query(on: app.db).count() == 1)

            let results = try await app.api(.GET, "/api/v1/survey-waves/\(seed.wave)/results", as: people.executive)
            #expect(results.status == .ok, "\(results.text)")
            #expect(results.json["results"]?["overall"]?["nps"] == .number(100))
            #expect(results.json["results"]?["overall"]?["responses"] == .number(1))
            #expect(try await app.api(.GET, "/api/v1/survey-waves/\(seed.wave)/results", as: people.viewer).status == .forbidden)
        }
    }

    @Test("concurrent submissions with one token: exactly one response is stored", arguments: TestDatabase.available)
    func concurrentSubmissions(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let seed = try await PMOValueSeed.make(app, people)
            let link = try #require(try await app.issueSurveyLinks(seed.wave, count: 1, as: people.pmo).first)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for _ in 0..<8 { group.addTask { try await app.answerSurvey(link, Self.answers).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 7, "\(statuses)")
            #expect(try await SurveyResponseModel.query(on: app.db).count() == 1)
        }
    }

    @Test("no response joins to a link or a person: not in the tables, the API or the audit log", arguments: TestDatabase.available)
    func anonymity(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let seed = try await PMOValueSeed.make(app, people)
            let links = try await app.issueSurveyLinks(seed.wave, count: 3, as: people.pmo)
            // A signed-in person answering is still anonymous: the page never identifies the caller.
            let session = try await app.signIn(people.owner)
            let token = String(links[0].dropFirst(3))
            let signedIn = try await app.page(.POST, links[0], session: session, form: [("token", token)] + Self.answers,
                                              headers: ["Origin": "http://localhost:8080", "Host": "localhost:8080"])
            #expect(signedIn.status == .ok, "\(signedIn.body)")
            _ = try await app.answerSurvey(links[1], [("q-recommend", "3")])

            let sql = try #require(app.db as? any SQLDatabase)
            #expect(try await Self.columns("survey_responses", database, sql) == ["answers", "id", "stakeholder_group", "wave_id"])
            #expect(try await Self.columns("survey_invitations", database, sql) == ["expires_on", "id", "stakeholder_group", "token_hash", "used", "wave_id"])

            let invitationIDs = try await SurveyInvitationModel.query(on: app.db).all().map { $0.id!.uuidString }
            let responses = try await SurveyResponseModel.query(on: app.db).all()
            #expect(responses.count == 2)
            for response in responses {
                #expect(invitationIDs.allSatisfy { !response.answers.contains($0) })
                #expect(!response.answers.contains(people.owner.id.uuidString) && !response.answers.contains(people.owner.email))
            }
            let results = try await app.api(.GET, "/api/v1/survey-waves/\(seed.wave)/results", as: people.pmo)
            #expect(!results.text.contains(people.owner.email) && !results.text.contains(people.owner.id.uuidString))
            #expect(invitationIDs.allSatisfy { !results.text.contains($0) })
            // Nothing was audited about the responses, so no log line carries a time or a person for one.
            let audit = try await app.api(.GET, "/api/v1/audit?limit=500", as: people.pmo)
            #expect(!audit.text.contains("survey-responses"))
            #expect(audit.items.allSatisfy { $0["actorEmail"] != .string(people.owner.email) })
        }
    }

    @Test("a link from another site, with a mismatched token or after the wave closed, is refused and stores nothing")
    func refusals() async throws {
        try await withTestApp { app, people in
            let seed = try await PMOValueSeed.make(app, people)
            let links = try await app.issueSurveyLinks(seed.wave, count: 2, as: people.pmo)
            let foreign = try await app.answerSurvey(links[0], Self.answers, headers: ["Origin": "https://evil.example"])
            #expect(foreign.status == .forbidden)
            let crossSite = try await app.answerSurvey(links[0], Self.answers, headers: ["Sec-Fetch-Site": "cross-site"])
            #expect(crossSite.status == .forbidden)
            let mismatched = try await app.page(.POST, links[0], form: [("token", String(links[1].dropFirst(3)))] + Self.answers)
            #expect(mismatched.status == .forbidden)
            let invalid = try await app.answerSurvey(links[0], [("q-recommend", "11")])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.body.contains("form-errors"))
            #expect(try await SurveyResponseModel.query(on: app.db).count() == 0)
            #expect(try await SurveyInvitationModel.query(on: app.db).filter(\.$used == true).count() == 0, "refusals spend no link")

            // Once the wave has closed, the link has expired.
            let wave = try #require(try await SurveyWaveModel.find(seed.wave, on: app.db))
            _ = try await app.api(.PATCH, "/api/v1/survey-waves/\(seed.wave)", as: people.pmo, json: patchBody([
                "opensOn": .string(Day.today().adding(days: -30).description), "closesOn": .string(Day.today().adding(days: -1).description),
            ]), ifMatch: wave.version)
            #expect(try await app.page(.GET, links[0]).status == .gone)
            #expect(try await app.answerSurvey(links[0], Self.answers).status == .gone)
        }
    }

    @Test("unknown links are counted per address: after 20 the address must wait (429)")
    func throttle() async throws {
        try await withTestApp { app, _ in
            let fake = "/s/" + String(repeating: "A", count: 43)
            for _ in 0..<SurveyThrottle.perAddress {
                #expect(try await app.page(.GET, fake).status == .notFound)
            }
            let limited = try await app.page(.GET, fake)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers.first(name: "Retry-After") != nil)
        }
    }

    /// The column names of a table, sorted.
    static func columns(_ table: String, _ database: TestDatabase, _ sql: any SQLDatabase) async throws -> [String] {
        struct Column: Decodable { var name: String }
        switch database {
            case .sqlite:
                return try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all(decoding: Column.self).map(\.name).sorted()
            case .postgres:
                return try await sql.raw("SELECT column_name AS name FROM information_schema.columns WHERE table_name = \(bind: table) AND table_schema = current_schema()")
                    .all(decoding: Column.self).map(\.name).sorted()
        }
    }
}
