import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Governance API: decision rights, latency, waiting on me")
struct DecisionGovernanceAPITests {
    static func funding(_ initiative: UUID?, amount: Double?, linked: [UUID] = []) -> DecisionService.DecisionRequest {
        DecisionService.DecisionRequest(
            title: "Release contingency", context: "Forecast above budget", type: .funding, initiativeID: initiative,
            linkedInitiativeIDs: linked, options: ["Release", "Decline"], neededBy: nil, amount: amount)
    }

    @Test("requests are routed by amount; with no covering right they are refused naming the type")
    func routing() async throws {
        try await withTestApp { app, people in
            let initiative = try await GovernanceFixture.initiative(app, people, tier: .standard)
            let unrouted = try await app.api(.POST, "/api/v1/governance/decisions", as: people.pmo, json: Self.funding(initiative, amount: 50_000))
            expectInvalid(unrouted, fields: ["type"])
            try await GovernanceFixture.rights(app, people)
            let small = try await app.api(.POST, "/api/v1/governance/decisions", as: people.owner, json: Self.funding(initiative, amount: 100_000))
            #expect(small.status == .created, "\(small.text)")
            #expect(small.json["decisionMakerID"] == .id(people.pmo.id))
            #expect(small.json["context"]?.stringValue?.contains("up to 100000") == true)
            let large = try await app.api(.POST, "/api/v1/governance/decisions", as: people.pmo, json: Self.funding(initiative, amount: 100_001))
            #expect(large.json["decisionMakerID"] == .id(people.executive.id))
            #expect(try await app.api(.POST, "/api/v1/governance/decisions", as: people.viewer, json: Self.funding(initiative, amount: 1)).status == .forbidden)
        }
    }

    @Test("only the maker or an admin records the outcome, through the outcome endpoint and through PATCH alike")
    func onlyMakerDecides() async throws {
        try await withTestApp { app, people in
            try await GovernanceFixture.rights(app, people)
            let initiative = try await GovernanceFixture.initiative(app, people, tier: .standard)
            let created = try await app.api(.POST, "/api/v1/governance/decisions", as: people.pmo, json: Self.funding(initiative, amount: 500_000))
            let id = try #require(created.id)
            let body = DecisionService.DecideRequest(outcome: "Release", rationale: "Within tolerance", decidedOn: nil)
            for person in [people.pmo, people.owner] {
                let refused = try await app.api(.POST, "/api/v1/governance/decisions/\(id)/outcome", as: person, json: body, ifMatch: 1)
                #expect(refused.status == .forbidden, "\(person.role): \(refused.text)")
            }
            let patch = patchBody(["status": .string("decided"), "decidedOn": .string(Day.today().description), "outcome": .string("Release")])
            #expect(try await app.api(.PATCH, apiPath("decisions", id), as: people.pmo, json: patch, ifMatch: 1).status == .forbidden)
            // Nobody can name themselves the maker and decide in one write.
            let takeover = patchBody(["decisionMakerID": .id(people.pmo.id), "status": .string("decided"),
                                      "decidedOn": .string(Day.today().description), "outcome": .string("Release")])
            #expect(try await app.api(.PATCH, apiPath("decisions", id), as: people.pmo, json: takeover, ifMatch: 1).status == .forbidden)
            #expect(try await app.api(.GET, apiPath("decisions", id), as: people.viewer).json["status"] == .string("pending"))

            let decided = try await app.api(.POST, "/api/v1/governance/decisions/\(id)/outcome", as: people.executive, json: body, ifMatch: 1)
            #expect(decided.status == .ok, "\(decided.text)")
            #expect(decided.json["status"] == .string("decided"))
            #expect(try await app.api(.POST, "/api/v1/governance/decisions/\(id)/outcome", as: people.admin, json: body, ifMatch: 1).status
                == .preconditionFailed, "a stale version is refused")
        }
    }

    @Test("latency figures match the hand-computed ones; overdue and waiting-on-me; the value a pending decision blocks")
    func latencyAndWaiting() async throws {
        try await withTestApp { app, people in
            let a = try await GovernanceFixture.initiative(app, people, tier: .full, budget: 400_000)
            let b = try await GovernanceFixture.initiative(app, people, tier: .light, budget: 100_000)
            let c = try await GovernanceFixture.initiative(app, people, tier: .light, budget: 50_000)
            try await create(app, "dependencies", as: people.pmo, Dependency(predecessorID: a, successorID: c))
            let today = Day.today()
            func decided(_ type: DecisionType, _ initiative: UUID?, requested: Int, latency: Int) -> Decision {
                Decision(title: "D", type: type, initiativeID: initiative, decisionMakerID: people.admin.id,
                         requestedOn: today.adding(days: -requested), decidedOn: today.adding(days: -requested + latency), status: .decided, outcome: "Yes")
            }
            // Latencies: gate/full 2 and 20, funding/light 10, trade-off/portfolio 4.
            for decision in [decided(.gate, a, requested: 40, latency: 2), decided(.gate, a, requested: 30, latency: 20),
                             decided(.funding, b, requested: 25, latency: 10), decided(.tradeOff, nil, requested: 20, latency: 4)] {
                try await create(app, "decisions", as: people.admin, decision)
            }
            var late = Decision(title: "Late call", type: .tradeOff, initiativeID: a, decisionMakerID: people.executive.id,
                                requestedOn: today.adding(days: -20), neededBy: today.adding(days: -5))
            late.linkedInitiativeIDs = [b]
            try await create(app, "decisions", as: people.pmo, late)
            try await create(app, "decisions", as: people.pmo, Decision(title: "Not mine", type: .other, decisionMakerID: people.pmo.id, requestedOn: today))

            let latency = try await app.api(.GET, "/api/v1/governance/decisions/latency", as: people.viewer)
            #expect(latency.json["overall"]?["count"] == .number(4))
            #expect(latency.json["overall"]?["medianDays"] == .number(7))
            #expect(latency.json["overall"]?["p90Days"] == .number(17))
            let byType = latency.json["byType"]?.arrayItems ?? []
            #expect(byType.first?["key"] == .string("gate"))
            #expect(byType.first?["figures"]?["medianDays"] == .number(11))
            #expect(byType.first?["figures"]?["p90Days"] == .number(18.2))
            let byTier = Dictionary(uniqueKeysWithValues: (latency.json["byTier"]?.arrayItems ?? []).map { ($0["key"]?.stringValue ?? "", $0["figures"]?["medianDays"]) })
            #expect(byTier == ["full": .number(11), "light": .number(10), "portfolio": .number(4)])
            #expect(latency.json["pending"] == .number(2))
            #expect(latency.json["overdue"] == .number(1))

            let mine = try await app.api(.GET, "/api/v1/governance/decisions/waiting-on-me", as: people.executive)
            let items = mine.json.arrayItems ?? []
            #expect(items.count == 1)
            #expect(items.first?["title"] == .string("Late call"))
            #expect(items.first?["overdue"] == .bool(true))
            #expect(items.first?["waitingDays"] == .number(20))
            // It blocks a, b and c (which waits on a): 400k + 100k + 50k.
            #expect(items.first?["blockedBudget"] == .number(550_000))
            #expect(Set((items.first?["blockedInitiativeIDs"]?.arrayItems ?? []).compactMap(\.stringValue)) == Set([a, b, c].map(\.uuidString)))
            #expect((try await app.api(.GET, "/api/v1/governance/decisions/waiting-on-me", as: people.viewer).json.arrayItems ?? []).isEmpty)
        }
    }

    @Test("decisions link further initiatives, which must exist")
    func linkedInitiatives() async throws {
        try await withTestApp { app, people in
            let a = try await GovernanceFixture.initiative(app, people, tier: .standard)
            var decision = Decision(title: "Shared platform", requestedOn: Day("2027-01-01")!, linkedInitiativeIDs: [a, UUID()])
            try await expectRejected(app, "decisions", as: people.pmo, decision, fields: ["linkedInitiativeIDs[1]"])
            decision.linkedInitiativeIDs = [a, a]
            try await expectRejected(app, "decisions", as: people.pmo, decision, fields: ["linkedInitiativeIDs"])
            decision.linkedInitiativeIDs = [a]
            let id = try await create(app, "decisions", as: people.pmo, decision)
            #expect(try await app.api(.GET, apiPath("decisions", id), as: people.viewer).json["linkedInitiativeIDs"] == .array([.id(a)]))
        }
    }
}

extension JSONValue {
    var arrayItems: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}
