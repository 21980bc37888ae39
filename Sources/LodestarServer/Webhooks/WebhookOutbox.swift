import Fluent
import LodestarCore
import SQLKit
import Vapor

/// The JSON every webhook receives: the event, when it happened, and its data.
struct WebhookPayload<Data: Encodable & Sendable>: Encodable, Sendable {
    var event: String
    var key: String
    var occurredAt: Date
    var data: Data
}

/// Puts events into the delivery outbox, inside the transaction of the change that caused them, so
/// an event exists exactly when its change was committed.
enum WebhookOutbox {
    /// One outbox row per active webhook subscribed to `event`. A key already queued for a webhook is
    /// ignored (the unique index decides, even when two instances race), so each event goes out at
    /// most once per webhook.
    static func enqueue<Data: Encodable & Sendable>(
        _ event: WebhookEvent, key: String, data: Data, on database: any Database, now: Date = Date()
    ) async throws {
        let webhooks = try await WebhookModel.query(on: database).filter(\.$active == true).all()
            .filter { $0.subscribedEvents.contains(event) }
        guard !webhooks.isEmpty, let sql = database as? any SQLDatabase else { return }
        let payload = String(decoding: try JSONEncoder.api.encode(WebhookPayload(event: event.rawValue, key: key, occurredAt: now, data: data)),
                             as: UTF8.self)
        for webhook in webhooks {
            try await sql.insert(into: WebhookDeliveryModel.schema)
                .columns("id", "webhook_id", "event", "event_key", "payload", "status", "attempts", "next_attempt_at", "created_at")
                .values(
                    SQLBind(UUID()), SQLBind(webhook.id!), SQLBind(event.rawValue), SQLBind(key), SQLBind(payload),
                    SQLBind(WebhookDeliveryModel.Status.pending.rawValue), SQLBind(0), SQLBind(now.timeIntervalSince1970),
                    SQLBind(now.timeIntervalSince1970))
                .ignoringConflicts(with: ["webhook_id", "event_key"])
                .run()
        }
    }
}

/// What a decision event carries.
struct DecisionEvent: Encodable, Sendable {
    var id: UUID
    var title: String
    var type: DecisionType
    var status: DecisionStatus
    var initiativeID: UUID?
    var linkedInitiativeIDs: [UUID]
    var decisionMakerID: UUID?
    var requestedOn: Day
    var neededBy: Day?
    var outcome: String

    init(id: UUID, _ decision: Decision) {
        self.id = id
        title = decision.title
        type = decision.type
        status = decision.status
        initiativeID = decision.initiativeID
        linkedInitiativeIDs = decision.linkedInitiativeIDs
        decisionMakerID = decision.decisionMakerID
        requestedOn = decision.requestedOn
        neededBy = decision.neededBy
        outcome = decision.outcome
    }
}
