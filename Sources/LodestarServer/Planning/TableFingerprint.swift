import Fluent
import SQLKit

/// A cheap text that changes whenever any row of the given tables is inserted, updated or deleted:
/// per table the row count, the sum of versions (versions only grow) and the newest update, read in
/// one query. Caches compare it on every request, so a write through any instance is seen by all.
enum TableFingerprint {
    /// All the tables' fingerprints as one text.
    /// - Parameters:
    ///   - versioned: portfolio tables (with `version` and `updated_at`).
    ///   - appendOnly: tables whose rows are only ever inserted (their count is enough).
    /// - Returns: nil on a database without SQL, where callers should not cache.
    static func read(versioned: [String], appendOnly: [String] = [], on database: any Database) async throws -> String? {
        try await readEach(versioned: versioned, appendOnly: appendOnly, on: database).map { each in
            (versioned + appendOnly).map { each[$0] ?? "" }.joined(separator: "|")
        }
    }

    /// Each table's fingerprint, by table name.
    static func readEach(versioned: [String], appendOnly: [String] = [], on database: any Database) async throws -> [String: String]? {
        guard let sql = database as? any SQLDatabase else { return nil }
        let tables = versioned + appendOnly
        let columns = versioned.map { table in
            "(SELECT COUNT(*) || ':' || COALESCE(SUM(version), 0) || ':' || COALESCE(CAST(MAX(updated_at) AS TEXT), '') FROM \(table))"
        } + appendOnly.map { table in "(SELECT COUNT(*) || '' FROM \(table))" }
        // Only the callers' constant table names are spliced in; nothing comes from a request.
        let selection = columns.enumerated().map { "\($1) AS t\($0)" }.joined(separator: ", ")
        guard let row = try await sql.raw("SELECT \(unsafeRaw: selection)").first() else { return nil }
        var fingerprints: [String: String] = [:]
        for (position, table) in tables.enumerated() {
            fingerprints[table] = try row.decode(column: "t\(position)", as: String.self)
        }
        return fingerprints
    }
}
