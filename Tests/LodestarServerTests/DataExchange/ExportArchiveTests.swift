import Fluent
import Foundation
import LodestarCore
@testable import LodestarServer
import SQLKit
import Testing
import VaporTesting

@Suite("Exports, archive, backup and restore")
struct ExportArchiveTests {
    static let memory = AppConfig(storage: .sqliteMemory, passwordCost: 4, environmentName: "testing")

    @Test("The archive of the demo portfolio restores into an empty database with every table equal")
    func roundTrip() async throws { try await Self.alone {
        let (original, data) = try await Commands.withDatabase(Self.memory) { app in
            _ = try await Commands.loadDemo(into: app, seed: 7, initiatives: 12, today: Day(year: 2027, month: 3, day: 1)!)
            _ = try await Commands.importFile(app, format: .mspdi, file: try Self.writeTemporary(MSPDISampleGenerator.xml(tasks: 80)),
                                              options: ImportOptions(), commit: true)
            let archive = try await DatabaseArchive.export(from: app.db, version: "test")
            return (archive, try await Commands.exportArchive(app))
        }
        #expect(original.tables.map(\.name).contains("external_links"))
        #expect(!original.tables.map(\.name).contains("_fluent_migrations"))
        #expect(original.tables.first { $0.name == "initiatives" }?.rows.count == 13)
        let restored = try await Commands.withDatabase(Self.memory) { app in
            let rows = try await Commands.importArchive(app, data: data)
            #expect(rows == original.rowCount)
            return try await DatabaseArchive.export(from: app.db, version: "test")
        }
        #expect(restored.tables.map(\.name) == original.tables.map(\.name))
        for (before, after) in zip(original.tables, restored.tables) {
            #expect(before == after, "table \(before.name) differs after the round trip")
        }
    } }

    @Test("An archive is refused by a database that is not empty, and by one that lacks its tables; nothing is written")
    func refusals() async throws { try await Self.alone {
        let data = try await Commands.withDatabase(Self.memory) { app in
            _ = try await Commands.loadDemo(into: app, seed: 1, initiatives: 3)
            return try await Commands.exportArchive(app)
        }
        try await Commands.withDatabase(Self.memory) { (app: Application) async throws -> Void in
            _ = try await Commands.loadDemo(into: app, seed: 2, initiatives: 2)
            let before = try await InitiativeModel.query(on: app.db).count()
            await #expect(throws: (any Error).self) { _ = try await Commands.importArchive(app, data: data) }
            #expect(try await InitiativeModel.query(on: app.db).count() == before)
        }
        var archive = try Commands.archiveDecoder.decode(DatabaseArchive.self, from: data)
        archive.tables.append(.init(name: "tables_from_the_future", columns: ["id"], rows: [[.text("x")]]))
        let future = try Commands.archiveEncoder.encode(archive)
        try await Commands.withDatabase(Self.memory) { (app: Application) async throws -> Void in
            await #expect(throws: (any Error).self) { _ = try await Commands.importArchive(app, data: future) }
            let users = try await UserModel.query(on: app.db).count()
            #expect(users == 0)
        }
    } }

    @Test("A consistent backup of a live SQLite file, restored to a new file, holds the same portfolio")
    func backupAndRestore() async throws { try await Self.alone {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lodestar-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let live = AppConfig(storage: .sqliteFile(directory.appendingPathComponent("live.sqlite").path), passwordCost: 4, environmentName: "testing")
        let count = try await Commands.withDatabase(live) { app in
            _ = try await Commands.loadDemo(into: app, seed: 3, initiatives: 5)
            return try await InitiativeModel.query(on: app.db).count()
        }
        let backup = directory.appendingPathComponent("backup.sqlite")
        _ = try await Commands.backup(live, to: backup)
        await #expect(throws: (any Error).self) { _ = try await Commands.backup(live, to: backup) }
        let target = AppConfig(storage: .sqliteFile(directory.appendingPathComponent("restored.sqlite").path), passwordCost: 4, environmentName: "testing")
        _ = try await Commands.restore(target, from: backup, force: false)
        await #expect(throws: (any Error).self) { _ = try await Commands.restore(target, from: backup, force: false) }
        let restored = try await Commands.withDatabase(target) { app in try await InitiativeModel.query(on: app.db).count() }
        #expect(restored == count)
    } }

    @Test("Every list exports as JSON and as CSV to any signed-in role")
    func listExports() async throws {
        try await withTestApp { app, people in
            _ = try await createInitiative(app, people, code: "=HYPERLINK")
            for entry in EntityRegistry.all {
                let json = try await app.api(.GET, "/api/v1/exports/\(entry.info.path)", as: people.viewer)
                #expect(json.status == .ok, "\(entry.info.path)")
            }
            let json = try await app.api(.GET, "/api/v1/exports/initiatives?format=json", as: people.viewer)
            #expect(json.json.arrayValue?.first?["code"] == .string("=HYPERLINK"))
            let csv = try await app.api(.GET, "/api/v1/exports/initiatives?format=csv", as: people.viewer)
            #expect(csv.headers.contentType?.subType == "csv")
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 2)
            #expect(lines[0].hasPrefix("id,version,"))
            #expect(lines[1].contains(",'=HYPERLINK,"), "a formula-like value is disarmed for Excel")
            let anonymous = try await app.api(.GET, "/api/v1/exports/initiatives", as: nil)
            #expect(anonymous.status == .unauthorized)
            let archive = try await app.api(.GET, "/api/v1/archive", as: people.pmo)
            #expect(archive.status == .forbidden)
            let full = try await app.api(.GET, "/api/v1/archive", as: people.admin)
            #expect(full.json["format"] == .string(DatabaseArchive.formatName))
        }
    }

    /// Runs apart from the other server tests, as `withTestApp` does (see `TestAppGate`).
    static func alone(_ body: () async throws -> Void) async throws {
        await TestAppGate.shared.enter()
        do {
            try await body()
        } catch {
            await TestAppGate.shared.leave()
            throw error
        }
        await TestAppGate.shared.leave()
    }

    static func writeTemporary(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lodestar-\(UUID().uuidString).xml")
        try Data(text.utf8).write(to: url)
        return url
    }
}
