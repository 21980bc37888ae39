import Foundation

/// A PMO-editable rule that raises RAID items to portfolio or executive level.
public struct EscalationRule: EntityFields {
    public var name: String
    public var trigger: EscalationTrigger
    /// Meaning depends on the trigger: a score (1–25) or a number of days.
    public var threshold: Int
    public var targetLevel: EscalationLevel
    /// The kinds of item it applies to; empty: every kind.
    public var kinds: [RAIDKind]
    public var active: Bool

    public init(
        name: String, trigger: EscalationTrigger, threshold: Int, targetLevel: EscalationLevel, kinds: [RAIDKind] = [], active: Bool = true
    ) {
        self.name = name
        self.trigger = trigger
        self.threshold = threshold
        self.targetLevel = targetLevel
        self.kinds = kinds
        self.active = active
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(name, "name", maxLength: 120)
        switch trigger {
            case .score: checks.range(threshold, "threshold", 1...25)
            case .ageWithoutMitigation, .overdueMitigation, .blocksMilestone: checks.range(threshold, "threshold", 0...3_650)
        }
        checks.require(targetLevel != .initiative, "targetLevel", "an escalation goes to portfolio or executive level")
        checks.require(Set(kinds).count == kinds.count, "kinds", "lists a kind twice")
        return checks.issues
    }

    /// Lodestar's starting rules.
    public static let defaults: [EscalationRule] = [
        EscalationRule(name: "Severe exposure goes to the executive", trigger: .score, threshold: 20, targetLevel: .executive,
                       kinds: [.risk, .issue]),
        EscalationRule(name: "High exposure goes to the portfolio board", trigger: .score, threshold: 15, targetLevel: .portfolio,
                       kinds: [.risk, .issue]),
        EscalationRule(name: "Unmitigated for a month", trigger: .ageWithoutMitigation, threshold: 30, targetLevel: .portfolio,
                       kinds: [.risk, .issue]),
        EscalationRule(name: "Mitigation two weeks overdue", trigger: .overdueMitigation, threshold: 14, targetLevel: .portfolio),
        EscalationRule(name: "Issue blocking a milestone due within 30 days", trigger: .blocksMilestone, threshold: 30,
                       targetLevel: .executive, kinds: [.issue]),
    ]
}

/// Applies escalation rules to RAID items.
public enum EscalationEvaluation {
    /// One RAID item with what the rules need beyond its fields.
    public struct Subject: Sendable, Equatable {
        public var item: Record<RAIDItem>
        /// When it was first recorded.
        public var identifiedOn: Day
        /// The milestone it blocks, if any.
        public var blockedMilestone: Milestone?

        public init(item: Record<RAIDItem>, identifiedOn: Day, blockedMilestone: Milestone? = nil) {
            self.item = item
            self.identifiedOn = identifiedOn
            self.blockedMilestone = blockedMilestone
        }
    }

    public struct Escalation: Sendable, Equatable {
        public var itemID: UUID
        public var from: EscalationLevel
        public var to: EscalationLevel
        public var ruleID: UUID
        public var ruleName: String
        public var reason: String
    }

    /// Escalations due today: for each open item, the highest level any active rule raises it to,
    /// if that is above where it is (the first such rule by name explains it). Items never move down
    /// here: de-escalation is a person's call, recorded with a reason.
    public static func evaluate(_ subjects: [Subject], rules: [Record<EscalationRule>], today: Day) -> [Escalation] {
        let active = rules.filter(\.active).sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
        var result: [Escalation] = []
        for subject in subjects where subject.item.status != .closed {
            var best: (rule: Record<EscalationRule>, reason: String)?
            for rule in active where rule.kinds.isEmpty || rule.kinds.contains(subject.item.kind) {
                guard rule.targetLevel.rank > subject.item.escalationLevel.rank,
                      let reason = reason(rule.fields, subject, today: today) else { continue }
                if best == nil || rule.targetLevel.rank > best!.rule.targetLevel.rank { best = (rule, reason) }
            }
            if let best {
                result.append(Escalation(
                    itemID: subject.item.id, from: subject.item.escalationLevel, to: best.rule.targetLevel, ruleID: best.rule.id,
                    ruleName: best.rule.name, reason: best.reason))
            }
        }
        return result
    }

    /// Why `rule` fires for the subject, or nil.
    static func reason(_ rule: EscalationRule, _ subject: Subject, today: Day) -> String? {
        let item = subject.item.fields
        switch rule.trigger {
            case .score:
                guard item.score >= rule.threshold else { return nil }
                return "Score \(item.probability) × \(item.impact) = \(item.score) is at or above \(rule.threshold)."
            case .ageWithoutMitigation:
                let age = subject.identifiedOn.days(until: today)
                guard item.mitigation.trimmingWhitespace.isEmpty, age >= rule.threshold else { return nil }
                return "Open \(age) days without a mitigation (limit \(rule.threshold))."
            case .overdueMitigation:
                guard !item.mitigation.trimmingWhitespace.isEmpty, let due = item.dueDate else { return nil }
                let late = due.days(until: today)
                guard late > 0, late >= rule.threshold else { return nil }
                return "Mitigation due \(due) is \(late) days overdue (limit \(rule.threshold))."
            case .blocksMilestone:
                guard let milestone = subject.blockedMilestone, !milestone.isReached else { return nil }
                let until = today.days(until: milestone.forecastDate)
                guard until <= rule.threshold else { return nil }
                let when = until < 0 ? "was due \(-until) days ago" : "is due in \(until) days"
                return "Blocks milestone “\(milestone.name)”, which \(when) (\(milestone.forecastDate))."
        }
    }
}
