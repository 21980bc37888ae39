import Foundation

/// Net Promoter Score and satisfaction: the arithmetic of perception.
public struct PerceptionScores: Sendable, Equatable, Codable {
    public var responses: Int
    /// Promoters (9–10) minus detractors (0–6), as percentages of the NPS answers: −100 … 100.
    public var nps: Double?
    public var promoters: Int
    public var passives: Int
    public var detractors: Int
    /// Mean of the agreement (1–5) answers.
    public var satisfaction: Double?
    /// Share (%) of agreement answers that are 4 or 5.
    public var satisfiedShare: Double?

    public init(npsScores: [Int], likertScores: [Int], responses: Int) {
        self.responses = responses
        promoters = npsScores.filter { $0 >= 9 }.count
        detractors = npsScores.filter { $0 <= 6 }.count
        passives = npsScores.count - promoters - detractors
        nps = npsScores.isEmpty ? nil : Double(promoters - detractors) / Double(npsScores.count) * 100
        satisfaction = likertScores.isEmpty ? nil : Double(likertScores.reduce(0, +)) / Double(likertScores.count)
        satisfiedShare = likertScores.isEmpty ? nil : Double(likertScores.filter { $0 >= 4 }.count) / Double(likertScores.count) * 100
    }

    public static func score(_ responses: [SurveyResponse], survey: Survey) -> PerceptionScores {
        let kinds = Dictionary(uniqueKeysWithValues: survey.questions.map { ($0.key, $0.kind) })
        var nps: [Int] = [], likert: [Int] = []
        for answer in responses.flatMap(\.answers) {
            guard let score = answer.score else { continue }
            switch kinds[answer.questionKey] {
                case .nps?: nps.append(score)
                case .likert?: likert.append(score)
                default: break
            }
        }
        return PerceptionScores(npsScores: nps, likertScores: likert, responses: responses.count)
    }
}

/// A wave's results by stakeholder group, per question, and its free-text answers.
///
/// Groups with fewer than `minimumGroupSize` responses are pooled into one "other groups" line so a
/// small group's answers cannot be read as one person's.
public struct WaveResults: Sendable, Equatable, Codable {
    public struct GroupResult: Sendable, Equatable, Codable {
        public var group: String
        public var scores: PerceptionScores
    }

    public struct QuestionResult: Sendable, Equatable, Codable {
        public var key: String
        public var kind: SurveyQuestionKind
        public var prompt: String
        public var answered: Int
        /// Mean score of the scored kinds.
        public var mean: Double?
        /// How many gave each score, lowest score first.
        public var distribution: [Int]
        /// The free-text answers, in a stable order that says nothing about who wrote them.
        public var comments: [String]
    }

    public static let minimumGroupSize = 3
    public static let pooledGroupName = "Other groups (fewer than \(minimumGroupSize) responses each)"

    public var waveID: UUID
    public var overall: PerceptionScores
    public var groups: [GroupResult]
    public var questions: [QuestionResult]

    public static func compute(wave waveID: UUID, survey: Survey, responses: [SurveyResponse]) -> WaveResults {
        let byGroup = Dictionary(grouping: responses, by: \.stakeholderGroup)
        var groups: [GroupResult] = []
        var pooled: [SurveyResponse] = []
        let order = survey.stakeholderGroups + byGroup.keys.filter { !survey.stakeholderGroups.contains($0) }.sorted()
        for group in order {
            guard let members = byGroup[group] else { continue }
            if members.count >= minimumGroupSize {
                groups.append(GroupResult(group: group, scores: .score(members, survey: survey)))
            } else {
                pooled += members
            }
        }
        if !pooled.isEmpty { groups.append(GroupResult(group: pooledGroupName, scores: .score(pooled, survey: survey))) }

        let questions = survey.questions.map { question -> QuestionResult in
            let answers = responses.flatMap(\.answers).filter { $0.questionKey == question.key }
            let scores = answers.compactMap(\.score)
            let distribution = question.scale.map { scale in scale.map { value in scores.filter { $0 == value }.count } } ?? []
            let comments = answers.compactMap { $0.text?.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.sorted()
            return QuestionResult(
                key: question.key, kind: question.kind, prompt: question.prompt,
                answered: question.kind == .freeText ? comments.count : scores.count,
                mean: scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count),
                distribution: distribution, comments: comments)
        }
        return WaveResults(waveID: waveID, overall: .score(responses, survey: survey), groups: groups, questions: questions)
    }
}
