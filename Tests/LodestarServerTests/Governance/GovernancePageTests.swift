import Fluent
import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Governance pages")
struct GovernancePageTests {
    static func expectAccessible(_ page: WebResponse, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(page.status == .ok, "\(name): \(page.status)", sourceLocation: sourceLocation)
        let problems = PageHTML.accessibilityProblems(in: page.body)
        #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "; "))", sourceLocation: sourceLocation)
    }

    @Test("an owner requests a gate review through the form: refused naming the missing evidence, then accepted; the maker decides on the page")
    func gateReviewThroughForms() async throws {
        try await withTestApp { app, people in
            try await GovernanceFixture.rights(app, people)
            let id = try await GovernanceFixture.initiative(app, people, tier: .standard, gate: .businessCase, status: .approved)
            let owner = try await app.signIn(people.owner)
            let page = try await app.page(.GET, "/governance/initiatives/\(id)", session: owner)
            Self.expectAccessible(page, "gate review page")
            #expect(PageHTML.text(page.body).contains("Next gate: Plan"))
            let form = try #require(PageHTML.form(action: "/governance/initiatives/\(id)/gate-reviews", in: page.body))
            #expect(PageHTML.tags("input", in: form).contains { $0["name"] == "attest_business_case" })
            #expect(!PageHTML.tags("input", in: form).contains { $0["name"] == "fastTrack" }, "standard tier cannot be fast-tracked")

            // Plan needs benefit KPIs and baselined milestones, which the data does not have yet.
            let refused = try await app.page(.POST, "/governance/initiatives/\(id)/gate-reviews", session: owner,
                                             form: [("csrf", owner.csrf), ("attest_business_case", "on")])
            #expect(refused.status == .unprocessableEntity)
            let errors = PageHTML.text(refused.body)
            #expect(errors.contains("evidence.benefit_kpis"))
            #expect(errors.contains("evidence.milestones_planned"))
            #expect(try await count(app, "decisions", as: people.viewer) == 0)

            try await GovernanceFixture.evidence(app, people, for: id)
            let accepted = try await app.page(.POST, "/governance/initiatives/\(id)/gate-reviews", session: owner,
                                              form: [("csrf", owner.csrf), ("attest_business_case", "on")])
            #expect(accepted.status == .seeOther)
            #expect(accepted.location == "/governance/initiatives/\(id)?done=review-requested")
            let after = try await app.page(.GET, accepted.location!, session: owner)
            #expect(PageHTML.text(after.body).contains("Review requested"))
            #expect(PageHTML.form(action: "/governance/initiatives/\(id)/gate-reviews", in: after.body) == nil, "one review at a time")

            // The maker (the executive, for standard gates) sees the decision form; the owner does not.
            let review = try #require(try await GateReviewModel.query(on: app.db).first())
            let outcomeAction = "/governance/gate-reviews/\(review.id!)/outcome"
            #expect(PageHTML.form(action: outcomeAction, in: after.body) == nil)
            let forged = try await app.page(.POST, outcomeAction, session: owner,
                                            form: [("csrf", owner.csrf), ("outcome", "pass"), ("rationale", "Me")])
            #expect(forged.status == .forbidden)
            let executive = try await app.signIn(people.executive)
            let makerPage = try await app.page(.GET, "/governance/initiatives/\(id)", session: executive)
            Self.expectAccessible(makerPage, "gate review page (maker)")
            #expect(PageHTML.form(action: outcomeAction, in: makerPage.body) != nil)
            let noToken = try await app.page(.POST, outcomeAction, session: executive, form: [("outcome", "pass"), ("rationale", "Good")])
            #expect(noToken.status == .forbidden)
            let decided = try await app.page(.POST, outcomeAction, session: executive,
                                             form: [("csrf", executive.csrf), ("outcome", "pass"), ("rationale", "Evidence is sound")])
            #expect(decided.status == .seeOther)
            #expect(try await app.api(.GET, apiPath("initiatives", id), as: people.viewer).json["currentGate"] == .string("plan"))
        }
    }

    @Test("the gates board, decision log and RAID register render accessibly with their figures, heat maps and forms")
    func boardLogAndRegister() async throws {
        try await withTestApp { app, people in
            try await GovernanceFixture.rights(app, people)
            let id = try await GovernanceFixture.initiative(app, people, tier: .standard, budget: 5_000_000, code: "BIG-1")
            let today = Day.today()
            try await create(app, "decisions", as: people.admin, Decision(
                title: "Pick the vendor", type: .tradeOff, initiativeID: id, decisionMakerID: people.executive.id,
                requestedOn: today.adding(days: -10), decidedOn: today.adding(days: -4), status: .decided, outcome: "Vendor B"))
            let pending = try await create(app, "decisions", as: people.pmo, Decision(
                title: "Cut scope <now>", type: .scopeChange, initiativeID: id, decisionMakerID: people.executive.id,
                requestedOn: today.adding(days: -9), neededBy: today.adding(days: -1)))
            let risk = try await create(app, "raid-items", as: people.pmo, RAIDItem(
                initiativeID: id, kind: .risk, title: "Vendor \"fails\"", probability: 5, impact: 4))
            let pmo = try await app.signIn(people.pmo)

            let board = try await app.page(.GET, "/governance", session: pmo)
            Self.expectAccessible(board, "gates board")
            #expect(board.body.contains("BIG-1"))
            #expect(PageHTML.form(action: "/governance/tiers/apply", in: board.body) != nil, "the rules would make BIG-1 full")
            let applied = try await app.page(.POST, "/governance/tiers/apply", session: pmo, form: [("csrf", pmo.csrf)])
            #expect(applied.location == "/governance?done=tiers-applied")
            #expect(try await app.api(.GET, apiPath("initiatives", id), as: people.viewer).json["tier"] == .string("full"))

            let executive = try await app.signIn(people.executive)
            let log = try await app.page(.GET, "/governance/decisions", session: executive)
            Self.expectAccessible(log, "decision log")
            let text = PageHTML.text(log.body)
            #expect(text.contains("Waiting on me"))
            #expect(text.contains("Cut scope <now>"), "titles are escaped and shown")
            #expect(!log.body.contains("<now>"))
            #expect(PageHTML.elements("span", in: log.body).first { $0["id"] == "latency-median" }?.inner == "6")
            #expect(PageHTML.elements("span", in: log.body).first { $0["id"] == "overdue-count" }?.inner == "1")
            let decide = try #require(PageHTML.form(action: "/governance/decisions/\(pending)/decide", in: log.body))
            var values = PageHTML.formValues(decide).filter { $0.0 != "outcome" && $0.0 != "rationale" }
            values += [("outcome", "Cut the reporting module"), ("rationale", "Protects the date")]
            let decided = try await app.page(.POST, "/governance/decisions/\(pending)/decide", session: executive, form: values)
            #expect(decided.location == "/governance/decisions?done=decision-recorded")
            #expect(try await app.api(.GET, apiPath("decisions", pending), as: people.viewer).json["status"] == .string("decided"))

            let register = try await app.page(.GET, "/governance/raid", session: pmo)
            Self.expectAccessible(register, "RAID register")
            #expect(PageHTML.tags("svg", in: register.body).count == 2)
            #expect(register.body.contains("<title id=\"heat-all-title\">"))
            #expect(register.body.contains("probability 5, impact 4: 1"))
            #expect(PageHTML.text(register.body).contains("Vendor \"fails\""))
            let moved = try await app.page(.POST, "/governance/raid/\(risk)/escalation", session: pmo,
                                           form: [("csrf", pmo.csrf), ("level", "executive"), ("reason", "Board asked")])
            #expect(moved.location == "/governance/raid?done=item-moved")
            let refused = try await app.page(.POST, "/governance/raid/\(risk)/escalation", session: pmo,
                                             form: [("csrf", pmo.csrf), ("level", "portfolio"), ("reason", "")])
            #expect(refused.status == .unprocessableEntity)
            #expect(PageHTML.text(refused.body).contains("reason"))
            let viewer = try await app.signIn(people.viewer)
            let readOnly = try await app.page(.GET, "/governance/raid", session: viewer)
            Self.expectAccessible(readOnly, "RAID register (viewer)")
            #expect(PageHTML.form(action: "/governance/raid/\(risk)/escalation", in: readOnly.body) == nil)
            #expect(try await app.page(.GET, "/governance/raid").status != .ok, "signed-in users only")
        }
    }

    @Test("the demo portfolio carries gates, routed decisions and escalations, and every governance page shows them")
    func demo() async throws {
        try await withTestApp { app, people in
            let summary = try await Commands.loadDemo(into: app, seed: 42, initiatives: 40)
            #expect(summary.records > 0)
            #expect(try await GateReviewModel.query(on: app.db).count() > 0)
            #expect(try await DecisionRightModel.query(on: app.db).count() == 10)
            #expect(try await EscalationRecordModel.query(on: app.db).filter(\.$ruleID != nil).count() > 0)
            let latency = try await app.api(.GET, "/api/v1/governance/decisions/latency", as: people.viewer)
            #expect((latency.json["overall"]?["count"]?.numberValue ?? 0) > 0)
            let pmo = try await app.signIn(people.pmo)
            for path in ["/governance", "/governance/decisions", "/governance/raid"] {
                Self.expectAccessible(try await app.page(.GET, path, session: pmo), path)
            }
            let review = try #require(try await GateReviewModel.query(on: app.db).first())
            Self.expectAccessible(try await app.page(.GET, "/governance/initiatives/\(review.initiativeID)", session: pmo), "demo gate page")
        }
    }
}

@Suite("Governance pages: webhooks")
struct WebhooksPageTests {
    @Test("an admin adds a webhook through the form and sees its secret once; the PMO reads the log; others may not look")
    func webhooksPage() async throws {
        try await withTestApp { app, people in
            let admin = try await app.signIn(people.admin)
            let empty = try await app.page(.GET, "/governance/webhooks", session: admin)
            GovernancePageTests.expectAccessible(empty, "webhooks page")
            let refused = try await app.page(.POST, "/governance/webhooks", session: admin,
                                             form: [("csrf", admin.csrf), ("url", "ftp://nowhere"), ("description", "")])
            #expect(refused.status == .unprocessableEntity)
            #expect(PageHTML.text(refused.body).contains("url: must be an http or https URL"))
            let added = try await app.page(.POST, "/governance/webhooks", session: admin,
                                           form: [("csrf", admin.csrf), ("url", "https://hooks.example.org/in"), ("event_gate.decided", "on"),
                                                  ("description", "Board channel")])
            #expect(added.status == .created)
            let secret = try #require(PageHTML.elements("code", in: added.body).first?.inner)
            #expect(secret.hasPrefix("whsec_"))
            let webhook = try #require(try await WebhookModel.query(on: app.db).first())
            #expect(webhook.subscribedEvents == [.gateDecided])

            let pmo = try await app.signIn(people.pmo)
            let read = try await app.page(.GET, "/governance/webhooks", session: pmo)
            GovernancePageTests.expectAccessible(read, "webhooks page (PMO)")
            #expect(read.body.contains("https://hooks.example.org/in"))
            #expect(!read.body.contains(secret), "the secret is never shown again")
            #expect(PageHTML.form(action: "/governance/webhooks", in: read.body) == nil)
            #expect(try await app.page(.POST, "/governance/webhooks/\(webhook.id!)/delete", session: pmo, form: [("csrf", pmo.csrf)]).status == .forbidden)
            let viewer = try await app.signIn(people.viewer)
            #expect(try await app.page(.GET, "/governance/webhooks", session: viewer).status == .forbidden)

            let removed = try await app.page(.POST, "/governance/webhooks/\(webhook.id!)/delete", session: admin, form: [("csrf", admin.csrf)])
            #expect(removed.location == "/governance/webhooks")
            #expect(try await WebhookModel.query(on: app.db).count() == 0)
        }
    }
}
