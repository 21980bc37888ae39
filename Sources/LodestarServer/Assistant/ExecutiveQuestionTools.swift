import Foundation
import LodestarCore

/// The six executive questions (DESIGN.md), one tool each, answered with the dashboard's own
/// computation so an assistant quotes exactly the figures the dashboard page and `GET /api/v1/dashboard` show.
///
/// Access: any signed-in user, as for the dashboard.
enum ExecutiveQuestionTools {
    struct QuestionAnswer: Codable, Sendable {
        var asOf: Day
        var period: ReportingPeriod
        /// The dashboard's answer, with its links made absolute when the server's address is known.
        var answer: ExecutiveDashboard.Answer
        /// The ranked findings behind Q6, most urgent first.
        var insights: [ExecutiveDashboard.Insight]?
    }

    private struct Question {
        var id: String
        var tool: String
        var title: String
        var description: String
    }

    private static let questions = [
        Question(
            id: "Q1", tool: "which_initiatives_to_prioritise", title: "Which initiatives should we prioritise?",
            description: "Answers the executive question 'Which initiatives should we prioritise?' from live portfolio data: the headline figure (how many of the top 10 by score are not yet approved), the highest-scoring initiatives with their scores out of 100, and links to each record and to the full ranking. Use it when someone asks what to fund, start or approve next."),
        Question(
            id: "Q2", tool: "biggest_resource_constraints", title: "Where are our biggest resource constraints?",
            description: "Answers 'Where are our biggest resource constraints?': how many pool-quarters from this quarter on are over-allocated, the tightest pool and quarter with demand against capacity in FTE, and the five most over-allocated pool-quarters as % of capacity. Use it for questions about people, capacity, bottlenecks or over-allocation."),
        Question(
            id: "Q3", tool: "why_projects_are_delayed", title: "Why do projects keep getting delayed?",
            description: "Answers 'Why do projects keep getting delayed?': the average chance of finishing by the baseline date (Monte Carlo forecast from the portfolio's own slippage history), how many initiatives slipped and by how many days, and a Pareto of delay causes in days. Use it for questions about delays, slippage, schedule risk or forecasts."),
        Question(
            id: "Q4", tool: "most_critical_work", title: "Which work is most critical to our strategy?",
            description: "Answers 'Which work is most critical to our strategy?': how many in-flight initiatives hold up other strategic work, the most critical ones by the strategic value that depends on them, and how many initiatives serve no objective and objectives have no work. Use it for questions about strategic alignment, critical paths and dependencies."),
        Question(
            id: "Q5", tool: "outcomes_delivered", title: "Are we delivering the outcomes we expected?",
            description: "Answers 'Are we delivering the outcomes we expected?': the share of measured benefits that are achieved or on track, how many are not measured yet, how many completed initiatives moved no outcome, and benefits counted by status. Use it for questions about benefits, KPIs, outcomes and value realised."),
        Question(
            id: "Q6", tool: "where_leadership_should_focus", title: "Where does leadership need to focus?",
            description: "Answers 'Where does leadership need to focus?' (or 'what needs my attention this week?'): how many findings need leadership now, and the ranked findings themselves (overdue decisions, risks escalated to executives, red initiatives, forecasts that will miss, over-allocated pools, missing status updates), each with its severity 0-100 and a link to the record. Start here for a weekly briefing."),
    ]

    static var tools: [AssistantTool] {
        questions.map { question in
            AssistantTool(name: question.tool, title: question.title, description: question.description) { _, _, session in
                try await answer(question.id, session: session)
            }
        }
    }

    static func answer(_ id: String, session: AssistantSession) async throws -> ToolAnswer {
        // The page's and the API's own computation, from the same cache.
        let dashboard = try await Dashboard.compute(on: session.database, cache: session.application.snapshotCache)
        guard var answer = dashboard.answers.first(where: { $0.id == id }) else {
            throw ToolFailure(kind: .failed, message: "The dashboard has no answer \(id).")
        }
        answer.link = session.link(answer.link)
        answer.chart = answer.chart.map { bar in
            var bar = bar
            bar.link = bar.link.map(session.link)
            return bar
        }
        let insights = id == "Q6" ? dashboard.insights.map { insight in
            var insight = insight
            insight.link = session.link(insight.link)
            return insight
        } : nil
        let result = QuestionAnswer(asOf: dashboard.asOf, period: dashboard.period, answer: answer, insights: insights)
        return try ToolAnswer(summary: summary(result), value: result)
    }

    static func summary(_ result: QuestionAnswer) -> String {
        let answer = result.answer
        var lines = ["\(answer.id) \(answer.question) (live data as of \(result.asOf))", "\(answer.headline).", answer.detail]
        if !answer.chart.isEmpty {
            lines.append("")
            lines.append("Figures (\(answer.chartUnit)):")
            lines += answer.chart.map { bar in "- \(bar.label): \(Self.figure(bar.value))" + (bar.link.map { " — \($0)" } ?? "") }
        }
        if let insights = result.insights, !insights.isEmpty {
            lines.append("")
            lines.append("Findings, most urgent first:")
            lines += insights.map { "\($0.rank). [severity \(Self.figure($0.severity))] \($0.text) — \($0.link)" }
        }
        lines.append("")
        lines.append("Full answer: \(answer.link)")
        return lines.joined(separator: "\n")
    }

    static func figure(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
