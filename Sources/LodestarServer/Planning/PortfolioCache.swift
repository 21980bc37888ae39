import Fluent
import LodestarCore
import SQLKit
import Vapor

/// Keeps the last portfolio loaded for each set of parts while its tables have not changed. The
/// fingerprint is read from the database on every request (row count, sum of versions and latest
/// update of each table: versions only grow, so any write, from any instance, changes it), so a
/// cached answer is never stale, only cheaper.
actor PortfolioCache {
    private var entries: [PortfolioData.Parts: (fingerprint: [String], data: PortfolioData)] = [:]

    func data(_ parts: PortfolioData.Parts, on database: any Database) async throws -> PortfolioData {
        let fingerprint = try await Self.fingerprint(of: parts.tables, on: database)
        if let entry = entries[parts], entry.fingerprint == fingerprint { return entry.data }
        let data = try await PortfolioData.load(on: database, parts: parts)
        entries[parts] = (fingerprint, data)
        return data
    }

    static func fingerprint(of tables: [String], on database: any Database) async throws -> [String] {
        guard let sql = database as? any SQLDatabase else { return [UUID().uuidString] }
        let query = tables.map { table in
            // Text throughout: PostgreSQL sums a BIGINT column as NUMERIC, SQLite as INTEGER.
            "SELECT CAST('\(table)' AS TEXT) AS t, CAST(COUNT(*) AS TEXT) AS n, CAST(COALESCE(SUM(version), 0) AS TEXT) AS v, CAST(MAX(updated_at) AS TEXT) AS u FROM \(table)"
        }.joined(separator: " UNION ALL ")
        return try await sql.raw(SQLQueryString(query)).all().map { row in
            "\(try row.decode(column: "t", as: String.self)):\(try row.decode(column: "n", as: String.self)):\(try row.decode(column: "v", as: String.self)):\(try row.decode(column: "u", as: String?.self) ?? "")"
        }
    }
}

private struct PortfolioCacheKey: StorageKey {
    typealias Value = PortfolioCache
}

extension Application {
    var portfolioCache: PortfolioCache {
        if let cache = storage[PortfolioCacheKey.self] { return cache }
        let cache = PortfolioCache()
        storage[PortfolioCacheKey.self] = cache
        return cache
    }
}

extension Request {
    /// The portfolio's `parts`, from the cache when no table changed since it was loaded.
    func portfolio(_ parts: PortfolioData.Parts) async throws -> PortfolioData {
        try await application.portfolioCache.data(parts, on: db)
    }
}
