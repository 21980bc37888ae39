import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Delivery API: milestones, dependencies and status updates")
struct DeliveryAPITests {
    static func milestone(_ initiative: UUID, _ name: String = "Go live", forecast: String = "2027-06-30") -> Milestone {
        Milestone(initiativeID: initiative, name: name, baselineDate: Day("2027-06-01"), forecastDate: Day(forecast)!)
    }

    static func status(_ initiative: UUID, _ periodStart: String = "2024-01-15") -> StatusUpdate {
        StatusUpdate(initiativeID: initiative, periodStart: Day(periodStart)!, overall: .amber, schedule: .amber,
                     summary: "Vendor late on the billing API", accomplishments: "Data model signed off", nextSteps: "Escalate to vendor")
    }

    // MARK: - milestones

    @Test("milestones: create, read, patch, stale write, list by initiative, delete, audit", arguments: TestDatabase.available)
    func milestoneLifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people)
            let other = try await createInitiative(app, people)
            try await expectRoundTrip(
                app, people, "milestones", as: people.pmo, record: Self.milestone(initiative),
                patch: ["forecastDate": .string("2027-07-15"), "actualDate": .string("2027-07-20")],
                filter: "initiativeID=\(initiative)", decoy: Self.milestone(other))
        }
    }

    @Test("milestones: an empty name, a missing or impossible date and a missing initiative are 422s naming the field", arguments: TestDatabase.available)
    func milestoneValidation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people)
            try await expectRejected(app, "milestones", as: people.pmo, Self.milestone(initiative, " "), fields: ["name"])
            try await expectRejected(app, "milestones", as: people.pmo,
                                     AnyBody(.object(["initiativeID": .id(initiative), "name": .string("Go live")])), fields: ["forecastDate"])
            try await expectRejected(app, "milestones", as: people.pmo,
                                     AnyBody(.object(["initiativeID": .id(initiative), "name": .string("Go live"), "forecastDate": .string("2027-02-30")])),
                                     fields: ["forecastDate"])
            try await expectRejected(app, "milestones", as: people.pmo, Self.milestone(UUID()), fields: ["initiativeID"])
            #expect(try await count(app, "milestones", as: people.viewer) == 0)
        }
    }

    @Test("milestones: owners plan only their own initiatives; viewers and executives read only", arguments: TestDatabase.available)
    func milestoneAuthorisation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let mine = try await createInitiative(app, people, owner: people.owner)
            let theirs = try await createInitiative(app, people, owner: people.otherOwner)
            try await expectOwnerScope(
                app, people, "milestones", own: Self.milestone(mine), others: Self.milestone(theirs),
                patch: ["forecastDate": .string("2027-08-01")], handOver: ["initiativeID": .id(theirs)])

            let id = try await create(app, "milestones", as: people.pmo, Self.milestone(theirs))
            try await expectCannotWrite(app, "milestones", id, record: Self.milestone(mine), as: [people.viewer, people.executive])
            try await expectCredentialsRequired(app, "milestones", id, record: Self.milestone(mine))
        }
    }

    @Test("milestone history keeps every move of the forecast, oldest first, and nothing else", arguments: TestDatabase.available)
    func forecastHistory(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people, owner: people.owner)
            let id = try await create(app, "milestones", as: people.pmo, Self.milestone(initiative, forecast: "2027-06-30"))
            let moved = try await app.api(.PATCH, apiPath("milestones", id), as: people.owner,
                                          json: patchBody(["forecastDate": .string("2027-08-15")]), ifMatch: 1)
            #expect(moved.status == .ok)
            let renamed = try await app.api(.PATCH, apiPath("milestones", id), as: people.pmo,
                                            json: patchBody(["name": .string("Go live (phase 1)")]), ifMatch: 2)
            #expect(renamed.status == .ok)

            let history = try await app.api(.GET, apiPath("milestones", id) + "/history", as: people.viewer)
            #expect(history.status == .ok)
            guard case .array(let changes) = history.json else { Issue.record("history is not an array: \(history.text)"); return }
            #expect(changes.count == 2)
            #expect(changes.map { $0["previousDate"]?.stringValue } == [nil, "2027-06-30"])
            #expect(changes.map { $0["newDate"]?.stringValue } == ["2027-06-30", "2027-08-15"])
            #expect(changes.map { $0["changedBy"]?.stringValue } == [people.pmo.id.uuidString, people.owner.id.uuidString])
            #expect(changes.allSatisfy { $0["milestoneID"] == .id(id) })

            #expect(try await app.api(.GET, apiPath("milestones", UUID()) + "/history", as: people.viewer).status == .notFound)
            #expect(try await app.api(.GET, apiPath("milestones", id) + "/history", as: nil).status == .unauthorized)
        }
    }

    @Test("deleting an initiative deletes its milestones and their history", arguments: TestDatabase.available)
    func initiativeDeletionCascades(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people)
            let kept = try await createInitiative(app, people)
            let milestone = try await create(app, "milestones", as: people.pmo, Self.milestone(initiative))
            let other = try await create(app, "milestones", as: people.pmo, Self.milestone(kept))
            #expect(try await app.api(.DELETE, apiPath("initiatives", initiative), as: people.pmo, ifMatch: 1).status == .noContent)
            #expect(try await app.api(.GET, apiPath("milestones", milestone), as: people.viewer).status == .notFound)
            #expect(try await app.api(.GET, apiPath("milestones", milestone) + "/history", as: people.viewer).status == .notFound)
            #expect(try await app.api(.GET, apiPath("milestones") + "?initiativeID=\(initiative)", as: people.viewer).total == 0)
            #expect(try await app.api(.GET, apiPath("milestones", other), as: people.viewer).status == .ok)
        }
    }

    // MARK: - dependencies

    @Test("dependencies: create, read, patch, stale write, list by successor, delete, audit", arguments: TestDatabase.available)
    func dependencyLifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let platform = try await createInitiative(app, people)
            let billing = try await createInitiative(app, people)
            let portal = try await createInitiative(app, people)
            try await expectRoundTrip(
                app, people, "dependencies", as: people.pmo,
                record: Dependency(predecessorID: platform, successorID: billing, description: "Needs the new ledger"),
                patch: ["description": .string("Needs the new ledger and its API")],
                filter: "successorID=\(billing)", decoy: Dependency(predecessorID: platform, successorID: portal))
        }
    }

    @Test("dependencies: self-dependency, duplicates, loops and missing initiatives are 422s naming the field", arguments: TestDatabase.available)
    func dependencyRules(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let a = try await createInitiative(app, people)
            let b = try await createInitiative(app, people)
            let c = try await createInitiative(app, people)
            try await expectRejected(app, "dependencies", as: people.pmo, Dependency(predecessorID: a, successorID: a), fields: ["successorID"])
            try await expectRejected(app, "dependencies", as: people.pmo, Dependency(predecessorID: UUID(), successorID: a), fields: ["predecessorID"])
            try await expectRejected(app, "dependencies", as: people.pmo, Dependency(predecessorID: a, successorID: UUID()), fields: ["successorID"])
            try await expectRejected(app, "dependencies", as: people.pmo,
                                     Dependency(predecessorID: a, successorID: b, description: String(repeating: "x", count: 2001)), fields: ["description"])

            try await create(app, "dependencies", as: people.pmo, Dependency(predecessorID: a, successorID: b))
            try await expectRejected(app, "dependencies", as: people.pmo, Dependency(predecessorID: a, successorID: b), fields: ["predecessorID"])
            // A → B, so B → A would make both wait forever; so would closing A → B → C → A.
            try await expectRejected(app, "dependencies", as: people.pmo, Dependency(predecessorID: b, successorID: a), fields: ["predecessorID"])
            let bc = try await create(app, "dependencies", as: people.pmo, Dependency(predecessorID: b, successorID: c))
            try await expectRejected(app, "dependencies", as: people.pmo, Dependency(predecessorID: c, successorID: a), fields: ["predecessorID"])
            // Pointing B → C back at A by a patch closes a loop too.
            try await expectPatchRejected(app, "dependencies", bc, version: 1, as: people.pmo, ["successorID": .id(a)], fields: ["predecessorID"])
            // A → C alongside A → B → C is no loop.
            try await create(app, "dependencies", as: people.pmo, Dependency(predecessorID: a, successorID: c))
            #expect(try await count(app, "dependencies", as: people.viewer) == 3)
        }
    }

    @Test("dependencies: the successor's owner declares them; viewers and executives read only", arguments: TestDatabase.available)
    func dependencyAuthorisation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let mine = try await createInitiative(app, people, owner: people.owner)
            let theirs = try await createInitiative(app, people, owner: people.otherOwner)
            let shared = try await createInitiative(app, people)
            try await expectOwnerScope(
                app, people, "dependencies",
                own: Dependency(predecessorID: shared, successorID: mine),
                // Owning the predecessor is not enough: the successor is the initiative that waits.
                others: Dependency(predecessorID: mine, successorID: theirs),
                patch: ["description": .string("Waits for the shared platform")], handOver: ["successorID": .id(theirs)])

            let id = try await create(app, "dependencies", as: people.pmo, Dependency(predecessorID: shared, successorID: theirs))
            try await expectCannotWrite(app, "dependencies", id, record: Dependency(predecessorID: shared, successorID: mine),
                                        as: [people.viewer, people.executive])
            try await expectCredentialsRequired(app, "dependencies", id, record: Dependency(predecessorID: shared, successorID: mine))
        }
    }

    // MARK: - status updates

    @Test("status updates: create, read, patch, stale write, list by period, delete, audit", arguments: TestDatabase.available)
    func statusUpdateLifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people)
            try await expectRoundTrip(
                app, people, "status-updates", as: people.pmo, record: Self.status(initiative, "2024-01-15"),
                patch: ["overall": .string("red"), "blockers": .string("No vendor date")],
                filter: "periodStart=2024-01-15", decoy: Self.status(initiative, "2024-01-29"))
        }
    }

    @Test("status updates: period start on the bi-weekly cadence, one per period, required summary", arguments: TestDatabase.available)
    func statusUpdateRules(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people)
            // Periods run 14 days from Monday 2024-01-01: 2024-01-15 starts one, 2024-01-16 does not.
            try await expectRejected(app, "status-updates", as: people.pmo, Self.status(initiative, "2024-01-16"), fields: ["periodStart"])
            try await expectRejected(app, "status-updates", as: people.pmo, Self.status(initiative, "2024-01-08"), fields: ["periodStart"])
            var empty = Self.status(initiative)
            empty.summary = "  "
            empty.blockers = String(repeating: "x", count: 4001)
            try await expectRejected(app, "status-updates", as: people.pmo, empty, fields: ["summary", "blockers"])
            try await expectRejected(app, "status-updates", as: people.pmo,
                                     AnyBody(try JSONValue(encoding: Self.status(initiative)).merging(patch: .object(["overall": .string("purple")]))),
                                     fields: ["overall"])
            try await expectRejected(app, "status-updates", as: people.pmo, Self.status(UUID()), fields: ["initiativeID"])

            let first = try await create(app, "status-updates", as: people.pmo, Self.status(initiative, "2024-01-15"))
            #expect(try await app.api(.GET, apiPath("status-updates", first), as: people.viewer).json["periodStart"] == .string("2024-01-15"))
            try await expectRejected(app, "status-updates", as: people.pmo, Self.status(initiative, "2024-01-15"), fields: ["periodStart"])
            // The same period of another initiative is its own report.
            let other = try await createInitiative(app, people)
            try await create(app, "status-updates", as: people.pmo, Self.status(other, "2024-01-15"))
            let next = try await create(app, "status-updates", as: people.pmo, Self.status(initiative, "2024-01-29"))
            try await expectPatchRejected(app, "status-updates", next, version: 1, as: people.pmo,
                                          ["periodStart": .string("2024-01-15")], fields: ["periodStart"])
            try await expectPatchRejected(app, "status-updates", next, version: 1, as: people.pmo,
                                          ["periodStart": .string("2024-01-30")], fields: ["periodStart"])
            #expect(try await count(app, "status-updates", as: people.viewer) == 3)
        }
    }

    @Test("status updates: owners report only on their own initiatives; viewers and executives read only", arguments: TestDatabase.available)
    func statusUpdateAuthorisation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let mine = try await createInitiative(app, people, owner: people.owner)
            let theirs = try await createInitiative(app, people, owner: people.otherOwner)
            try await expectOwnerScope(
                app, people, "status-updates", own: Self.status(mine), others: Self.status(theirs),
                patch: ["overall": .string("green")], handOver: ["initiativeID": .id(theirs)])

            let id = try await create(app, "status-updates", as: people.pmo, Self.status(theirs))
            try await expectCannotWrite(app, "status-updates", id, record: Self.status(mine, "2024-01-29"), as: [people.viewer, people.executive])
            try await expectCredentialsRequired(app, "status-updates", id, record: Self.status(mine, "2024-01-29"))
        }
    }
}
