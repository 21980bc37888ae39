import Foundation
import LodestarCore
import SQLiteKit
import SQLKit

/// Short, typed reads of one column, for loaders that read plain rows instead of hydrating models.
extension SQLRow {
    /// SQLite keeps ids as text: they are read with a parser many times faster than Foundation's.
    func uuid(_ column: String) throws -> UUID {
        if let id = sqliteUUID(column) { return id }
        return try decode(column: column, as: UUID.self)
    }

    func optionalUUID(_ column: String) throws -> UUID? {
        if let row = self as? SQLiteRow, row.column(column) == .null { return nil }
        if let id = sqliteUUID(column) { return id }
        return try decode(column: column, as: UUID?.self)
    }

    func text(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalText(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func number(_ column: String) throws -> Double { try decode(column: column, as: Double.self) }
    func integer(_ column: String) throws -> Int { try decode(column: column, as: Int.self) }

    private func sqliteUUID(_ column: String) -> UUID? {
        guard let row = self as? SQLiteRow, case .text(let text) = row.column(column) else { return nil }
        return UUID(canonicalText: text)
    }
}
