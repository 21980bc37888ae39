import Fluent
import Foundation
import LodestarCore
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing
import Vapor
@testable import LodestarServer

@Suite("SQLite writers take turns")
struct WriteTurnstileTests {
    @Test("turns are given first come, first served, and the next waiter goes in the moment the holder leaves")
    func fifo() async throws {
        let turnstile = WriteTurnstile()
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        try await turnstile.enter(on: loop, patience: .seconds(5)).get()
        let order = NIOLockedValueBox<[Int]>([])
        let waiters = (1...5).map { number in
            turnstile.enter(on: loop, patience: .seconds(5)).map {
                order.withLockedValue { $0.append(number) }
                turnstile.leave()
            }
        }
        #expect(order.withLockedValue { $0 }.isEmpty, "nobody goes in while the turn is held")
        turnstile.leave()
        for waiter in waiters { try await waiter.get() }
        #expect(order.withLockedValue { $0 } == [1, 2, 3, 4, 5])
        try await turnstile.enter(on: loop, patience: .milliseconds(10)).get()   // free again
        turnstile.leave()
    }

    @Test("a writer that waits past its patience fails like a locked database, and the queue goes on without it")
    func patience() async throws {
        let turnstile = WriteTurnstile()
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        try await turnstile.enter(on: loop, patience: .seconds(5)).get()
        let impatient = turnstile.enter(on: loop, patience: .milliseconds(50))
        let patient = turnstile.enter(on: loop, patience: .seconds(5))
        await #expect(throws: WriteTurnstile.TimedOut.self) { try await impatient.get() }
        turnstile.leave()
        try await patient.get()   // the turn skipped the one who gave up
        turnstile.leave()
    }

    @Test("64 concurrent validated creates on a SQLite file all succeed; a failed transaction is rolled back and frees the turn")
    func concurrentCreates() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("turnstile-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) } }
        try await withTestApp(sqliteFile: file) { app, people in
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for number in 1...64 {
                    group.addTask {
                        try await app.api(
                            .POST, "/api/v1/initiatives", as: people.pmo,
                            json: InitiativeAPITests.sample(owner: people.owner.id, code: "TURN-\(number)")).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .created }, "\(statuses.filter { $0 != .created })")
            let stored = try await InitiativeModel.query(on: app.db).filter(\.$code ~~ "TURN-").count()
            #expect(stored == 64)
            // Transactions begun through Fluent's `any Database` are this wrapper's, which takes the turn.
            let opened = try await app.db.transaction { database in
                (database as? SQLiteWriterDatabase)?.transactionOpen ?? false
            }
            #expect(opened)

            // A transaction that fails after writing leaves nothing behind and gives its turn back.
            struct Abandoned: Error {}
            await #expect(throws: Abandoned.self) {
                try await app.db.transaction { database in
                    let model = InitiativeModel()
                    model.id = UUID()
                    model.version = 1
                    model.apply(InitiativeAPITests.sample(owner: nil, code: "ROLLED-BACK"))
                    try await model.create(on: database)
                    throw Abandoned()
                }
            }
            #expect(try await InitiativeModel.query(on: app.db).filter(\.$code == "ROLLED-BACK").count() == 0)
            let after = try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: InitiativeAPITests.sample(owner: nil, code: "AFTER"))
            #expect(after.status == .created)
        }
    }
}
