import Fluent
import Foundation
import NIOCore
import SQLKit
import SQLiteNIO

/// A complete, versioned JSON archive of the database, built from the schema itself: every table the
/// database has (except Fluent's migration log) with every row, so tables added by later migrations
/// are archived without any change here. Restoring needs an empty, migrated database.
public struct DatabaseArchive: Codable, Sendable, Equatable {
    public static let formatName = "lodestar-archive"
    public static let formatVersion = 1

    public struct Table: Codable, Sendable, Equatable {
        public var name: String
        public var columns: [String]
        public var rows: [[Value]]
    }

    /// A column value with its storage type kept: JSON numbers, strings, booleans and null as they are,
    /// binary as `{"base64": "…"}`.
    public enum Value: Codable, Sendable, Equatable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case bool(Bool)
        case blob(Data)

        private enum Keys: String, CodingKey { case base64 }

        public init(from decoder: any Decoder) throws {
            if let container = try? decoder.container(keyedBy: Keys.self) {
                guard let data = Data(base64Encoded: try container.decode(String.self, forKey: .base64)) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid base64"))
                }
                self = .blob(data)
                return
            }
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Int64.self) { self = .integer(value) }
            else if let value = try? container.decode(Double.self) { self = .real(value) }
            else { self = .text(try container.decode(String.self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            if case .blob(let data) = self {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(data.base64EncodedString(), forKey: .base64)
                return
            }
            var container = encoder.singleValueContainer()
            switch self {
                case .null: try container.encodeNil()
                case .integer(let value): try container.encode(value)
                case .real(let value): try container.encode(value)
                case .text(let value): try container.encode(value)
                case .bool(let value): try container.encode(value)
                case .blob: break
            }
        }
    }

    public var format: String
    public var formatVersion: Int
    public var lodestarVersion: String
    public var exportedAt: Date
    /// The migrations the database had run, so a restore can tell an archive from a newer version.
    public var migrations: [String]
    /// Parents before the tables that refer to them.
    public var tables: [Table]

    public var rowCount: Int { tables.reduce(0) { $0 + $1.rows.count } }
}

public struct ArchiveError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}

extension DatabaseArchive {
    static let excludedTables: Set<String> = ["_fluent_migrations"]

    /// Reads every table in one transaction, so the archive is one consistent moment of the database.
    static func export(from database: any Database, version: String) async throws -> DatabaseArchive {
        try await database.transaction { database in
            let sql = try sqlDatabase(database)
            let schema = try await Schema.read(sql)
            var tables: [Table] = []
            for name in schema.orderedTables {
                let columns = schema.columns[name] ?? []
                let rows = try await sql.raw(schema.dialect.selectAll(from: name, columns: columns)).all()
                tables.append(Table(name: name, columns: columns.map(\.name), rows: try rows.map { row in
                    try columns.enumerated().map { try schema.dialect.value(row, $0.element, index: $0.offset) }
                }))
            }
            let migrations = try await sql.raw("SELECT name FROM _fluent_migrations ORDER BY batch, name").all()
                .map { try $0.decode(column: "name", as: String.self) }
            return DatabaseArchive(
                format: formatName, formatVersion: formatVersion, lodestarVersion: version, exportedAt: Date(),
                migrations: migrations, tables: tables)
        }
    }

    /// Writes the archive into an empty database (migrated to at least the archive's version) in one
    /// transaction: all of it, or nothing.
    func restore(into database: any Database) async throws {
        guard format == Self.formatName else { throw ArchiveError("This is not a Lodestar archive (format '\(format)').") }
        guard formatVersion <= Self.formatVersion else {
            throw ArchiveError("The archive has format version \(formatVersion); this Lodestar reads up to \(Self.formatVersion). Upgrade Lodestar first.")
        }
        try await database.transaction { database in
            let sql = try Self.sqlDatabase(database)
            let schema = try await Schema.read(sql)
            let known = Set(try await sql.raw("SELECT name FROM _fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) })
            let newer = migrations.filter { !known.contains($0) }
            if !newer.isEmpty {
                throw ArchiveError("The archive comes from a newer Lodestar (migrations \(newer.prefix(3).joined(separator: ", "))…); upgrade before restoring.")
            }
            // Empty means nobody has used it: no people and no portfolio. Migrations may have seeded
            // default configuration (tier rules, gate templates, thresholds); the archive's rows replace it.
            for table in ["users", "initiatives"] where schema.columns[table] != nil {
                let count = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
                if count > 0 { throw ArchiveError("The database is not empty (table \(table) has \(count) rows); restore into a new database.") }
            }
            for table in schema.orderedTables.reversed() where tables.contains(where: { $0.name == table }) {
                try await sql.raw("DELETE FROM \(ident: table)").run()
            }
            if schema.dialect == .sqlite {
                // Rows of self-referencing tables (objectives under objectives) may come in any order.
                try await sql.raw("PRAGMA defer_foreign_keys = ON").run()
            }
            let byName = Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            for name in byName.keys where schema.columns[name] == nil {
                throw ArchiveError("The archive has a table '\(name)' this database does not.")
            }
            for name in schema.orderedTables {
                guard let table = byName[name] else { continue }
                let columns = schema.columns[name] ?? []
                let types = Dictionary(columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
                for column in table.columns where types[column] == nil {
                    throw ArchiveError("The archive's table \(name) has a column '\(column)' this database does not.")
                }
                for (index, row) in table.rows.enumerated() where row.count != table.columns.count {
                    throw ArchiveError("Row \(index + 1) of table \(name) has \(row.count) values for \(table.columns.count) columns.")
                }
                // SQLite allows 32,766 bound values per statement; stay well under it.
                let batch = max(1, 2_000 / max(table.columns.count, 1))
                var start = 0
                while start < table.rows.count {
                    let rows = table.rows[start..<min(start + batch, table.rows.count)]
                    var insert = sql.insert(into: SQLIdentifier(name)).columns(table.columns.map { SQLIdentifier($0) })
                    for row in rows {
                        insert = insert.values(try zip(table.columns, row).map { column, value in
                            try schema.dialect.bind(value, types[column]!)
                        })
                    }
                    try await insert.run()
                    start += batch
                }
            }
        }
    }

    private static func sqlDatabase(_ database: any Database) throws -> any SQLDatabase {
        guard let sql = database as? any SQLDatabase else { throw ArchiveError("The database does not speak SQL.") }
        return sql
    }
}

// MARK: - reading the schema

private enum Dialect {
    case sqlite, postgres

    /// Every row of a table in a stable order. SQLite's values keep their storage class: each comes
    /// with its `typeof`, and blobs as hex (the driver's row type is not public, so this is asked in SQL).
    func selectAll(from table: String, columns: [Column]) -> SQLQueryString {
        func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        switch self {
            case .sqlite:
                let list = columns.enumerated().map { index, column in
                    let name = quoted(column.name)
                    return "typeof(\(name)) AS \"t\(index)\", CASE typeof(\(name)) WHEN 'blob' THEN hex(\(name)) ELSE \(name) END AS \"v\(index)\""
                }
                return "SELECT \(unsafeRaw: list.joined(separator: ", ")) FROM \(unsafeRaw: quoted(table)) ORDER BY 2"
            case .postgres:
                return "SELECT * FROM \(unsafeRaw: quoted(table)) ORDER BY 1"
        }
    }

    func value(_ row: any SQLRow, _ column: Column, index: Int) throws -> DatabaseArchive.Value {
        switch self {
            case .sqlite:
                let value = "v\(index)"
                switch try row.decode(column: "t\(index)", as: String.self) {
                    case "integer": return .integer(try row.decode(column: value, as: Int64.self))
                    case "real": return .real(try row.decode(column: value, as: Double.self))
                    case "text": return .text(try row.decode(column: value, as: String.self))
                    case "blob": return .blob(Data(hex: try row.decode(column: value, as: String.self)))
                    default: return .null
                }
            case .postgres:
                if try row.decodeNil(column: column.name) { return .null }
                switch column.type {
                    case "boolean": return .bool(try row.decode(column: column.name, as: Bool.self))
                    case "smallint", "integer", "bigint": return .integer(try row.decode(column: column.name, as: Int64.self))
                    case "real", "double precision", "numeric": return .real(try row.decode(column: column.name, as: Double.self))
                    case "bytea": return .blob(try row.decode(column: column.name, as: Data.self))
                    case "uuid": return .text(try row.decode(column: column.name, as: UUID.self).uuidString)
                    case let type where type.hasPrefix("timestamp"):
                        return .real(try row.decode(column: column.name, as: Date.self).timeIntervalSince1970)
                    default: return .text(try row.decode(column: column.name, as: String.self))
                }
        }
    }

    func bind(_ value: DatabaseArchive.Value, _ column: Column) throws -> any SQLExpression {
        if value == .null { return SQLLiteral.null }
        switch self {
            case .sqlite:
                switch value {
                    case .integer(let number): return SQLBind(SQLiteData.integer(.init(number)))
                    case .real(let number): return SQLBind(SQLiteData.float(number))
                    case .text(let text): return SQLBind(SQLiteData.text(text))
                    case .bool(let flag): return SQLBind(SQLiteData.integer(flag ? 1 : 0))
                    case .blob(let data): return SQLBind(SQLiteData.blob(ByteBuffer(bytes: data)))
                    case .null: return SQLLiteral.null
                }
            case .postgres:
                switch (column.type, value) {
                    case ("uuid", .text(let text)):
                        guard let id = UUID(uuidString: text) else { throw ArchiveError("'\(text)' in column \(column.name) is not a UUID.") }
                        return SQLBind(id)
                    case (let type, .real(let seconds)) where type.hasPrefix("timestamp"):
                        return SQLBind(Date(timeIntervalSince1970: seconds))
                    case ("boolean", .integer(let number)): return SQLBind(number != 0)
                    case (_, .integer(let number)): return SQLBind(number)
                    case (_, .real(let number)): return SQLBind(number)
                    case (_, .text(let text)): return SQLBind(text)
                    case (_, .bool(let flag)): return SQLBind(flag)
                    case (_, .blob(let data)): return SQLBind(data)
                    case (_, .null): return SQLLiteral.null
                }
        }
    }
}

private extension Data {
    init(hex: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for character in hex.utf8 {
            let nibble: UInt8 = character <= UInt8(ascii: "9") ? character - UInt8(ascii: "0") : (character | 0x20) - UInt8(ascii: "a") + 10
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        self.init(bytes)
    }
}

private struct Column {
    var name: String
    var type: String
}

/// The tables, their columns, and an order in which every table comes after those it refers to.
private struct Schema {
    var dialect: Dialect
    var columns: [String: [Column]] = [:]
    var orderedTables: [String] = []

    static func read(_ sql: any SQLDatabase) async throws -> Schema {
        var references: [String: Set<String>] = [:]
        var schema: Schema
        switch sql.dialect.name {
            case "sqlite":
                schema = Schema(dialect: .sqlite)
                let names = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                    .filter { !DatabaseArchive.excludedTables.contains($0) }
                for name in names {
                    schema.columns[name] = try await sql.raw("SELECT name, type FROM pragma_table_info(\(bind: name)) ORDER BY cid").all().map {
                        Column(name: try $0.decode(column: "name", as: String.self), type: try $0.decode(column: "type", as: String.self).lowercased())
                    }
                    references[name] = Set(try await sql.raw("SELECT \"table\" AS target FROM pragma_foreign_key_list(\(bind: name))").all()
                        .map { try $0.decode(column: "target", as: String.self) })
                }
            default:
                schema = Schema(dialect: .postgres)
                let rows = try await sql.raw("""
                    SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
                    JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
                    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                    ORDER BY c.table_name, c.ordinal_position
                    """).all()
                for row in rows {
                    let table = try row.decode(column: "table_name", as: String.self)
                    if DatabaseArchive.excludedTables.contains(table) { continue }
                    schema.columns[table, default: []].append(Column(
                        name: try row.decode(column: "column_name", as: String.self), type: try row.decode(column: "data_type", as: String.self)))
                }
                let links = try await sql.raw("""
                    SELECT tc.table_name AS source, ccu.table_name AS target FROM information_schema.table_constraints tc
                    JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
                    WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
                    """).all()
                for link in links {
                    references[try link.decode(column: "source", as: String.self), default: []].insert(try link.decode(column: "target", as: String.self))
                }
        }
        schema.orderedTables = topologicalOrder(schema.columns.keys.sorted(), references: references)
        return schema
    }

    /// Kahn's algorithm, alphabetical among equals for a stable archive; a table's references to
    /// itself are left to deferred constraints.
    private static func topologicalOrder(_ tables: [String], references: [String: Set<String>]) -> [String] {
        var remaining = tables
        var placed: [String] = []
        var done = Set<String>()
        while !remaining.isEmpty {
            let ready = remaining.filter { table in
                (references[table] ?? []).allSatisfy { $0 == table || done.contains($0) || !tables.contains($0) }
            }
            // A cycle between tables (none today) would otherwise stop the loop; take them in name order.
            let next = ready.isEmpty ? [remaining[0]] : ready
            for table in next {
                placed.append(table)
                done.insert(table)
            }
            remaining.removeAll { done.contains($0) }
        }
        return placed
    }
}
