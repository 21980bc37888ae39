import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Capacity API: resource pools, capacities and demands")
struct CapacityAPITests {
    static func pool(_ name: String = "Data engineering", kind: PoolKind = .team) -> ResourcePool {
        ResourcePool(name: name, kind: kind, description: "Pipelines and warehouse", costRate: 45_000)
    }

    // MARK: - pools

    @Test("pools: create, read, patch, stale write, list by kind, delete, audit", arguments: TestDatabase.available)
    func poolLifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            try await expectRoundTrip(
                app, people, "pools", as: people.pmo, record: Self.pool(kind: .role),
                patch: ["costRate": .number(52_500), "description": .string("Pipelines, warehouse and BI")],
                filter: "kind=role", decoy: Self.pool("Platform team", kind: .team))
        }
    }

    @Test("pools: field rules and a taken name are 422s naming the field", arguments: TestDatabase.available)
    func poolValidation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            try await expectRejected(app, "pools", as: people.pmo,
                                     ResourcePool(name: "", description: String(repeating: "x", count: 4001), costRate: -1),
                                     fields: ["name", "description", "costRate"])
            try await expectRejected(app, "pools", as: people.pmo,
                                     AnyBody(.object(["name": .string("Squad"), "kind": .string("guild"), "description": .string(""), "costRate": .number(0)])),
                                     fields: ["kind"])
            try await create(app, "pools", as: people.pmo, Self.pool())
            try await expectRejected(app, "pools", as: people.pmo, Self.pool(), fields: ["name"])
            let platform = try await create(app, "pools", as: people.pmo, Self.pool("Platform team"))
            try await expectPatchRejected(app, "pools", platform, version: 1, as: people.pmo, ["name": .string("Data engineering")], fields: ["name"])
            #expect(try await count(app, "pools", as: people.viewer) == 2)
        }
    }

    @Test("pools: only admin and pmo write; others read; anonymous gets 401", arguments: TestDatabase.available)
    func poolAuthorisation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let id = try await create(app, "pools", as: people.admin, Self.pool())
            try await expectCannotWrite(app, "pools", id, record: Self.pool("Another pool"), as: [people.viewer, people.executive, people.owner])
            try await expectCredentialsRequired(app, "pools", id, record: Self.pool("Another pool"))
        }
    }

    // MARK: - capacities

    @Test("capacities: create, read, patch, stale write, list by period, delete, audit", arguments: TestDatabase.available)
    func capacityLifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let pool = try await create(app, "pools", as: people.pmo, Self.pool())
            try await expectRoundTrip(
                app, people, "pool-capacities", as: people.pmo,
                record: PoolCapacity(poolID: pool, period: Quarter("2027-Q1")!, fte: 12),
                patch: ["fte": .number(10.5)],
                filter: "period=2027-Q1", decoy: PoolCapacity(poolID: pool, period: Quarter("2027-Q2")!, fte: 12))
        }
    }

    @Test("capacities: fte range, period format, missing pool and a second capacity for one (pool, period) are 422s", arguments: TestDatabase.available)
    func capacityValidation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let pool = try await create(app, "pools", as: people.pmo, Self.pool())
            try await expectRejected(app, "pool-capacities", as: people.pmo, PoolCapacity(poolID: pool, period: Quarter("2027-Q1")!, fte: -1),
                                     fields: ["fte"])
            try await expectRejected(app, "pool-capacities", as: people.pmo,
                                     AnyBody(.object(["poolID": .id(pool), "period": .string("2027-Q5"), "fte": .number(3)])), fields: ["period"])
            try await expectRejected(app, "pool-capacities", as: people.pmo, PoolCapacity(poolID: UUID(), period: Quarter("2027-Q1")!, fte: 3),
                                     fields: ["poolID"])

            try await create(app, "pool-capacities", as: people.pmo, PoolCapacity(poolID: pool, period: Quarter("2027-Q1")!, fte: 10))
            try await expectRejected(app, "pool-capacities", as: people.pmo, PoolCapacity(poolID: pool, period: Quarter("2027-Q1")!, fte: 8),
                                     fields: ["period"])
            // The same period of another pool, and another period of this pool, are separate capacities.
            let other = try await create(app, "pools", as: people.pmo, Self.pool("Platform team"))
            try await create(app, "pool-capacities", as: people.pmo, PoolCapacity(poolID: other, period: Quarter("2027-Q1")!, fte: 8))
            let q2 = try await create(app, "pool-capacities", as: people.pmo, PoolCapacity(poolID: pool, period: Quarter("2027-Q2")!, fte: 8))
            try await expectPatchRejected(app, "pool-capacities", q2, version: 1, as: people.pmo, ["period": .string("2027-Q1")], fields: ["period"])
            #expect(try await count(app, "pool-capacities", as: people.viewer) == 3)
        }
    }

    @Test("capacities: only admin and pmo write; a pool that has capacities cannot be deleted (409)", arguments: TestDatabase.available)
    func capacityAuthorisation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let pool = try await create(app, "pools", as: people.pmo, Self.pool())
            let id = try await create(app, "pool-capacities", as: people.pmo, PoolCapacity(poolID: pool, period: Quarter("2027-Q1")!, fte: 10))
            try await expectCannotWrite(app, "pool-capacities", id, record: PoolCapacity(poolID: pool, period: Quarter("2027-Q3")!, fte: 1),
                                        as: [people.viewer, people.executive, people.owner])
            try await expectCredentialsRequired(app, "pool-capacities", id, record: PoolCapacity(poolID: pool, period: Quarter("2027-Q3")!, fte: 1))

            #expect(try await app.api(.DELETE, apiPath("pools", pool), as: people.pmo).status == .conflict)
            #expect(try await app.api(.GET, apiPath("pool-capacities", id), as: people.viewer).status == .ok)
        }
    }

    // MARK: - demands

    @Test("demands: create, read, patch, stale write, list by period, delete, audit", arguments: TestDatabase.available)
    func demandLifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people)
            let pool = try await create(app, "pools", as: people.pmo, Self.pool())
            try await expectRoundTrip(
                app, people, "demands", as: people.pmo,
                record: Demand(initiativeID: initiative, poolID: pool, period: Quarter("2027-Q2")!, fte: 2.5),
                patch: ["fte": .number(3)],
                filter: "period=2027-Q2", decoy: Demand(initiativeID: initiative, poolID: pool, period: Quarter("2027-Q3")!, fte: 1))
        }
    }

    @Test("demands: fte range, missing references and a second demand for one (initiative, pool, period) are 422s", arguments: TestDatabase.available)
    func demandValidation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people)
            let pool = try await create(app, "pools", as: people.pmo, Self.pool())
            let q2 = Quarter("2027-Q2")!
            try await expectRejected(app, "demands", as: people.pmo, Demand(initiativeID: initiative, poolID: pool, period: q2, fte: 100_001),
                                     fields: ["fte"])
            try await expectRejected(app, "demands", as: people.pmo, Demand(initiativeID: UUID(), poolID: pool, period: q2, fte: 1),
                                     fields: ["initiativeID"])
            try await expectRejected(app, "demands", as: people.pmo, Demand(initiativeID: initiative, poolID: UUID(), period: q2, fte: 1),
                                     fields: ["poolID"])

            try await create(app, "demands", as: people.pmo, Demand(initiativeID: initiative, poolID: pool, period: q2, fte: 2))
            try await expectRejected(app, "demands", as: people.pmo, Demand(initiativeID: initiative, poolID: pool, period: q2, fte: 1),
                                     fields: ["period"])
            // Another pool or another initiative in the same period is a separate demand.
            let other = try await createInitiative(app, people)
            let platform = try await create(app, "pools", as: people.pmo, Self.pool("Platform team"))
            try await create(app, "demands", as: people.pmo, Demand(initiativeID: other, poolID: pool, period: q2, fte: 1))
            let moved = try await create(app, "demands", as: people.pmo, Demand(initiativeID: initiative, poolID: platform, period: q2, fte: 1))
            try await expectPatchRejected(app, "demands", moved, version: 1, as: people.pmo, ["poolID": .id(pool)], fields: ["period"])
            #expect(try await count(app, "demands", as: people.viewer) == 3)
        }
    }

    @Test("demands: owners declare demand only for their own initiatives; viewers and executives read only", arguments: TestDatabase.available)
    func demandAuthorisation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let mine = try await createInitiative(app, people, owner: people.owner)
            let theirs = try await createInitiative(app, people, owner: people.otherOwner)
            let pool = try await create(app, "pools", as: people.pmo, Self.pool())
            let q2 = Quarter("2027-Q2")!
            try await expectOwnerScope(
                app, people, "demands",
                own: Demand(initiativeID: mine, poolID: pool, period: q2, fte: 2),
                others: Demand(initiativeID: theirs, poolID: pool, period: q2, fte: 2),
                patch: ["fte": .number(4)], handOver: ["initiativeID": .id(theirs)])

            let id = try await create(app, "demands", as: people.pmo, Demand(initiativeID: theirs, poolID: pool, period: q2, fte: 1))
            try await expectCannotWrite(app, "demands", id, record: Demand(initiativeID: mine, poolID: pool, period: q2, fte: 1),
                                        as: [people.viewer, people.executive])
            try await expectCredentialsRequired(app, "demands", id, record: Demand(initiativeID: mine, poolID: pool, period: q2, fte: 1))
        }
    }
}
