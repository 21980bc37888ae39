import Fluent
import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Initiatives API")
struct InitiativeAPITests {
    static func sample(owner: UUID?, code: String = "INI-1") -> Initiative {
        Initiative(code: code, name: "Modernise billing", ownerID: owner, status: .active, tier: .standard,
                   plannedStart: Day("2027-01-01"), plannedFinish: Day("2027-12-31"), capexBudget: 500_000)
    }

    @Test("create, read, replace, patch, list and delete", arguments: TestDatabase.available)
    func lifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            // create
            let created = try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: Self.sample(owner: people.owner.id))
            #expect(created.status == .created)
            #expect(created.etag == "\"1\"")
            let id = try #require(created.id)
            #expect(created.headers.first(name: .location) == "/api/v1/initiatives/\(id)")
            #expect(created.json["name"] == .string("Modernise billing"))

            // read
            let read = try await app.api(.GET, "/api/v1/initiatives/\(id)", as: people.viewer)
            #expect(read.status == .ok)
            #expect(read.json["plannedStart"] == .string("2027-01-01"))

            // replace
            var changed = Self.sample(owner: people.owner.id)
            changed.name = "Modernise billing and invoicing"
            let replaced = try await app.api(.PUT, "/api/v1/initiatives/\(id)", as: people.pmo, json: changed, ifMatch: 1)
            #expect(replaced.status == .ok)
            #expect(replaced.version == 2)

            // patch
            let patched = try await app.api(.PATCH, "/api/v1/initiatives/\(id)", as: people.owner,
                                             json: AnyBody(.object(["status": .string("on_hold")])), ifMatch: 2)
            #expect(patched.status == .ok)
            #expect(patched.json["status"] == .string("on_hold"))
            #expect(patched.json["name"] == .string("Modernise billing and invoicing"))
            #expect(patched.version == 3)

            // list with filter, sort and pagination
            _ = try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: Self.sample(owner: nil, code: "INI-2"))
            let filtered = try await app.api(.GET, "/api/v1/initiatives?status=on_hold", as: people.viewer)
            #expect(filtered.json["total"] == .number(1))
            let sorted = try await app.api(.GET, "/api/v1/initiatives?sort=-code&limit=1", as: people.viewer)
            #expect(sorted.json["total"] == .number(2))
            guard case .array(let items)? = sorted.json["items"] else { Issue.record("no items"); return }
            #expect(items.count == 1)
            #expect(items.first?["code"] == .string("INI-2"))

            // delete
            let deleted = try await app.api(.DELETE, "/api/v1/initiatives/\(id)", as: people.pmo, ifMatch: 3)
            #expect(deleted.status == .noContent)
            #expect(try await app.api(.GET, "/api/v1/initiatives/\(id)", as: people.viewer).status == .notFound)
        }
    }

    @Test("invalid fields are a 422 naming each field, and nothing is stored", arguments: TestDatabase.available)
    func validation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            var bad = Self.sample(owner: nil)
            bad.name = " "
            bad.capexBudget = -1
            bad.plannedFinish = Day("2026-01-01")
            let response = try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: bad)
            #expect(response.status == .unprocessableEntity)
            #expect(response.headers.contentType?.subType == "problem+json")
            #expect(Set(response.problemFields) == ["name", "capexBudget", "plannedFinish"])

            let missingReference = try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: Self.sample(owner: UUID()))
            #expect(missingReference.status == .unprocessableEntity)
            #expect(missingReference.problemFields == ["ownerID"])

            let wrongType = try await app.api(.POST, "/api/v1/initiatives", as: people.pmo,
                                              json: AnyBody(.object(["code": .string("X"), "name": .number(3)])))
            #expect(wrongType.status == .unprocessableEntity)
            #expect(wrongType.json["type"] == .string("/problems/validation"))

            let notJSON = try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, headers: ["Content-Type": "application/json"])
            #expect(notJSON.status == .unprocessableEntity)

            let list = try await app.api(.GET, "/api/v1/initiatives", as: people.pmo)
            #expect(list.json["total"] == .number(0))

            let badSort = try await app.api(.GET, "/api/v1/initiatives?sort=secret", as: people.pmo)
            #expect(badSort.status == .unprocessableEntity)
            #expect(badSort.problemFields == ["sort"])
        }
    }

    @Test("unknown ids are 404 and a duplicate code is a 422", arguments: TestDatabase.available)
    func notFoundAndDuplicates(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            #expect(try await app.api(.GET, "/api/v1/initiatives/\(UUID())", as: people.viewer).status == .notFound)
            #expect(try await app.api(.GET, "/api/v1/initiatives/not-an-id", as: people.viewer).status == .notFound)
            #expect(try await app.api(.PUT, "/api/v1/initiatives/\(UUID())", as: people.pmo, json: Self.sample(owner: nil), ifMatch: 1).status == .notFound)
            _ = try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: Self.sample(owner: nil))
            let duplicate = try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: Self.sample(owner: nil))
            #expect(duplicate.status == .unprocessableEntity)
            #expect(duplicate.problemFields == ["code"])
        }
    }

    @Test("concurrent creates of one code: one is stored, every other is a 422 naming the code, none a 500", arguments: TestDatabase.available)
    func concurrentDuplicates(database: TestDatabase) async throws {
        // A file, so that SQLite writes go through the server's own writer connection as deployed.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("duplicates-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) } }
        try await withTestApp(database, sqliteFile: database == .sqlite ? file : nil) { app, people in
            let answers = try await withThrowingTaskGroup(of: APIResponse.self) { group in
                for _ in 1...12 {
                    group.addTask { try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: Self.sample(owner: people.owner.id, code: "SAME")) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.filter { $0.status == .created }.count == 1)
            let refused = answers.filter { $0.status != .created }
            #expect(refused.allSatisfy { $0.status == .unprocessableEntity && $0.problemFields == ["code"] }, "\(refused.map(\.status))")
            #expect(try await InitiativeModel.query(on: app.db).filter(\.$code == "SAME").count() == 1)
        }
    }

    @Test("a stale version gets 412 and changes nothing; no version gets 428", arguments: TestDatabase.available)
    func optimisticConcurrency(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let id = try #require(try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: Self.sample(owner: nil)).id)
            var first = Self.sample(owner: nil)
            first.name = "First writer"
            var second = Self.sample(owner: nil)
            second.name = "Second writer"
            #expect(try await app.api(.PUT, "/api/v1/initiatives/\(id)", as: people.pmo, json: first, ifMatch: 1).status == .ok)
            let stale = try await app.api(.PUT, "/api/v1/initiatives/\(id)", as: people.admin, json: second, ifMatch: 1)
            #expect(stale.status == .preconditionFailed)
            #expect(stale.json["type"] == .string("/problems/stale-version"))
            let unversioned = try await app.api(.PUT, "/api/v1/initiatives/\(id)", as: people.admin, json: second)
            #expect(unversioned.status == .preconditionRequired)
            let current = try await app.api(.GET, "/api/v1/initiatives/\(id)", as: people.viewer)
            #expect(current.json["name"] == .string("First writer"))
            #expect(current.version == 2)
        }
    }

    @Test("concurrent writers at one version: exactly one wins", arguments: TestDatabase.available)
    func concurrentWriters(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let id = try #require(try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: Self.sample(owner: nil)).id)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        var change = Self.sample(owner: nil)
                        change.name = "Writer \(index)"
                        return try await app.api(.PUT, "/api/v1/initiatives/\(id)", as: people.pmo, json: change, ifMatch: 1).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .preconditionFailed }.count == 7)
        }
    }

    @Test("roles: viewers and executives read only, owners change only their own, anonymous gets 401", arguments: TestDatabase.available)
    func authorisation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let id = try #require(try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: Self.sample(owner: people.owner.id)).id)
            #expect(try await app.api(.GET, "/api/v1/initiatives", as: nil).status == .unauthorized)
            #expect(try await app.api(.GET, "/api/v1/initiatives", as: people.viewer).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/initiatives", as: people.viewer, json: Self.sample(owner: nil, code: "V")).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/initiatives", as: people.executive, json: Self.sample(owner: nil, code: "E")).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/initiatives", as: people.owner, json: Self.sample(owner: people.owner.id, code: "O")).status == .forbidden)
            let patch = AnyBody(.object(["name": .string("Renamed")]))
            #expect(try await app.api(.PATCH, "/api/v1/initiatives/\(id)", as: people.otherOwner, json: patch, ifMatch: 1).status == .forbidden)
            #expect(try await app.api(.PATCH, "/api/v1/initiatives/\(id)", as: people.owner, json: patch, ifMatch: 1).status == .ok)
            // An owner cannot give the initiative away, which would leave it outside their control.
            let handOver = AnyBody(.object(["ownerID": .string(people.otherOwner.id.uuidString)]))
            #expect(try await app.api(.PATCH, "/api/v1/initiatives/\(id)", as: people.owner, json: handOver, ifMatch: 2).status == .forbidden)
            #expect(try await app.api(.DELETE, "/api/v1/initiatives/\(id)", as: people.viewer).status == .forbidden)
            let badToken = Fixture.Person(id: UUID(), email: "x@example.org", role: .admin, token: "lsk_forged")
            #expect(try await app.api(.GET, "/api/v1/initiatives", as: badToken).status == .unauthorized)
        }
    }

    @Test("every write is audited with the changed fields before and after", arguments: TestDatabase.available)
    func audit(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let id = try #require(try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: Self.sample(owner: nil)).id)
            _ = try await app.api(.PATCH, "/api/v1/initiatives/\(id)", as: people.admin, json: AnyBody(.object(["capexBudget": .number(750_000)])), ifMatch: 1)
            _ = try await app.api(.DELETE, "/api/v1/initiatives/\(id)", as: people.pmo)
            let log = try await app.api(.GET, "/api/v1/audit?entity=initiatives&entityID=\(id)", as: people.pmo)
            #expect(log.status == .ok)
            guard case .array(let entries)? = log.json["items"] else { Issue.record("no entries"); return }
            #expect(entries.map { $0["action"]?.stringValue } == ["delete", "update", "create"])
            let update = entries[1]
            #expect(update["actorEmail"] == .string(people.admin.email))
            #expect(update["changes"]?["capexBudget"]?["before"] == .number(500_000))
            #expect(update["changes"]?["capexBudget"]?["after"] == .number(750_000))
            #expect(update["changes"]?.objectValue?.keys.count == 1)
            #expect(try await app.api(.GET, "/api/v1/audit", as: people.viewer).status == .forbidden)
        }
    }
}
