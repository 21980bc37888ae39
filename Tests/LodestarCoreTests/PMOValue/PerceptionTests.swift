import Foundation
import LodestarCore
import Testing

@Suite("Perception: NPS, satisfaction and survey results")
struct PerceptionTests {
    static let survey = Survey(
        title: "PMO survey",
        questions: [
            SurveyQuestion(key: "recommend", kind: .nps, prompt: "Recommend?"),
            SurveyQuestion(key: "useful", kind: .likert, prompt: "Useful?"),
            SurveyQuestion(key: "say", kind: .freeText, prompt: "Anything else?"),
        ],
        stakeholderGroups: ["Executives", "Owners", "Teams"])

    @Test("NPS is promoters (9–10) minus detractors (0–6) as a share of NPS answers")
    func nps() {
        #expect(PerceptionScores(npsScores: [10, 9, 9, 8, 7, 6, 3, 0], likertScores: [], responses: 8).nps == 0)
        let scores = PerceptionScores(npsScores: [10, 10, 9, 7], likertScores: [], responses: 4)
        #expect(scores.nps == 75)
        #expect((scores.promoters, scores.passives, scores.detractors) == (3, 1, 0))
        #expect(PerceptionScores(npsScores: [0, 6], likertScores: [], responses: 2).nps == -100)
        #expect(PerceptionScores(npsScores: [], likertScores: [], responses: 0).nps == nil)
    }

    @Test("satisfaction is the mean agreement; satisfied share counts 4s and 5s")
    func satisfaction() {
        let scores = PerceptionScores(npsScores: [], likertScores: [5, 4, 3, 2], responses: 4)
        #expect(scores.satisfaction == 3.5)
        #expect(scores.satisfiedShare == 50)
    }

    @Test("results pool groups with fewer than 3 responses so no small group's answers stand alone")
    func pooling() {
        let wave = UUID()
        func response(_ group: String, _ nps: Int, _ likert: Int, _ text: String? = nil) -> SurveyResponse {
            SurveyResponse(waveID: wave, stakeholderGroup: group, answers: [
                SurveyAnswer(questionKey: "recommend", score: nps), SurveyAnswer(questionKey: "useful", score: likert),
            ] + (text.map { [SurveyAnswer(questionKey: "say", text: $0)] } ?? []))
        }
        let responses = [
            response("Teams", 10, 5, "More dashboards"), response("Teams", 9, 4), response("Teams", 3, 2, "Fewer forms"),
            response("Executives", 10, 5), response("Owners", 0, 1),
        ]
        let results = WaveResults.compute(wave: wave, survey: Self.survey, responses: responses)
        #expect(results.groups.map(\.group) == ["Teams", WaveResults.pooledGroupName])
        #expect(results.groups[0].scores.responses == 3)
        #expect(abs(results.groups[0].scores.nps! - 100.0 / 3) < 1e-9)
        #expect(results.groups[1].scores.nps == 0)
        #expect(results.overall.responses == 5)
        #expect(results.overall.nps == 20)
        let useful = results.questions[1]
        #expect(useful.distribution == [1, 1, 0, 1, 2])
        #expect(useful.mean == 3.4)
        #expect(results.questions[2].comments == ["Fewer forms", "More dashboards"])
    }

    @Test("answers are checked against the survey: scale, kind, known questions, one answer each")
    func answerChecks() {
        let issues = Self.survey.issues(in: [
            SurveyAnswer(questionKey: "recommend", score: 11),
            SurveyAnswer(questionKey: "useful", text: "yes"),
            SurveyAnswer(questionKey: "say", score: 3),
            SurveyAnswer(questionKey: "ghost", score: 1),
        ])
        #expect(Set(issues.map(\.field)) == ["recommend", "useful", "say", "ghost"])
        #expect(Self.survey.issues(in: [SurveyAnswer(questionKey: "recommend", score: 10), SurveyAnswer(questionKey: "say", text: "Fine")]).isEmpty)
        #expect(Self.survey.issues(in: []).isEmpty, "every question is optional")
    }

    @Test("a survey needs questions with unique keys and at least one group")
    func surveyValidation() {
        let bad = Survey(title: "", questions: [SurveyQuestion(key: "a", kind: .nps, prompt: "x"), SurveyQuestion(key: "a", kind: .likert, prompt: "y")],
                         stakeholderGroups: [])
        #expect(Set(bad.validate().map(\.field)) == ["title", "questions[1].key", "stakeholderGroups"])
        #expect(Self.survey.validate().isEmpty)
    }
}
