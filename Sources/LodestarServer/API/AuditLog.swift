import Fluent
import SQLKit
import LodestarCore
import Vapor

/// Writes the audit trail: every create, update and delete, with each changed field before and after.
enum AuditLog {
    static func record(
        _ action: AuditAction, entity: String, id: UUID, before: JSONValue?, after: JSONValue?,
        by caller: Caller, on database: any Database, at date: Date = Date()
    ) async throws {
        try await entry(action, entity: entity, id: id, before: before, after: after, by: caller, at: date)?.insert(on: database)
    }

    /// The entry for a write, made ready before the write's transaction so that encoding it does not
    /// lengthen the time the transaction holds the write lock; nil for an update that changed nothing.
    static func entry(
        _ action: AuditAction, entity: String, id: UUID, before: JSONValue?, after: JSONValue?, by caller: Caller, at date: Date = Date()
    ) throws -> Entry? {
        let changes = self.changes(before: before, after: after)
        if action == .update, changes.isEmpty { return nil }
        return Entry(
            occurredAt: date, actorID: caller.credential == .commandLine ? nil : caller.userID, actorEmail: caller.email,
            action: action, entity: entity, entityID: id, changes: String(decoding: try JSONEncoder.api.encode(changes), as: UTF8.self))
    }

    struct Entry: Sendable {
        var occurredAt: Date
        var actorID: UUID?
        var actorEmail: String
        var action: AuditAction
        var entity: String
        var entityID: UUID
        var changes: String

        func insert(on database: any Database) async throws {
            guard let sql = database as? any SQLDatabase else {
                try await AuditEntryModel(
                    occurredAt: occurredAt, actorID: actorID, actorEmail: actorEmail, action: action, entity: entity,
                    entityID: entityID, changes: changes
                ).create(on: database)
                return
            }
            // Every write records one entry: a plain insert skips the model's reflection, which cost more than the row.
            try await PlainInsert.insert(
                into: AuditEntryModel.schema,
                columns: ["id", "occurred_at", "actor_id", "actor_email", "action", "entity", "entity_id", "changes"],
                values: [UUID(), occurredAt, actorID, actorEmail, action.rawValue, entity, entityID, changes], on: sql)
        }
    }

    /// Field-by-field difference of two JSON objects; absent and null are the same.
    static func changes(before: JSONValue?, after: JSONValue?) -> [String: FieldChange] {
        let old = before?.objectValue ?? [:], new = after?.objectValue ?? [:]
        var result: [String: FieldChange] = [:]
        for key in Set(old.keys).union(new.keys) {
            let a = old[key].flatMap { $0 == .null ? nil : $0 }
            let b = new[key].flatMap { $0 == .null ? nil : $0 }
            if a != b { result[key] = FieldChange(before: a, after: b) }
        }
        return result
    }
}
