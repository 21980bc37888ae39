import FluentKit
import Foundation
import LodestarCore
import SQLKit
import Testing
@testable import LodestarServer

@Suite("Plain insert")
struct PlainInsertTests {
    @Test("stores the same row as Fluent's create, with both timestamps set, and leaves the model stored", arguments: TestDatabase.available)
    func sameAsFluent(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let start = Date().addingTimeInterval(-1)
            let plain = InitiativeModel(Record(id: UUID(), version: 1, fields: InitiativeAPITests.sample(owner: people.owner.id, code: "PLAIN")))
            try await PlainInsert.create(plain, on: app.db)
            let fluent = InitiativeModel(Record(id: UUID(), version: 1, fields: InitiativeAPITests.sample(owner: people.owner.id, code: "FLUENT")))
            try await fluent.create(on: app.db)

            let stored = try #require(try await InitiativeModel.find(plain.id, on: app.db))
            let reference = try #require(try await InitiativeModel.find(fluent.id, on: app.db))
            var expected = reference.fields
            expected.code = "PLAIN"
            #expect(stored.fields == expected)
            #expect(stored.version == 1)
            #expect(try #require(stored.createdAt) >= start)
            #expect(stored.updatedAt == stored.createdAt)
            #expect(abs(try #require(plain.createdAt).timeIntervalSince(try #require(stored.createdAt))) < 0.001)

            // Without an id it leaves the model to Fluent, which generates one.
            let unnamed = InitiativeModel(Record(id: UUID(), version: 1, fields: InitiativeAPITests.sample(owner: nil, code: "UNNAMED")))
            unnamed.id = nil
            try await PlainInsert.create(unnamed, on: app.db)
            let unnamedID = try #require(unnamed.id)
            #expect(try await InitiativeModel.find(unnamedID, on: app.db)?.code == "UNNAMED")

            // Stored means a later save updates the row instead of inserting it again.
            plain.name = "Renamed"
            try await plain.save(on: app.db)
            #expect(try await InitiativeModel.query(on: app.db).filter(\.$code == "PLAIN").all().map(\.name) == ["Renamed"])
        }
    }
}
