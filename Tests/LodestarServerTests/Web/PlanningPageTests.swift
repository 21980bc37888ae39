import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

/// The planning pages used the way a person uses them: signed in, reading and submitting forms.
@Suite("Web pages: planning")
struct PlanningPageTests {
    @Test("strategy map, priorities with 'why above', and the capacity heat map render, accessibly, for a viewer")
    func readingPages() async throws {
        try await withTestApp { app, people in
            let f = try await PlanningFixture.seed(app, people)
            let session = try await app.signIn(people.viewer)

            let strategy = try await app.page(.GET, "/strategy", session: session)
            #expect(strategy.status == .ok)
            PageTests.expectAccessible(strategy, "/strategy")
            #expect(PageHTML.text(strategy.body).contains("Win new markets"))
            #expect(strategy.body.contains(#"id="orphans-count">1<"#))
            #expect(PageHTML.tags("a", in: strategy.body).contains { $0["href"] == "/initiatives/\(f.orphan)" })

            let priorities = try await app.page(.GET, "/priorities", session: session)
            #expect(priorities.status == .ok)
            PageTests.expectAccessible(priorities, "/priorities")
            let why = try #require(PageHTML.tags("a", in: priorities.body).first { $0["href"]?.hasPrefix("/priorities?a=NEW-1&b=RUN-1") == true })
            let explained = try await app.page(.GET, why["href"]!, session: session)
            #expect(explained.status == .ok)
            #expect(PageHTML.text(explained.body).contains("Why NEW-1 ranks above RUN-1"))
            #expect(try await app.page(.GET, "/priorities?a=NOPE&b=RUN-1", session: session).status == .unprocessableEntity)

            let capacity = try await app.page(.GET, "/capacity?from=2027-Q1&quarters=4", session: session)
            #expect(capacity.status == .ok)
            PageTests.expectAccessible(capacity, "/capacity")
            #expect(capacity.body.contains("<svg"))
            #expect(capacity.body.contains(#"<title id="heatmap-svg-title">"#))
            #expect(PageHTML.text(capacity.body).contains("50 %"), "RUN-1's 1 FTE of 2 is labelled in its cell")
        }
    }

    @Test("scenario editor: lines in people's words, errors name the line, saved scenarios run, compare and promote")
    func scenarioWorkflow() async throws {
        try await withTestApp { app, people in
            let f = try await PlanningFixture.seed(app, people)
            let pmo = try await app.signIn(people.pmo)
            let form = try await app.page(.GET, "/scenarios/new", session: pmo)
            #expect(form.status == .ok)
            PageTests.expectAccessible(form, "/scenarios/new")

            func submit(_ name: String, capacity: String) async throws -> WebResponse {
                try await app.page(.POST, "/scenarios/new", session: pmo, form: [
                    ("csrf", pmo.csrf), ("version", "0"), ("name", name), ("description", ""), ("firstQuarter", "2027-Q1"), ("quarters", "4"),
                    ("scoringModelID", ""), ("cycleID", ""), ("budgetCaps", "2027-Q1 900000"), ("capacityChanges", capacity),
                    ("forcedIn", ""), ("forcedOut", ""), ("startShifts", ""), ("weightChanges", "Urgency = 2"),
                ])
            }
            let bad = try await submit("Typo", capacity: "Data engineering, 2027-Q1, +2\nNo such pool, 2027-Q2, 1")
            #expect(bad.status == .unprocessableEntity)
            #expect(PageHTML.text(bad.body).contains("capacityChanges: line 2: no pool is called 'No such pool'"))
            #expect(PageHTML.elements("textarea", in: bad.body).contains { $0["name"] == "capacityChanges" && $0.inner.contains("No such pool") },
                    "what was typed is kept")
            #expect(try await app.api(.GET, "/api/v1/scenarios", as: people.pmo).json["total"] == .number(0), "nothing saved")

            let baseline = try await submit("Baseline", capacity: "")
            #expect(baseline.status == .seeOther)
            let more = try await submit("Two more engineers", capacity: "data engineering, 2027-Q1, +2\nData engineering, 2027-Q2, +2")
            let moreID = try #require(more.headers.first(name: .location)?.split(separator: "/").last.map(String.init))
            let baselineID = try #require(baseline.headers.first(name: .location)?.split(separator: "/").last.map(String.init))
            let stored = try await app.api(.GET, "/api/v1/scenarios/\(moreID)", as: people.pmo)
            #expect(stored.json["capacityChanges"]?.arrayValue?.count == 2)
            #expect(stored.json["weightChanges"]?.arrayValue?.first?["weight"] == .number(2))

            // An executive runs and compares, but cannot edit or promote.
            let executive = try await app.signIn(people.executive)
            #expect(try await app.page(.GET, "/scenarios/new", session: executive).status == .forbidden)
            for id in [baselineID, moreID] {
                #expect(try await app.page(.POST, "/scenarios/\(id)/run", session: executive, form: [("csrf", executive.csrf)]).status == .seeOther)
            }
            let shown = try await app.page(.GET, "/scenarios/\(moreID)", session: executive)
            #expect(PageHTML.text(shown.body).contains("3 funded, 1 left out"))
            #expect(PageHTML.form(action: "/scenarios/\(moreID)/promote", in: shown.body) == nil)
            let comparison = try await app.page(.GET, "/scenarios/compare?ids=\(baselineID)&ids=\(moreID)", session: executive)
            #expect(comparison.status == .ok)
            PageTests.expectAccessible(comparison, "/scenarios/compare")
            #expect(PageHTML.text(comparison.body).contains("Funded from 2027-Q3"))

            // The PMO promotes with a reason; without one, nothing changes.
            let page = try await app.page(.GET, "/scenarios/\(moreID)", session: pmo)
            #expect(PageHTML.form(action: "/scenarios/\(moreID)/promote", in: page.body) != nil)
            let noReason = try await app.page(.POST, "/scenarios/\(moreID)/promote", session: pmo, form: [("csrf", pmo.csrf), ("reason", "")])
            #expect(noReason.body.contains(#"id="form-notice""#) && PageHTML.text(noReason.body).contains("reason: is required"), "\(PageHTML.text(noReason.body))")
            #expect(try await app.api(.GET, apiPath("initiatives", f.weak), as: people.pmo).json["status"] == .string("proposed"))
            let promoted = try await app.page(.POST, "/scenarios/\(moreID)/promote", session: pmo, form: [("csrf", pmo.csrf), ("reason", "Hire two contractors.")])
            #expect(promoted.status == .seeOther)
            #expect(try await app.api(.GET, apiPath("initiatives", f.weak), as: people.pmo).json["status"] == .string("approved"))
            #expect(try await app.page(.POST, "/scenarios/\(moreID)/run", session: pmo, form: [("csrf", "forged")]).status == .forbidden)
        }
    }

    @Test("planning cycles: open one from the page, close it with the decisions, see what changed since")
    func planningCycles() async throws {
        try await withTestApp { app, people in
            let f = try await PlanningFixture.seed(app, people)
            let pmo = try await app.signIn(people.pmo)
            let opened = try await app.page(.POST, "/planning-cycles", session: pmo, form: [("csrf", pmo.csrf), ("name", "2027 Q1"), ("quarter", "2027-Q1")])
            #expect(opened.status == .seeOther)
            let location = try #require(opened.headers.first(name: .location))
            let second = try await app.page(.POST, "/planning-cycles", session: pmo, form: [("csrf", pmo.csrf), ("name", "Another"), ("quarter", "2027-Q2")])
            #expect(second.status == .unprocessableEntity)
            #expect(PageHTML.text(second.body).contains("is still open"))

            let page = try await app.page(.GET, location, session: pmo)
            PageTests.expectAccessible(page, location)
            let version = try #require(PageHTML.hiddenValue("version", in: page.body))
            let closed = try await app.page(.POST, "\(location)/close", session: pmo,
                                            form: [("csrf", pmo.csrf), ("version", version), ("decisionsSummary", "Fund NEW-1 in the second half.")])
            #expect(closed.status == .seeOther)
            #expect(try await app.api(.PATCH, apiPath("initiatives", f.strong), as: people.pmo, json: patchBody(["status": .string("approved")]), ifMatch: 1).status == .ok)
            let after = try await app.page(.GET, location, session: try await app.signIn(people.viewer))
            #expect(PageHTML.text(after.body).contains("Since then 1 joined the plan"))
            #expect(PageHTML.text(after.body).contains("Fund NEW-1 in the second half."))
        }
    }
}
