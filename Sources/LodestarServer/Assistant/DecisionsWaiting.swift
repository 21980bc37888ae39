import Fluent
import Foundation
import LodestarCore

/// The decisions that name the caller as decision maker and are still pending, the overdue and the
/// most urgent first. Any signed-in user, about themselves only.
struct DecisionsWaiting: Encodable, Sendable {
    struct Waiting: Encodable, Sendable {
        var decision: WireRecord<Decision>
        var initiative: String?
        /// Days past the needed-by date (0 or more when overdue), or days left (negative) before it.
        var daysOverdue: Int?
        var link: String
    }

    var asOf: Day
    var decisionMaker: String
    var overdue: Int
    var decisions: [Waiting]

    static let tool = AssistantTool(
        name: "decisions_waiting_on_me", title: "Decisions waiting on me",
        description: "Lists the pending decisions for which the person using this assistant is the decision maker, overdue ones first, then by the date they are needed by: title, context, options, the initiative they hold up, the needed-by date and days overdue, and a link. Use it for 'what do I need to decide?'.",
        parameters: []
    ) { _, caller, session in
        let waiting = try await load(for: caller, session: session)
        return try ToolAnswer(summary: waiting.summary, value: waiting)
    }

    static func load(for caller: Caller, session: AssistantSession, today: Day = Day.today()) async throws -> DecisionsWaiting {
        let pending = try await DecisionModel.query(on: session.database)
            .filter(\.$decisionMakerID == caller.userID)
            .filter(\.$status == DecisionStatus.pending.rawValue)
            .all().map(\.record)
        let codes = try await InitiativeModel.query(on: session.database)
            .filter(\.$id ~~ Array(Set(pending.compactMap(\.initiativeID))))
            .all().reduce(into: [UUID: String]()) { $0[$1.id!] = "\($1.code) \($1.name)" }
        let waiting = pending
            .map { decision in
                Waiting(
                    decision: WireRecord(decision), initiative: decision.initiativeID.flatMap { codes[$0] },
                    daysOverdue: decision.neededBy.map { $0.days(until: today) },
                    link: session.link(decision.initiativeID.map { "/initiatives/\($0)#decisions" } ?? "/"))
            }
            .sorted { ($0.daysOverdue ?? .min, $1.decision.record.title) > ($1.daysOverdue ?? .min, $0.decision.record.title) }
        return DecisionsWaiting(
            asOf: today, decisionMaker: caller.name, overdue: pending.filter { $0.fields.isOverdue(on: today) }.count, decisions: waiting)
    }

    var summary: String {
        guard !decisions.isEmpty else { return "No pending decision names \(decisionMaker) as its decision maker (as of \(asOf))." }
        var lines = ["\(decisions.count) decisions wait on \(decisionMaker), \(overdue) of them overdue (as of \(asOf)):"]
        for entry in decisions {
            let decision = entry.decision.record
            var line = "- \(decision.title)"
            if let initiative = entry.initiative { line += " (\(initiative))" }
            if let neededBy = decision.neededBy, let days = entry.daysOverdue {
                line += days > 0 ? ": \(days) days overdue, needed by \(neededBy)" : ": needed by \(neededBy)"
            }
            if !decision.options.isEmpty { line += ". Options: \(decision.options.joined(separator: "; "))" }
            lines.append(line + " — \(entry.link)")
        }
        return lines.joined(separator: "\n")
    }
}
