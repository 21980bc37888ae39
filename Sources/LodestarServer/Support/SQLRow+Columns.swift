import Foundation
import LodestarCore
import SQLKit

/// Short, typed reads of one column, for loaders that read plain rows instead of hydrating models.
extension SQLRow {
    /// SQLite keeps ids as text: read as text and parsed many times faster than Foundation's
    /// `UUID(uuidString:)`, which the drivers use. Other databases' native ids decode as they are.
    func uuid(_ column: String) throws -> UUID {
        if let text = try? decode(column: column, as: String.self), let id = UUID(canonicalText: text) { return id }
        return try decode(column: column, as: UUID.self)
    }

    func optionalUUID(_ column: String) throws -> UUID? {
        try decodeNil(column: column) ? nil : try uuid(column)
    }

    func text(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalText(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func number(_ column: String) throws -> Double { try decode(column: column, as: Double.self) }
    func integer(_ column: String) throws -> Int { try decode(column: column, as: Int.self) }
}
