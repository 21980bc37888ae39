import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Governance API: escalation rules, manual escalation, heat maps")
struct EscalationAPITests {
    static func item(_ initiative: UUID, _ title: String, kind: RAIDKind = .risk, p: Int, i: Int, mitigation: String = "Plan B",
                     due: Day? = nil, identified: Day? = nil, milestone: UUID? = nil) -> RAIDItem {
        RAIDItem(initiativeID: initiative, kind: kind, title: title, probability: p, impact: i, mitigation: mitigation, dueDate: due,
                 milestoneID: milestone, identifiedOn: identified)
    }

    static func level(_ app: Application, _ people: Fixture, _ id: UUID) async throws -> String? {
        try await app.api(.GET, apiPath("raid-items", id), as: people.viewer).json["escalationLevel"]?.stringValue
    }

    @Test("each default rule escalates its item (score, age without mitigation, overdue mitigation, blocked milestone), once")
    func rules() async throws {
        try await withTestApp { app, people in
            let initiative = try await GovernanceFixture.initiative(app, people, tier: .standard)
            let today = Day.today()
            let milestone = try await create(app, "milestones", as: people.pmo, Milestone(
                initiativeID: initiative, name: "Go-live", baselineDate: today.adding(days: 10), forecastDate: today.adding(days: 10)))
            let severe = try await create(app, "raid-items", as: people.pmo, Self.item(initiative, "Vendor insolvency", p: 5, i: 4))
            let high = try await create(app, "raid-items", as: people.pmo, Self.item(initiative, "Key people leave", p: 5, i: 3))
            let stale = try await create(app, "raid-items", as: people.pmo, Self.item(initiative, "Unowned", p: 2, i: 2, mitigation: "", identified: today.adding(days: -31)))
            let overdue = try await create(app, "raid-items", as: people.pmo, Self.item(initiative, "Late fix", p: 2, i: 2, due: today.adding(days: -15)))
            let blocking = try await create(app, "raid-items", as: people.pmo, Self.item(initiative, "Test rig down", kind: .issue, p: 2, i: 2, milestone: milestone))
            let calm = try await create(app, "raid-items", as: people.pmo, Self.item(initiative, "Minor", p: 2, i: 2, due: today.adding(days: 5)))

            #expect(try await app.api(.POST, "/api/v1/governance/escalations/evaluate", as: people.owner).status == .forbidden)
            let run = try await app.api(.POST, "/api/v1/governance/escalations/evaluate", as: people.pmo)
            #expect(run.status == .ok, "\(run.text)")
            #expect(run.json["escalated"]?.arrayItems?.count == 5)
            #expect(try await Self.level(app, people, severe) == "executive")
            #expect(try await Self.level(app, people, high) == "portfolio")
            #expect(try await Self.level(app, people, stale) == "portfolio")
            #expect(try await Self.level(app, people, overdue) == "portfolio")
            #expect(try await Self.level(app, people, blocking) == "executive")
            #expect(try await Self.level(app, people, calm) == "initiative")

            let history = try await app.api(.GET, "/api/v1/governance/escalations?initiativeID=\(initiative)", as: people.viewer).json.arrayItems ?? []
            let severeMove = history.first { $0["itemID"] == .id(severe) }
            #expect(severeMove?["direction"] == .string("escalated"))
            #expect(severeMove?["actor"]?.stringValue?.contains("Severe exposure") == true)
            #expect(severeMove?["reason"]?.stringValue?.contains("5 × 4 = 20") == true)
            #expect(try await auditTrail(app, people, "raid-items", severe).first?["changes"]?["escalationLevel"]?["after"] == .string("executive"))

            let again = try await app.api(.POST, "/api/v1/governance/escalations/evaluate", as: people.admin)
            #expect(again.json["escalated"]?.arrayItems?.isEmpty == true, "a second run finds nothing new")
        }
    }

    @Test("people escalate and de-escalate with a reason; owners only their own items and never to or from executive")
    func manual() async throws {
        try await withTestApp { app, people in
            let mine = try await GovernanceFixture.initiative(app, people, tier: .standard, owner: people.owner)
            let theirs = try await GovernanceFixture.initiative(app, people, tier: .standard, owner: people.otherOwner)
            let item = try await create(app, "raid-items", as: people.pmo, Self.item(mine, "Scope creep", p: 3, i: 3))
            let other = try await create(app, "raid-items", as: people.pmo, Self.item(theirs, "Budget cut", p: 3, i: 3))
            func move(_ id: UUID, _ level: EscalationLevel, _ reason: String, as person: Fixture.Person) async throws -> APIResponse {
                try await app.api(.POST, "/api/v1/raid-items/\(id)/escalation", as: person, json: EscalationService.MoveRequest(level: level, reason: reason))
            }
            expectInvalid(try await move(item, .portfolio, " ", as: people.pmo), fields: ["reason"])
            #expect(try await move(item, .portfolio, "Needs help", as: people.viewer).status == .forbidden)
            #expect(try await move(other, .portfolio, "Needs help", as: people.owner).status == .forbidden)
            #expect(try await move(item, .executive, "Needs the CEO", as: people.owner).status == .forbidden)
            let up = try await move(item, .portfolio, "Needs the board's help", as: people.owner)
            #expect(up.status == .created, "\(up.text)")
            #expect(up.json["direction"] == .string("escalated"))
            let exec = try await move(item, .executive, "Board cannot resolve it", as: people.pmo)
            #expect(exec.status == .created)
            let down = try await move(item, .initiative, "Mitigation worked", as: people.executive)
            #expect(down.json["direction"] == .string("de_escalated"))
            #expect(down.json["actor"] == .string(people.executive.email))
            #expect(try await Self.level(app, people, item) == "initiative")
            expectInvalid(try await move(item, .initiative, "Again", as: people.pmo), fields: ["level"])
            let history = try await app.api(.GET, "/api/v1/governance/escalations?initiativeID=\(mine)", as: people.viewer).json.arrayItems ?? []
            #expect(history.map { $0["to"]?.stringValue } == ["initiative", "executive", "portfolio"])
        }
    }

    @Test("an item blocks only a milestone of its own initiative")
    func milestoneOfSameInitiative() async throws {
        try await withTestApp { app, people in
            let a = try await GovernanceFixture.initiative(app, people, tier: .standard)
            let b = try await GovernanceFixture.initiative(app, people, tier: .standard)
            let milestone = try await create(app, "milestones", as: people.pmo, Milestone(initiativeID: b, name: "Launch", forecastDate: Day("2027-05-01")!))
            try await expectRejected(app, "raid-items", as: people.pmo, Self.item(a, "Blocked", kind: .issue, p: 3, i: 3, milestone: milestone), fields: ["milestoneID"])
            try await expectRejected(app, "raid-items", as: people.pmo, Self.item(a, "Blocked", kind: .issue, p: 3, i: 3, milestone: UUID()), fields: ["milestoneID"])
        }
    }

    @Test("heat map: counts per cell for the portfolio, one initiative and executive level; closed items left out")
    func heatMap() async throws {
        try await withTestApp { app, people in
            let a = try await GovernanceFixture.initiative(app, people, tier: .standard)
            let b = try await GovernanceFixture.initiative(app, people, tier: .standard)
            try await create(app, "raid-items", as: people.pmo, Self.item(a, "A1", p: 5, i: 5))
            try await create(app, "raid-items", as: people.pmo, Self.item(a, "A2", p: 2, i: 3))
            var closed = Self.item(a, "A3", p: 5, i: 5)
            closed.status = .closed
            try await create(app, "raid-items", as: people.pmo, closed)
            var executive = Self.item(b, "B1", p: 4, i: 5)
            executive.escalationLevel = .executive
            try await create(app, "raid-items", as: people.pmo, executive)

            let portfolio = try await app.api(.GET, "/api/v1/governance/heat-map", as: people.viewer)
            #expect(portfolio.json["total"] == .number(3))
            #expect(portfolio.json["counts"]?.arrayItems?[4].arrayItems?[4] == .number(1))
            #expect(portfolio.json["top"]?.arrayItems?.map { $0["title"]?.stringValue } == ["A1", "B1", "A2"])
            let one = try await app.api(.GET, "/api/v1/governance/heat-map?initiativeID=\(a)", as: people.viewer)
            #expect(one.json["total"] == .number(2))
            let top = try await app.api(.GET, "/api/v1/governance/heat-map?level=executive", as: people.viewer)
            #expect(top.json["total"] == .number(1))
            #expect(top.json["counts"]?.arrayItems?[3].arrayItems?[4] == .number(1))
            expectInvalid(try await app.api(.GET, "/api/v1/governance/heat-map?level=board", as: people.viewer), fields: ["level"])
        }
    }
}
