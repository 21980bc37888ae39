import FluentKit
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Inserts a new model in one plain statement, as Fluent's `create` would: creation and update
/// timestamps set, every field written, the model marked as stored.
///
/// Every API create runs one insert while it holds the write lock, and Fluent's `create` spent more
/// there than the statement did: a query builder, the model's ID found by `Mirror`, each column name
/// quoted and escaped again on every call, and the saved values read back. Here the statement's text is
/// made once per table and column list; only the values are bound per call. A model with a property
/// this cannot write plainly (a database enum, a nested group) is created by Fluent.
enum PlainInsert {
    private static let heads = NIOLockedValueBox<[String: String]>([:])

    static func create<M: Model>(_ model: M, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, let id = stamped(model) else { return try await model.create(on: database) }
        let columns = Columns()
        model.input(to: columns)
        guard columns.plain else { return try await model.create(on: database) }
        var values = SQLQueryString("")
        for (index, value) in columns.values.enumerated() {
            if index > 0 { values.appendLiteral(", ") }
            // An untyped NULL, as Fluent writes it: PostgreSQL refuses a null bound as text for a uuid column.
            if let value { values.appendInterpolation(bind: value) } else { values.appendLiteral("NULL") }
        }
        try await sql.raw("\(unsafeRaw: head(of: M.schema, columns: columns.keys, on: sql)) VALUES (\(values))").run()
        id.exists = true
    }

    /// Sets the model's creation and update timestamps to now and answers its ID property, or nil
    /// if either is of a kind this does not know.
    private static func stamped<M: Model>(_ model: M) -> IDProperty<M, M.IDValue>? {
        let now = Date()
        var id: IDProperty<M, M.IDValue>?
        for property in model.properties {
            if let found = property as? IDProperty<M, M.IDValue> {
                id = found
            } else if let timestamp = property as? TimestampProperty<M, DefaultTimestampFormat> {
                if timestamp.trigger == .create || timestamp.trigger == .update { timestamp.touch(date: now) }
            } else if String(describing: type(of: property)).hasPrefix("TimestampProperty<") {
                return nil   // another timestamp format: Fluent's protocol for touching any of them is internal
            }
        }
        return id
    }

    private static func head(of table: String, columns: [String], on sql: any SQLDatabase) -> String {
        let key = "\(sql.dialect.name) \(table) \(columns.joined(separator: ","))"
        if let known = heads.withLockedValue({ $0[key] }) { return known }
        var serializer = SQLSerializer(database: sql)
        serializer.write("INSERT INTO ")
        SQLIdentifier(table).serialize(to: &serializer)
        serializer.write(" (")
        SQLList(columns.map { SQLIdentifier($0) }).serialize(to: &serializer)
        serializer.write(")")
        heads.withLockedValue { $0[key] = serializer.sql }
        return serializer.sql
    }

    /// Collects every column's value; `plain` turns false on a value that is not a single bind or null.
    private final class Columns: DatabaseInput {
        var keys: [String] = []
        /// nil for NULL
        var values: [(any Encodable & Sendable)?] = []
        var plain = true
        var wantsUnmodifiedKeys: Bool { true }

        func set(_ value: DatabaseQuery.Value, at key: FieldKey) {
            switch value {
                case .bind(let bound):
                    keys.append(key.description)
                    values.append(bound)
                case .null:
                    keys.append(key.description)
                    values.append(nil)
                case .default:
                    break   // the column's default, as Fluent leaves it out too
                default:
                    plain = false
            }
        }
    }
}
