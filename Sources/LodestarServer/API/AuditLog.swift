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
        let changes = self.changes(before: before, after: after)
        if action == .update, changes.isEmpty { return }
        let text = String(decoding: try JSONEncoder.api.encode(changes), as: UTF8.self)
        let actorID = caller.credential == .commandLine ? nil : caller.userID
        guard let sql = database as? any SQLDatabase else {
            try await AuditEntryModel(
                occurredAt: date, actorID: actorID, actorEmail: caller.email, action: action, entity: entity, entityID: id, changes: text
            ).create(on: database)
            return
        }
        // Every write records one entry: a plain insert skips the model's reflection, which cost more than the row.
        try await sql.insert(into: AuditEntryModel.schema)
            .columns("id", "occurred_at", "actor_id", "actor_email", "action", "entity", "entity_id", "changes")
            .values(SQLBind(UUID()), SQLBind(date), SQLBind(actorID), SQLBind(caller.email), SQLBind(action.rawValue),
                    SQLBind(entity), SQLBind(id), SQLBind(text))
            .run()
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
