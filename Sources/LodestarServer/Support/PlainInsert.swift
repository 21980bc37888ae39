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
    /// Per model type, which of its properties are its ID and the timestamps to set; nil for a type
    /// with a timestamp of another format (Fluent's protocol for touching any of them is internal).
    private static let plans = NIOLockedValueBox<[ObjectIdentifier: Plan?]>([:])

    private struct Plan {
        var id: Int
        var stamps: [Int]
    }

    /// The model's ID must be set (Fluent's generation of one is internal); without, Fluent creates it.
    static func create<M: Model>(_ model: M, on database: any Database) async throws {
        let properties = model.properties
        guard let sql = database as? any SQLDatabase, let plan = plan(for: M.self, properties),
              let id = properties[plan.id] as? IDProperty<M, M.IDValue>, id.value != nil
        else { return try await model.create(on: database) }
        let now = Date()
        for index in plan.stamps { (properties[index] as! TimestampProperty<M, DefaultTimestampFormat>).touch(date: now) }
        let columns = Columns()
        model.input(to: columns)
        guard columns.plain else { return try await model.create(on: database) }
        try await insert(into: M.schema, columns: columns.keys, values: columns.values, on: sql)
        id.exists = true
    }

    /// Inserts one row; `nil` values are written as NULL.
    private static func insert(into table: String, columns: [String], values: [(any Encodable & Sendable)?], on sql: any SQLDatabase) async throws {
        var row = SQLQueryString("")
        for (index, value) in values.enumerated() {
            if index > 0 { row.appendLiteral(", ") }
            // An untyped NULL, as Fluent writes it: PostgreSQL refuses a null bound as text for a uuid column.
            if let value { row.appendInterpolation(bind: value) } else { row.appendLiteral("NULL") }
        }
        try await sql.raw("\(unsafeRaw: head(of: table, columns: columns, on: sql)) VALUES (\(row))").run()
    }

    private static func plan<M: Model>(for type: M.Type, _ properties: [any AnyProperty]) -> Plan? {
        if let known = plans.withLockedValue({ $0[ObjectIdentifier(type)] }) { return known }
        var id: Int?
        var stamps: [Int] = []
        var plain = true
        for (index, property) in properties.enumerated() {
            if property is IDProperty<M, M.IDValue> {
                id = index
            } else if let timestamp = property as? TimestampProperty<M, DefaultTimestampFormat> {
                if timestamp.trigger == .create || timestamp.trigger == .update { stamps.append(index) }
            } else if String(describing: Swift.type(of: property)).hasPrefix("TimestampProperty<") {
                plain = false
            }
        }
        let plan = plain ? id.map { Plan(id: $0, stamps: stamps) } : nil
        plans.withLockedValue { $0[ObjectIdentifier(type)] = .some(plan) }
        return plan
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
