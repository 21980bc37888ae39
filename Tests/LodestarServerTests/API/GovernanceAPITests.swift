import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Governance API: RAID items and decisions")
struct GovernanceAPITests {
    static func risk(_ initiative: UUID, _ title: String = "Vendor misses the API date", probability: Int = 4, impact: Int = 5,
                     owner: UUID? = nil) -> RAIDItem {
        RAIDItem(initiativeID: initiative, kind: .risk, title: title, probability: probability, impact: impact, ownerID: owner,
                 mitigation: "Weekly vendor checkpoint", dueDate: Day("2027-04-30"), category: "vendor")
    }

    static func decision(_ initiative: UUID?, _ title: String = "Fund phase 2?", maker: UUID? = nil) -> Decision {
        Decision(title: title, context: "Phase 1 delivered early", type: .funding, initiativeID: initiative, decisionMakerID: maker,
                 options: ["Fund now", "Defer a quarter"], requestedOn: Day("2027-03-01")!, neededBy: Day("2027-03-15"))
    }

    // MARK: - RAID items

    @Test("RAID items: create, read, patch, stale write, list by escalation, delete, audit; sort by severity", arguments: TestDatabase.available)
    func raidLifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people)
            var issue = Self.risk(initiative, "Test environment down", probability: 5, impact: 2)
            issue.kind = .issue
            try await expectRoundTrip(
                app, people, "raid-items", as: people.pmo, record: Self.risk(initiative, owner: people.executive.id),
                patch: ["status": .string("mitigating"), "escalationLevel": .string("executive"), "impact": .number(4)],
                filter: "escalationLevel=executive", decoy: issue)

            // The RAID log sorts by severity, probability × impact.
            try await create(app, "raid-items", as: people.pmo, Self.risk(initiative, "Key architect leaves", probability: 3, impact: 4))
            try await create(app, "raid-items", as: people.pmo, Self.risk(initiative, "Scope creep", probability: 2, impact: 2))
            let bySeverity = try await app.api(.GET, apiPath("raid-items") + "?sort=-score", as: people.viewer)
            #expect(bySeverity.items.map { $0["title"]?.stringValue } == ["Key architect leaves", "Test environment down", "Scope creep"])
        }
    }

    @Test("RAID items: scores 1–5, required title, vocabulary and missing references are 422s naming the field", arguments: TestDatabase.available)
    func raidValidation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people)
            var bad = Self.risk(initiative, " ", probability: 0, impact: 6)
            bad.category = String(repeating: "x", count: 81)
            try await expectRejected(app, "raid-items", as: people.pmo, bad, fields: ["title", "probability", "impact", "category"])
            try await expectRejected(app, "raid-items", as: people.pmo,
                                     AnyBody(try JSONValue(encoding: Self.risk(initiative)).merging(patch: .object(["kind": .string("opportunity")]))),
                                     fields: ["kind"])
            try await expectRejected(app, "raid-items", as: people.pmo, Self.risk(UUID()), fields: ["initiativeID"])
            try await expectRejected(app, "raid-items", as: people.pmo, Self.risk(initiative, owner: UUID()), fields: ["ownerID"])

            let id = try await create(app, "raid-items", as: people.pmo, Self.risk(initiative))
            try await expectPatchRejected(app, "raid-items", id, version: 1, as: people.pmo, ["probability": .number(9)], fields: ["probability"])
            #expect(try await count(app, "raid-items", as: people.viewer) == 1)
        }
    }

    @Test("RAID items: owners keep only their own initiatives' logs; viewers and executives read only", arguments: TestDatabase.available)
    func raidAuthorisation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let mine = try await createInitiative(app, people, owner: people.owner)
            let theirs = try await createInitiative(app, people, owner: people.otherOwner)
            try await expectOwnerScope(
                app, people, "raid-items", own: Self.risk(mine), others: Self.risk(theirs),
                patch: ["status": .string("closed")], handOver: ["initiativeID": .id(theirs)])

            let id = try await create(app, "raid-items", as: people.pmo, Self.risk(theirs))
            try await expectCannotWrite(app, "raid-items", id, record: Self.risk(mine), as: [people.viewer, people.executive])
            try await expectCredentialsRequired(app, "raid-items", id, record: Self.risk(mine))
        }
    }

    // MARK: - decisions

    @Test("decisions: an executive creates, reads, decides, lists by status and deletes; audited", arguments: TestDatabase.available)
    func decisionLifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people)
            try await expectRoundTrip(
                app, people, "decisions", as: people.executive, record: Self.decision(initiative, maker: people.executive.id),
                patch: ["status": .string("decided"), "decidedOn": .string("2027-03-10"), "outcome": .string("Fund now"),
                        "rationale": .string("Benefits ahead of plan")],
                filter: "status=decided", decoy: Self.decision(nil, "Close the legacy data centre?"))
        }
    }

    @Test("decisions: a decided decision needs its date and outcome; dates in order; options bounded; references exist", arguments: TestDatabase.available)
    func decisionValidation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people)
            var decided = Self.decision(initiative)
            decided.status = .decided
            try await expectRejected(app, "decisions", as: people.pmo, decided, fields: ["decidedOn", "outcome"])
            decided.decidedOn = Day("2027-02-01")
            decided.outcome = "Fund now"
            try await expectRejected(app, "decisions", as: people.pmo, decided, fields: ["decidedOn"])

            var pending = Self.decision(initiative)
            pending.decidedOn = Day("2027-03-10")
            try await expectRejected(app, "decisions", as: people.pmo, pending, fields: ["decidedOn"])
            var rushed = Self.decision(initiative, " ")
            rushed.neededBy = Day("2027-02-28")
            try await expectRejected(app, "decisions", as: people.pmo, rushed, fields: ["title", "neededBy"])
            var crowded = Self.decision(initiative)
            crowded.options = (1...21).map { "Option \($0)" }
            try await expectRejected(app, "decisions", as: people.pmo, crowded, fields: ["options"])
            crowded.options = ["Fund", String(repeating: "x", count: 501)]
            try await expectRejected(app, "decisions", as: people.pmo, crowded, fields: ["options[1]"])
            try await expectRejected(app, "decisions", as: people.pmo, Self.decision(UUID()), fields: ["initiativeID"])
            try await expectRejected(app, "decisions", as: people.pmo, Self.decision(initiative, maker: UUID()), fields: ["decisionMakerID"])

            let id = try await create(app, "decisions", as: people.pmo, Self.decision(initiative))
            try await expectPatchRejected(app, "decisions", id, version: 1, as: people.executive,
                                          ["status": .string("decided"), "decidedOn": .string("2027-03-10")], fields: ["outcome"])
            #expect(try await count(app, "decisions", as: people.viewer) == 1)
        }
    }

    @Test("decisions: executives decide portfolio-wide; owners only on their own initiatives; viewers read only", arguments: TestDatabase.available)
    func decisionAuthorisation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let mine = try await createInitiative(app, people, owner: people.owner)
            let theirs = try await createInitiative(app, people, owner: people.otherOwner)

            // Executives write decisions with or without an initiative, whoever owns it.
            let portfolio = try await create(app, "decisions", as: people.executive, Self.decision(nil, "Cap 2027 capex?"))
            let onTheirs = try await create(app, "decisions", as: people.executive, Self.decision(theirs))
            let decide = patchBody(["status": .string("withdrawn")])
            #expect(try await app.api(.PATCH, apiPath("decisions", onTheirs), as: people.executive, json: decide, ifMatch: 1).status == .ok)
            #expect(try await app.api(.DELETE, apiPath("decisions", onTheirs), as: people.executive, ifMatch: 2).status == .noContent)

            try await expectOwnerScope(
                app, people, "decisions", own: Self.decision(mine), others: Self.decision(theirs),
                patch: ["neededBy": .string("2027-03-31")], handOver: ["initiativeID": .id(theirs)])
            // A portfolio-level decision belongs to no owner.
            #expect(try await app.api(.POST, apiPath("decisions"), as: people.owner, json: Self.decision(nil)).status == .forbidden)
            #expect(try await app.api(.PATCH, apiPath("decisions", portfolio), as: people.owner, json: decide, ifMatch: 1).status == .forbidden)

            try await expectCannotWrite(app, "decisions", portfolio, record: Self.decision(nil), as: [people.viewer])
            try await expectCredentialsRequired(app, "decisions", portfolio, record: Self.decision(nil))
        }
    }
}
