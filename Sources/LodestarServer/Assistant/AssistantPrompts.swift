import Foundation
import LodestarCore
import MCP

/// Conversation starters that turn the tools into a PMO routine: the weekly executive briefing and
/// the preparation of an initiative's gate review. Each is grounded in live data fetched as the caller.
enum AssistantPrompts {
    static let weeklyBriefing = "weekly_executive_briefing"
    static let gateReview = "prepare_gate_review"

    static let list = [
        Prompt(
            name: weeklyBriefing, title: "Weekly executive briefing",
            description: "A one-page briefing for leadership: where to focus this week, the decisions waiting, and the six executive questions answered with live figures and links."),
        Prompt(
            name: gateReview, title: "Prepare the gate review of an initiative",
            description: "Prepares an initiative's next gate review: readiness against its tier's evidence, health, forecast, risks, decisions and benefits, ending with a recommendation.",
            arguments: [.init(name: "initiative", description: "The initiative's id or code (e.g. INI-012).", required: true)]),
    ]

    static func get(_ name: String, arguments: [String: String]?, session: AssistantSession) async throws -> GetPrompt.Result {
        let caller: Caller
        do { caller = try await session.caller() } catch let failure as ToolFailure { throw MCPError.invalidRequest(failure.message) }
        let result: GetPrompt.Result
        switch name {
            case weeklyBriefing:
                let focus = try await ExecutiveQuestionTools.answer("Q6", session: session)
                result = GetPrompt.Result(
                    description: "Weekly executive briefing from Lodestar's live data",
                    messages: [.user(.text(text: """
                        Prepare this week's executive briefing on the portfolio from Lodestar's live data.

                        1. Start from where leadership needs to focus (below), in order of severity.
                        2. Call decisions_waiting_on_me and list what I must decide, overdue first.
                        3. Call the other executive-question tools (which_initiatives_to_prioritise, biggest_resource_constraints, \
                        why_projects_are_delayed, most_critical_work, outcomes_delivered) and give each answer's headline figure in one line.
                        4. Quote figures exactly as the tools give them, link every record you mention, and end with at most three \
                        recommended actions. Keep it to one page.

                        Where leadership needs to focus now:
                        \(focus.summary)
                        """))])
            case gateReview:
                guard let key = arguments?["initiative"]?.trimmingCharacters(in: .whitespaces), !key.isEmpty else {
                    throw MCPError.invalidParams("Prompt '\(gateReview)' needs the argument 'initiative' (an id or a code such as INI-012).")
                }
                let picture: InitiativePicture
                do {
                    let initiative = try await AssistantLookup.initiative(key, on: session.database)
                    picture = try await InitiativePicture.load(initiative.id!, session: session)
                } catch let failure as ToolFailure {
                    throw MCPError.invalidParams(failure.message)
                }
                let record = picture.initiative
                result = GetPrompt.Result(
                    description: "Gate review preparation for \(record.code) \(record.name)",
                    messages: [.user(.text(text: """
                        Prepare the gate review of \(record.code) \(record.name), now at the \(record.currentGate.label) gate \
                        (\(record.tier.label) governance tier), for the decision makers.

                        Cover: (1) whether the evidence this tier needs for the next gate is there (business case, plan, \
                        benefits defined with baselines and targets, risks owned and mitigated); (2) health per dimension and \
                        the rules that fired; (3) the finish forecast against the baseline; (4) open risks and issues by score; \
                        (5) pending decisions; (6) benefits against plan; (7) the objectives it serves and the work that waits on it. \
                        End with a recommendation (proceed, proceed with conditions, hold or stop) and the conditions.
                        Call initiative_picture with "\(record.id)" for the full data, and link the record: \(record.link)

                        The initiative now:
                        \(picture.summary)
                        """))])
            default:
                throw MCPError.invalidParams("Unknown prompt '\(name)'. The prompts are: \(list.map(\.name).joined(separator: ", ")).")
        }
        try await AssistantCatalog.audit(tool: "prompt \(name)", arguments: nil, outcome: "answered", subject: nil, caller: caller, session: session)
        return result
    }
}
