import Fluent
import Foundation
import LodestarCore
import SQLKit
import Testing
@testable import LodestarServer

@Suite("SQLite checkpoints in the background")
struct BackgroundCheckpointTests {
    @Test("a committed write reaches the database file itself within a few checkpoint intervals, though its log is far from full")
    func writesReachTheFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoint-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("live.sqlite").path
        try await withTestApp(sqliteFile: file) { app, people in
            let created = try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: InitiativeAPITests.sample(owner: nil, code: "CHECKPOINTED"))
            #expect(created.status == .created)
            // Only the database file is copied, without its log: what is in it was checkpointed.
            var found = 0
            for attempt in 1...40 where found == 0 {   // up to 10 s: the suite may keep the machine busy
                try await Task.sleep(for: .milliseconds(250))
                let copy = directory.appendingPathComponent("copy-\(attempt).sqlite").path
                try FileManager.default.copyItem(atPath: file, toPath: copy)
                // A copy taken while a checkpoint writes may be torn: that attempt counts as not yet.
                found = (try? await Commands.withDatabase(AppConfig(storage: .sqliteFile(copy)), migrate: false) { copyApp in
                    try await (copyApp.db as! any SQLDatabase)
                        .raw("SELECT COUNT(*) AS found FROM initiatives WHERE code = 'CHECKPOINTED'").first()?.decode(column: "found", as: Int.self) ?? 0
                }) ?? 0
            }
            #expect(found == 1)
        }
    }
}
