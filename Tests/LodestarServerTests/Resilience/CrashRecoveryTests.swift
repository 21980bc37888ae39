import Foundation
import LodestarCore
@testable import LodestarServer
import SQLKit
import Testing

/// The server and the importer killed with SIGKILL in the middle of writing (SQLite): after a restart
/// the database is intact, every write that was acknowledged is there, and an interrupted import left
/// nothing behind. A server stopped with SIGTERM under load ends cleanly.
@Suite("Crash recovery", .serialized, .enabled(if: BuiltExecutable.lodestar != nil, "the lodestar executable is not built; run `swift build --build-tests` first"))
struct CrashRecoveryTests {
    @Test("A server killed mid-load keeps every acknowledged create, and its database passes integrity_check")
    func killedUnderWriteLoad() async throws {
        let scratch = try await ScratchDatabase(name: "crash")
        defer { scratch.remove() }
        let server = try await ServerProcess(database: scratch.path, token: scratch.token, logTo: scratch.file("server.log"))
        // Eight clients create initiatives as fast as they can; the server is killed once some have landed.
        let load = WriteLoad(on: server, codePrefix: "CRASH")
        try await load.waitForAcknowledged(40)
        await server.process.killAbruptly()
        await load.stop()
        #expect(server.process.wasKilled)
        let written = await load.acknowledged.ids
        try #require(written.count >= 40, "only \(written.count) creates were acknowledged before the kill:\n\(server.process.output)")

        let restarted = try await ServerProcess(database: scratch.path, token: scratch.token, logTo: scratch.file("restarted.log"))
        let integrity = try await scratch.inspect { sql in
            try await sql.raw("PRAGMA integrity_check").all().map { try $0.decode(column: "integrity_check", as: String.self) }
        }
        #expect(integrity == ["ok"])
        let stored = try await scratch.inspect { sql in
            Set(try await sql.raw("SELECT id FROM initiatives WHERE code LIKE 'CRASH-%'").all().map { try $0.decode(column: "id", as: UUID.self) })
        }
        #expect(written.subtracting(stored).isEmpty, "acknowledged but lost: \(written.subtracting(stored))")
        let (status, _) = try await restarted.send("GET", "/api/v1/initiatives/\(written.first!)")
        #expect(status == 200)
        await restarted.process.stop()
    }

    @Test("SIGTERM under load: the server answers what it accepted, exits cleanly, and keeps every acknowledged create")
    func stoppedUnderLoad() async throws {
        let scratch = try await ScratchDatabase(name: "sigterm")
        defer { scratch.remove() }
        let server = try await ServerProcess(database: scratch.path, token: scratch.token, logTo: scratch.file("server.log"))
        // Half the clients create, half read pages of the list, so requests are using the database when the signal comes.
        let load = WriteLoad(on: server, codePrefix: "TERM", listing: true)
        try await load.waitForAcknowledged(40)
        kill(server.process.process.processIdentifier, SIGTERM)
        let stopDeadline = Date().addingTimeInterval(20)
        while server.process.isRunning, Date() < stopDeadline { try await Task.sleep(nanoseconds: 50_000_000) }
        let stoppedInTime = !server.process.isRunning
        await server.process.stop()
        await load.stop()
        #expect(stoppedInTime, "still running 20 s after SIGTERM")
        let ending = server.process.process
        #expect(ending.terminationReason == .exit && ending.terminationStatus == 0,
                "ended by \(ending.terminationReason == .exit ? "exit" : "signal") \(ending.terminationStatus):\n\(server.process.output.suffix(3000))")
        let written = await load.acknowledged.ids
        try #require(written.count >= 40, "only \(written.count) creates were acknowledged before the signal")
        let stored = try await scratch.inspect { sql in
            Set(try await sql.raw("SELECT id FROM initiatives WHERE code LIKE 'TERM-%'").all().map { try $0.decode(column: "id", as: UUID.self) })
        }
        #expect(written.subtracting(stored).isEmpty, "acknowledged but lost: \(written.subtracting(stored))")
    }

    @Test("An import killed while it writes leaves nothing of itself in the database")
    func importKilledHalfway() async throws {
        let scratch = try await ScratchDatabase(name: "import-crash")
        defer { scratch.remove() }
        // Long descriptions fill SQLite's page cache after a few hundred rows, without a slow, huge file.
        let rows = 3_000
        let description = String(repeating: "An initiative imported to be interrupted. ", count: 80)
        var csv = "Code,Name,Status,Capex budget,Description\n"
        for row in 1...rows { csv += "IMP-\(row),Imported initiative \(row),active,\(row * 100),\(description)\n" }
        let file = scratch.file("big.csv")
        try Data(csv.utf8).write(to: file)

        let auditBefore = try await scratch.inspect { sql in try await Self.count("audit_entries", on: sql) }

        let importer = try LodestarProcess(["import", "csv", file.path, "--database", scratch.path], logTo: scratch.file("import.log"))
        // The import writes everything in one transaction; once its uncommitted pages spill into the
        // write-ahead log (past SQLite's page cache) it is halfway through writing.
        let wal = scratch.path + "-wal"
        let deadline = Date().addingTimeInterval(120)
        while importer.isRunning, Date() < deadline, Self.size(of: wal) < 1 << 20 {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        let walBytes = Self.size(of: wal)
        await importer.killAbruptly()
        #expect(importer.wasKilled, "the import ended by itself before it could be interrupted:\n\(importer.output)")
        #expect(walBytes >= 1 << 20, "the import had not started writing when it was killed")

        let counts = try await scratch.inspect { sql in
            (
                integrity: try await sql.raw("PRAGMA integrity_check").first()?.decode(column: "integrity_check", as: String.self),
                initiatives: try await Self.count("initiatives", on: sql),
                links: try await Self.count("external_links", on: sql),
                runs: try await Self.count("import_runs", on: sql),
                audit: try await Self.count("audit_entries", on: sql)
            )
        }
        #expect(counts.integrity == "ok")
        #expect(counts.initiatives == 0)
        #expect(counts.links == 0)
        #expect(counts.runs == 0)
        #expect(counts.audit == auditBefore)
    }

    private static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    private static func count(_ table: String, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT count(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? -1
    }
}

private struct Created: Decodable {
    var id: UUID
}

/// Eight clients creating initiatives against a server as fast as they can (with `listing`, every other
/// client reads pages of the list instead), keeping the id of every create the server acknowledged.
private struct WriteLoad {
    let acknowledged = AcknowledgedWrites()
    private let clients: Task<Void, Never>
    private let server: ServerProcess

    init(on server: ServerProcess, codePrefix: String, listing: Bool = false) {
        self.server = server
        let acknowledged = acknowledged
        clients = Task {
            await withTaskGroup(of: Void.self) { group in
                for client in 0..<8 {
                    group.addTask {
                        var sequence = 0
                        while !Task.isCancelled {
                            sequence += 1
                            if listing, client.isMultiple(of: 2) {
                                guard (try? await server.send("GET", "/api/v1/initiatives?limit=100&offset=\(sequence % 3)")) != nil else { return }
                                continue
                            }
                            let code = "\(codePrefix)-\(client)-\(sequence)"
                            let body = Data(#"{"code":"\#(code)","name":"Load \#(code)","description":"","kind":"project","status":"proposed","tier":"standard","currentGate":"idea","capexBudget":1000,"opexBudget":0,"actualCost":0}"#.utf8)
                            guard let (status, answer) = try? await server.send("POST", "/api/v1/initiatives", json: body) else { return }
                            if status == 201, let id = try? JSONDecoder().decode(Created.self, from: answer).id {
                                await acknowledged.add(id)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Until `count` creates were acknowledged, the server ended, or a minute passed.
    func waitForAcknowledged(_ count: Int) async throws {
        let deadline = Date().addingTimeInterval(60)
        while await acknowledged.count < count, Date() < deadline, server.process.isRunning {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
    }

    func stop() async {
        clients.cancel()
        await clients.value
    }
}

private actor AcknowledgedWrites {
    private(set) var ids: Set<UUID> = []
    func add(_ id: UUID) { ids.insert(id) }
    var count: Int { ids.count }
}
