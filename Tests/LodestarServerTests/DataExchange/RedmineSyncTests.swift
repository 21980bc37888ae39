import Fluent
import Foundation
import LodestarCore
@testable import LodestarServer
import SQLKit
import Testing
import VaporTesting

/// The connector against a real Redmine, started by `scripts/ci-redmine.sh` (CI) which exports
/// LODESTAR_TEST_REDMINE_URL and LODESTAR_TEST_REDMINE_KEY.
@Suite("Redmine connector")
struct RedmineSyncTests {
    static let url = ProcessInfo.processInfo.environment["LODESTAR_TEST_REDMINE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let key = ProcessInfo.processInfo.environment["LODESTAR_TEST_REDMINE_KEY"] ?? ""
    static let skipMessage: Comment = "no Redmine: run `eval \"$(bash scripts/ci-redmine.sh start)\"` to start one and set LODESTAR_TEST_REDMINE_URL/KEY"

    func configure(_ app: Application, _ people: Fixture, url: String, key: String) async throws -> APIResponse {
        app.storage[SecretBoxKey.self] = SecretBox(passphrase: "tests")
        return try await app.api(.PUT, "/api/v1/connectors/redmine", as: people.admin, json: ["url": url, "apiKey": key])
    }

    @Test("Only an admin sets the connection; the key is stored sealed and never returned")
    func configuration() async throws {
        try await withTestApp { app, people in
            app.storage[SecretBoxKey.self] = SecretBox(passphrase: "tests")
            let pmo = try await app.api(.PUT, "/api/v1/connectors/redmine", as: people.pmo, json: ["url": "https://redmine.example.org", "apiKey": "abc"])
            #expect(pmo.status == .forbidden)
            let bad = try await app.api(.PUT, "/api/v1/connectors/redmine", as: people.admin, json: ["url": "redmine", "apiKey": ""])
            #expect(Set(bad.problemFields) == ["url", "apiKey"])
            let saved = try await configure(app, people, url: "https://redmine.example.org", key: "0123456789abcdef")
            #expect(saved.status == .ok, "\(saved.text)")
            let read = try await app.api(.GET, "/api/v1/connectors/redmine", as: people.pmo)
            #expect(read.json["hasAPIKey"] == .bool(true))
            #expect(!read.text.contains("0123456789abcdef"))
            let stored = try await RedmineConnectionModel.query(on: app.db).first()
            #expect(stored?.apiKeySealed.contains("0123456789abcdef") == false)
            #expect(try SecretBox(passphrase: "tests").open(stored!.apiKeySealed) == "0123456789abcdef")
            #expect(throws: (any Error).self) { try SecretBox(passphrase: "another key").open(stored!.apiKeySealed) }
        }
    }

    @Test("A sync that cannot reach Redmine fails with a 502, changes nothing and is kept in the history with its reason")
    func unreachable() async throws {
        try await withTestApp { app, people in
            _ = try await configure(app, people, url: "http://127.0.0.1:9", key: "k")
            let sync = try await app.api(.POST, "/api/v1/connectors/redmine/sync", as: people.pmo)
            #expect(sync.status == .badGateway)
            let history = try await app.api(.GET, "/api/v1/imports", as: people.pmo)
            #expect(history.items.first?["succeeded"] == .bool(false))
            #expect(history.items.first?["message"]?.stringValue?.contains("cannot be reached") == true)
            #expect(try await app.portfolioCounts()["initiatives"] == 0)
            let viewer = try await app.api(.POST, "/api/v1/connectors/redmine/sync", as: people.viewer)
            #expect(viewer.status == .forbidden)
        }
    }

    @Test("Sync from a real Redmine: projects, versions and issues arrive; a second sync reads only what changed",
          .enabled(if: url != nil, skipMessage))
    func realRedmine() async throws {
        try await withTestApp { app, people in
            let saved = try await configure(app, people, url: Self.url!, key: Self.key)
            #expect(saved.status == .ok)
            let first = try await app.api(.POST, "/api/v1/connectors/redmine/sync", as: people.pmo)
            #expect(first.status == .ok, "\(first.text)")
            let projects = try await app.api(.GET, "/api/v1/initiatives?externalSource=redmine", as: people.viewer)
            #expect((projects.total ?? 0) >= 1)
            #expect(first.count("created") ?? 0 >= projects.total ?? 0)

            let second = try await app.api(.POST, "/api/v1/connectors/redmine/sync", as: people.pmo)
            #expect(second.status == .ok, "\(second.text)")
            #expect(second.count("created") == 0)
            let changedAgain = second.json["lines"]?.arrayValue?.filter { $0["action"] == .string("update") } ?? []
            #expect(second.count("updated") == 0, "changed by a sync of nothing new: \(changedAgain)")
            let cursor = try await RedmineConnectionModel.query(on: app.db).first()?.lastSyncedAt
            #expect(cursor != nil)
            let raidLines = second.json["lines"]?.arrayValue?.filter { $0["entity"] == .string("raid-items") } ?? []
            let firstRaid = first.json["lines"]?.arrayValue?.filter { $0["entity"] == .string("raid-items") } ?? []
            #expect(raidLines.count <= firstRaid.count, "the second sync reads only issues changed since the first")
        }
    }
}
