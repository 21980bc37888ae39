import Fluent
import LodestarCore
import Vapor

/// The periodic work of governance, callable by whichever scheduler runs it (and by the PMO through
/// the API or `lodestar governance run`). Each step is safe to run on several instances at once.
public enum GovernanceJobs {
    public struct Summary: Content, Equatable {
        public var escalated: Int
        public var overdueDecisions: Int
        public var deliveries: WebhookDispatcher.Run
    }

    /// Applies the escalation rules as of `now`.
    public static func evaluateEscalations(app: Application, now: Date = Date()) async throws -> Int {
        try await EscalationService.evaluate(on: app.db, today: Day(now)).count
    }

    /// Queues the `decision.overdue` events not queued yet.
    public static func flagOverdueDecisions(app: Application, now: Date = Date()) async throws -> Int {
        try await DecisionService.flagOverdue(on: app.db, today: Day(now))
    }

    /// Sends the webhook deliveries that are due.
    public static func deliverDue(app: Application, now: Date = Date()) async throws -> WebhookDispatcher.Run {
        try await WebhookDispatcher.deliverDue(app: app, now: now)
    }

    /// All three, in the order that lets today's events go out today.
    public static func runAll(app: Application, now: Date = Date()) async throws -> Summary {
        let escalated = try await evaluateEscalations(app: app, now: now)
        let overdue = try await flagOverdueDecisions(app: app, now: now)
        return Summary(escalated: escalated, overdueDecisions: overdue, deliveries: try await deliverDue(app: app, now: now))
    }
}
