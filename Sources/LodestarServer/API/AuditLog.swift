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
        guard let entry = try entry(action, entity: entity, id: id, before: before, after: after, by: caller, at: date) else { return }
        try await PlainInsert.create(entry, on: database)
    }

    /// The entry for a write, made ready before the write's transaction so that encoding it does not
    /// lengthen the time the transaction holds the write lock; nil for an update that changed nothing.
    /// Every write stores one, with `PlainInsert`: Fluent's reflection cost more than the row.
    static func entry(
        _ action: AuditAction, entity: String, id: UUID, before: JSONValue?, after: JSONValue?, by caller: Caller, at date: Date = Date()
    ) throws -> AuditEntryModel? {
        let changes = self.changes(before: before, after: after)
        if action == .update, changes.isEmpty { return nil }
        let entry = AuditEntryModel(
            occurredAt: date, actorID: caller.credential == .commandLine ? nil : caller.userID, actorEmail: caller.email,
            action: action, entity: entity, entityID: id, changes: String(decoding: try JSONEncoder.api.encode(changes), as: UTF8.self))
        entry.id = UUID()
        return entry
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
