import Fluent
import SQLKit
import Testing
@testable import LodestarServer

@Suite("Table fingerprints")
struct FingerprintIndexTests {
    @Test("every versioned table has the index a fingerprint reads, and SQLite reads the fingerprint from it alone")
    func answeredFromIndex() async throws {
        try await withTestApp { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all().map { try $0.decode(column: "name", as: String.self) }
            var versioned: [String] = []
            for table in tables {
                let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all().map { try $0.decode(column: "name", as: String.self) }
                if columns.contains("version"), columns.contains("updated_at") { versioned.append(table) }
            }
            #expect(versioned.contains("initiatives"))
            // A versioned table added later needs its own index (a new migration), or its fingerprint scans it.
            #expect(Set(versioned) == Set(CreateFingerprintIndexes.tables))

            let fingerprint = "SELECT COUNT(*) || ':' || COALESCE(SUM(version), 0) || ':' || COALESCE(CAST(MAX(updated_at) AS TEXT), '') FROM initiatives"
            let plan = try await sql.raw("EXPLAIN QUERY PLAN \(unsafeRaw: fingerprint)").all().map { try $0.decode(column: "detail", as: String.self) }
            #expect(plan.contains { $0.contains("COVERING INDEX idx_initiatives_version_updated_at") }, "\(plan)")
        }
    }
}
