import Fluent
import Foundation
import SQLKit

/// Moves a record's version on atomically, so of two concurrent writers at the same version exactly
/// one succeeds, on every instance and on both databases.
enum VersionClaim {
    /// Claims `expectedVersion` of the row, or says why it could not: another version is current, or no such row.
    static func claim(_ table: String, id: UUID, expectedVersion: Int, on database: any Database) async throws -> Outcome {
        guard let sql = database as? any SQLDatabase else { return .claimed }
        let claimed = try await sql.update(table)
            .set("version", to: SQLBinaryExpression(SQLColumn("version"), .add, SQLLiteral.numeric("1")))
            .where("id", .equal, id)
            .where("version", .equal, expectedVersion)
            .returning("id")
            .all()
        if !claimed.isEmpty { return .claimed }
        let current = try await sql.select().column("version").from(table).where("id", .equal, id).first(decoding: VersionRow.self)
        return current.map { .stale(current: $0.version) } ?? .notFound
    }

    enum Outcome: Equatable {
        case claimed
        case stale(current: Int)
        case notFound
    }

    private struct VersionRow: Decodable {
        var version: Int
    }
}
