import Fluent
import LodestarCore
import Vapor

/// One change to the portfolio: who, when, what, and each changed field before and after.
final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_email") var actorEmail: String
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @Field(key: "entity_id") var entityID: UUID
    /// JSON object: field → {"before": …, "after": …}
    @Field(key: "changes") var changes: String

    init() {}

    init(occurredAt: Date, actorID: UUID?, actorEmail: String, action: AuditAction, entity: String, entityID: UUID, changes: String) {
        self.occurredAt = occurredAt
        self.actorID = actorID
        self.actorEmail = actorEmail
        self.action = action.rawValue
        self.entity = entity
        self.entityID = entityID
        self.changes = changes
    }
}

enum AuditAction: String, Vocabulary {
    case create, update, delete
    /// An assistant called a tool over the Model Context Protocol (reads included).
    case invoke
}

struct FieldChange: Codable, Equatable, Sendable {
    var before: JSONValue?
    var after: JSONValue?
}

struct AuditEntryBody: Content, Equatable {
    var id: UUID
    var occurredAt: Date
    var actorID: UUID?
    var actorEmail: String
    var action: AuditAction
    var entity: String
    var entityID: UUID
    var changes: [String: FieldChange]

    init(_ entry: AuditEntryModel) {
        id = entry.id!
        occurredAt = entry.occurredAt
        actorID = entry.actorID
        actorEmail = entry.actorEmail
        action = AuditAction.stored(entry.action)
        entity = entry.entity
        entityID = entry.entityID
        changes = (try? JSONDecoder().decode([String: FieldChange].self, from: Data(entry.changes.utf8))) ?? [:]
    }
}
