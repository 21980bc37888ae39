import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

/// A small PMO-value data set created through the API as the PMO: one of every kind of record.
struct PMOValueSeed {
    var problem: UUID
    var orphanProblem: UUID
    var service: UUID
    var serviceWithoutKPI: UUID
    var kpi: UUID
    var manualKPI: UUID
    var survey: UUID
    var wave: UUID
    var improvement: UUID
    var assessment: UUID

    static let survey = Survey(
        title: "How is the PMO doing?", introduction: "Anonymous.",
        questions: [
            SurveyQuestion(key: "recommend", kind: .nps, prompt: "Would you recommend the PMO?"),
            SurveyQuestion(key: "useful", kind: .likert, prompt: "Reports are useful."),
            SurveyQuestion(key: "say", kind: .freeText, prompt: "What should change?"),
        ],
        stakeholderGroups: ["Executives", "Owners"])

    /// Creates the records with `create(collection, body)`, which must answer the new id.
    static func make(_ create: (String, any Encodable) async throws -> UUID, pmo: UUID, today: Day = Day.today()) async throws -> PMOValueSeed {
        let problem = try await create("pmo-problems", PMOProblem(statement: "Decisions take too long", symptoms: "Escalations wait a month",
                                                                    evidenceMetric: "Decision latency"))
        let orphan = try await create("pmo-problems", PMOProblem(statement: "Nobody knows what the PMO does"))
        let service = try await create("pmo-services", PMOService(
            name: "Decision management", problemIDs: [problem], executiveQuestion: "Where does leadership need to focus?", ownerID: pmo,
            serviceLevel: "Escalations heard within 2 days"))
        let bare = try await create("pmo-services", PMOService(name: "Coaching", problemIDs: [problem], executiveQuestion: "Are PMs equipped?"))
        let kpi = try await create("pmo-kpis", PMOKPI(name: "Decision latency", unit: "days", direction: .lowerIsBetter, target: 14,
                                                      serviceID: service, source: .decisionLatency))
        let manual = try await create("pmo-kpis", PMOKPI(name: "Report preparation", unit: "hours", direction: .lowerIsBetter, target: 8,
                                                         serviceID: service))
        _ = try await create("pmo-kpi-measurements", KPIMeasurement(kpiID: manual, measuredOn: today.adding(days: -60), value: 40, note: "time sheets"))
        _ = try await create("pmo-kpi-measurements", KPIMeasurement(kpiID: manual, measuredOn: today.adding(days: -30), value: 6))
        let survey = try await create("surveys", Self.survey)
        let wave = try await create("survey-waves", SurveyWave(surveyID: survey, name: "Spring wave", opensOn: today.adding(days: -5), closesOn: today.adding(days: 10)))
        let improvement = try await create("pmo-improvements", ImprovementItem(
            title: "Generate the report", painPoint: "A week of assembly", hypothesis: "Generated reports take a day", metric: "hours",
            before: 40, after: 6, direction: .lowerIsBetter, status: .done, ownerID: pmo, startedOn: today.adding(days: -90),
            completedOn: today.adding(days: -20), evidence: "Time sheets"))
        let assessment = try await create("pmo-maturity-assessments", MaturityAssessment(
            assessedOn: today.adding(days: -10), summary: "Year end",
            ratings: MaturityDimension.allCases.map { MaturityRating(dimension: $0, level: 3, evidence: "seen") },
            benchmarkSource: "Peers in insurance", benchmark: [MaturityBenchmark(dimension: .governance, level: 3.4)]))
        return PMOValueSeed(problem: problem, orphanProblem: orphan, service: service, serviceWithoutKPI: bare, kpi: kpi, manualKPI: manual,
                            survey: survey, wave: wave, improvement: improvement, assessment: assessment)
    }

    /// Seeds through the API as the PMO.
    static func make(_ app: Application, _ people: Fixture) async throws -> PMOValueSeed {
        try await make({ collection, body in try await create(app, collection, as: people.pmo, body) }, pmo: people.pmo.id)
    }
}

extension Application {
    /// The survey page for `link` and the answers posted to it the way a browser does (same origin).
    func answerSurvey(_ link: String, _ answers: [(String, String)], headers extra: HTTPHeaders = [:]) async throws -> WebResponse {
        let token = String(link.split(separator: "/").last ?? "")
        var headers: HTTPHeaders = ["Origin": "http://localhost:8080", "Host": "localhost:8080"]
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        return try await page(.POST, link, form: [("token", token)] + answers, headers: headers)
    }

    /// Issues `count` links for `group` of `wave` as the PMO.
    func issueSurveyLinks(_ wave: UUID, group: String = "Owners", count: Int, as person: Fixture.Person) async throws -> [String] {
        let response = try await api(.POST, "/api/v1/survey-waves/\(wave)/invitations", as: person,
                                     json: PMOValueBodies.InvitationRequest(stakeholderGroup: group, count: count))
        #expect(response.status == .created, "\(response.text)")
        guard case .array(let links)? = response.json["links"] else { return [] }
        return links.compactMap(\.stringValue)
    }
}
