import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// Reads one record by id, or asks whether one exists, in a plain statement.
///
/// Fluent builds these through its query builder, which reflects over every field of the model to
/// name the columns and serialises each name; on the API's hottest paths (read one, validate a
/// write's references) that cost more than the query itself. Rows still decode through the model.
enum RecordLookup {
    static func find<M: Model>(_ type: M.Type, _ id: UUID, on database: any Database) async throws -> M? where M.IDValue == UUID {
        guard let sql = database as? any SQLDatabase else { return try await M.find(id, on: database) }
        return try await sql.raw("SELECT * FROM \(ident: M.schema) WHERE id = \(bind: id) LIMIT 1")
            .first()?.decode(fluentModel: M.self)
    }

    static func exists<M: Model>(_ type: M.Type, _ id: UUID, on database: any Database) async throws -> Bool where M.IDValue == UUID {
        guard let sql = database as? any SQLDatabase else { return try await M.find(id, on: database) != nil }
        return try await sql.raw("SELECT 1 AS found FROM \(ident: M.schema) WHERE id = \(bind: id) LIMIT 1").first() != nil
    }
}
