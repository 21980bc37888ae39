import Foundation

/// One question of a perception survey.
public struct SurveyQuestion: Codable, Sendable, Equatable {
    /// Stable within the survey; answers refer to it (e.g. `recommend`).
    public var key: String
    public var kind: SurveyQuestionKind
    public var prompt: String

    public init(key: String, kind: SurveyQuestionKind, prompt: String) {
        self.key = key
        self.kind = kind
        self.prompt = prompt
    }

    /// The scores a person may give, for the scored kinds.
    public var scale: ClosedRange<Int>? {
        switch kind {
            case .nps: 0...10
            case .likert: 1...5
            case .freeText: nil
        }
    }
}

/// A perception survey: what the PMO's stakeholders are asked, wave after wave.
public struct Survey: EntityFields {
    public var title: String
    public var introduction: String
    public var questions: [SurveyQuestion]
    /// The groups results are reported by (e.g. executives, initiative owners, delivery teams).
    public var stakeholderGroups: [String]

    public init(title: String, introduction: String = "", questions: [SurveyQuestion], stakeholderGroups: [String]) {
        self.title = title
        self.introduction = introduction
        self.questions = questions
        self.stakeholderGroups = stakeholderGroups
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(title, "title")
        checks.text(introduction, "introduction", required: false, maxLength: 4000)
        checks.require(!questions.isEmpty, "questions", "a survey needs at least one question")
        checks.require(questions.count <= 40, "questions", "at most 40 questions")
        var keys = Set<String>()
        for (index, question) in questions.enumerated() {
            let validKey = !question.key.isEmpty && question.key.count <= 40
                && question.key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
            checks.require(validKey, "questions[\(index)].key", "must be 1–40 letters, digits, - or _")
            checks.require(keys.insert(question.key).inserted, "questions[\(index)].key", "'\(question.key)' is used twice")
            checks.text(question.prompt, "questions[\(index)].prompt", maxLength: 500)
        }
        checks.require(!stakeholderGroups.isEmpty, "stakeholderGroups", "name at least one stakeholder group")
        checks.require(Set(stakeholderGroups).count == stakeholderGroups.count, "stakeholderGroups", "must not name a group twice")
        for (index, group) in stakeholderGroups.enumerated() { checks.text(group, "stakeholderGroups[\(index)]", maxLength: 80) }
        return checks.issues
    }

    /// The reasons a submitted set of answers cannot be accepted, by question key.
    public func issues(in answers: [SurveyAnswer]) -> [FieldIssue] {
        var checks = FieldChecks()
        let byKey = Dictionary(grouping: answers, by: \.questionKey)
        for (key, given) in byKey where given.count > 1 { checks.fail(key, "is answered twice") }
        for answer in answers where !questions.contains(where: { $0.key == answer.questionKey }) {
            checks.fail(answer.questionKey, "is not a question of this survey")
        }
        for question in questions {
            guard let answer = byKey[question.key]?.first else { continue }
            if let scale = question.scale {
                if let score = answer.score {
                    checks.range(score, question.key, scale)
                } else if answer.text != nil {
                    checks.fail(question.key, "takes a score from \(scale.lowerBound) to \(scale.upperBound)")
                }
            } else {
                checks.require(answer.score == nil, question.key, "takes text, not a score")
                checks.text(answer.text ?? "", question.key, required: false, maxLength: 4000)
            }
        }
        return checks.issues
    }
}

/// A round of a survey, open between two days; every wave is compared with the ones before it.
public struct SurveyWave: EntityFields {
    public var surveyID: UUID
    public var name: String
    public var opensOn: Day
    public var closesOn: Day

    public init(surveyID: UUID, name: String, opensOn: Day, closesOn: Day) {
        self.surveyID = surveyID
        self.name = name
        self.opensOn = opensOn
        self.closesOn = closesOn
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(name, "name")
        checks.order(opensOn, closesOn, "closesOn", after: "opensOn")
        return checks.issues
    }
}

/// One answer: a score for a scored question, text for a free-text one (either may be skipped).
public struct SurveyAnswer: Codable, Sendable, Equatable {
    public var questionKey: String
    public var score: Int?
    public var text: String?

    public init(questionKey: String, score: Int? = nil, text: String? = nil) {
        self.questionKey = questionKey
        self.score = score
        self.text = text
    }
}

/// One anonymous response: the wave, the respondent's stakeholder group, the answers. Nothing else.
public struct SurveyResponse: Sendable, Equatable, Codable {
    public var waveID: UUID
    public var stakeholderGroup: String
    public var answers: [SurveyAnswer]

    public init(waveID: UUID, stakeholderGroup: String, answers: [SurveyAnswer]) {
        self.waveID = waveID
        self.stakeholderGroup = stakeholderGroup
        self.answers = answers
    }
}
