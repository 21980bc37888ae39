import Fluent
import LodestarCore
import Vapor

/// An outgoing webhook: where events go, which ones, and the secret their signatures use.
final class WebhookModel: Model, @unchecked Sendable {
    static let schema = "webhooks"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "url") var url: String
    /// Kept in clear: signing needs it. Shown once, when the webhook is created.
    @Field(key: "secret") var secret: String
    /// A JSON array of event names.
    @Field(key: "events") var events: String
    @Field(key: "active") var active: Bool
    @Field(key: "description") var description: String

    init() {}

    var subscribedEvents: [WebhookEvent] { StoredJSON.decode([WebhookEvent].self, events, fallback: []) }
}

/// One event on its way to one webhook: the durable outbox row that instances claim and deliver.
final class WebhookDeliveryModel: Model, @unchecked Sendable {
    static let schema = "webhook_deliveries"

    enum Status: String, Vocabulary {
        case pending, delivered, failed, cancelled
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "webhook_id") var webhookID: UUID
    @Field(key: "event") var event: String
    /// What makes the event unique for the webhook, e.g. `decision.overdue:<id>`.
    @Field(key: "event_key") var eventKey: String
    @Field(key: "payload") var payload: String
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Double
    @OptionalField(key: "claimed_by") var claimedBy: String?
    @OptionalField(key: "claimed_until") var claimedUntil: Double?
    @OptionalField(key: "response_status") var responseStatus: Int?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Double
    @OptionalField(key: "delivered_at") var deliveredAt: Double?

    init() {}
}

/// A webhook as the API shows it: never its secret.
struct WebhookBody: Content {
    var id: UUID
    var url: String
    var events: [WebhookEvent]
    var active: Bool
    var description: String
    var createdAt: Date?

    init(_ model: WebhookModel) {
        id = model.id!
        url = model.url
        events = model.subscribedEvents
        active = model.active
        description = model.description
        createdAt = model.createdAt
    }
}

/// One line of a webhook's delivery log.
struct WebhookDeliveryBody: Content {
    var id: UUID
    var event: String
    var eventKey: String
    var status: String
    var attempts: Int
    var responseStatus: Int?
    var lastError: String?
    var createdAt: Date
    var nextAttemptAt: Date?
    var deliveredAt: Date?

    init(_ model: WebhookDeliveryModel) {
        id = model.id!
        event = model.event
        eventKey = model.eventKey
        status = model.status
        attempts = model.attempts
        responseStatus = model.responseStatus
        lastError = model.lastError
        createdAt = Date(timeIntervalSince1970: model.createdAt)
        nextAttemptAt = model.status == WebhookDeliveryModel.Status.pending.rawValue ? Date(timeIntervalSince1970: model.nextAttemptAt) : nil
        deliveredAt = model.deliveredAt.map(Date.init(timeIntervalSince1970:))
    }
}
