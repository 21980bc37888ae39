import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("API token audit")
struct AccountAuditTests {
    @Test("creating and revoking an API token is in the audit log, without its secret")
    func tokenLifecycleIsAudited() async throws {
        try await withTestApp { app, people in
            let created = try await app.api(.POST, "/api/v1/tokens", as: people.owner, json: ["name": "nightly export"])
            #expect(created.status == .created)
            let id = try #require(created.json["token"]?["id"]?.stringValue)
            let secret = try #require(created.json["secret"]?.stringValue)
            #expect(try await app.api(.DELETE, "/api/v1/tokens/\(id)", as: people.owner).status == .noContent)

            let log = try await app.api(.GET, "/api/v1/audit?entity=api-tokens&entityID=\(id)", as: people.admin)
            guard case .array(let entries)? = log.json["items"] else { Issue.record("no audit entries: \(log.text)"); return }
            #expect(entries.map { $0["action"]?.stringValue } == ["update", "create"])
            #expect(entries.allSatisfy { $0["actorEmail"] == .string(people.owner.email) })
            #expect(entries[1]["changes"]?["name"]?["after"] == .string("nightly export"))
            #expect(!log.text.contains(secret))
        }
    }
}
