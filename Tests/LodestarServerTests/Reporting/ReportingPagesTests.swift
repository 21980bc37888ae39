import Fluent
import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Reporting pages, the calendar feed and the report command")
struct ReportingPagesTests {
    @Test("the delivery, outcomes, reports and health-rules pages render accessibly for every reader")
    func pagesRender() async throws {
        try await withTestApp { app, people in
            try await app.loadDemoPortfolio()
            let session = try await app.signIn(people.viewer)
            for path in ["/delivery", "/outcomes", "/reports", "/health-rules"] {
                let page = try await app.page(.GET, path, session: session)
                #expect(page.status == .ok, "\(path): \(page.status)")
                PageTests.expectAccessible(page, path)
            }
            let reports = try await app.page(.GET, "/reports", session: session)
            let link = try #require(PageHTML.tags("a", in: reports.body).compactMap { $0["href"] }.first { $0.hasPrefix("/reports/") && !$0.hasSuffix("markdown") })
            let report = try await app.page(.GET, link, session: session)
            #expect(report.status == .ok)
            PageTests.expectAccessible(report, link)
            #expect(report.body.contains("Portfolio status report"))
            let markdown = try await app.page(.GET, link + "/markdown", session: session)
            #expect(markdown.headers.first(name: .contentType)?.hasPrefix("text/markdown") == true)
            #expect(markdown.body.hasPrefix("# Portfolio status report"))
            // Viewers see the rules but no form to change them.
            #expect(PageHTML.form(action: "/health-rules/schedule.slippage", in: try await app.page(.GET, "/health-rules", session: session).body) == nil)
        }
    }

    @Test("the PMO changes a threshold through the page; a bad value is shown beside the field and nothing changes")
    func thresholdForm() async throws {
        try await withTestApp { app, people in
            let session = try await app.signIn(people.pmo)
            let page = try await app.page(.GET, "/health-rules", session: session)
            #expect(PageHTML.form(action: "/health-rules/cost.overrun", in: page.body) != nil)
            let bad = try await app.page(.POST, "/health-rules/cost.overrun", session: session,
                                         form: [("csrf", session.csrf), ("version", "0"), ("amber", "20"), ("red", "5")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("must be at or above the amber threshold"))
            #expect(try await HealthThresholdModel.query(on: app.db).count() == 0)
            let good = try await app.page(.POST, "/health-rules/cost.overrun", session: session,
                                          form: [("csrf", session.csrf), ("version", "0"), ("amber", "5"), ("red", "20")])
            #expect(good.status == .seeOther)
            #expect(try await HealthThresholdModel.thresholds(on: app.db).threshold(.costOverrun) == .init(amber: 5, red: 20))
            let stale = try await app.page(.POST, "/health-rules/cost.overrun", session: session,
                                           form: [("csrf", session.csrf), ("version", "0"), ("amber", "1"), ("red", "2")])
            #expect(stale.status == .conflict)
            let missingCSRF = try await app.page(.POST, "/health-rules/cost.overrun", session: session,
                                                 form: [("version", "1"), ("amber", "1"), ("red", "2")])
            #expect(missingCSRF.status == .forbidden)
        }
    }

    @Test("a calendar feed lists the owner's milestones and decision deadlines behind a secret that can be replaced")
    func calendarFeed() async throws {
        try await withTestApp { app, people in
            let initiative = try await createInitiative(app, people, owner: people.owner)
            try await create(app, "milestones", as: people.pmo, Milestone(
                initiativeID: initiative, name: "Pilot live", baselineDate: Day("2027-05-01"), forecastDate: Day("2027-05-03")!))
            try await create(app, "decisions", as: people.pmo, Decision(
                title: "Gate 3: plan approval", type: .gate, initiativeID: initiative, requestedOn: Day("2026-10-01")!, neededBy: Day("2027-02-01")!))
            let created = try await app.api(.POST, "/api/v1/calendar-feed", as: people.owner)
            #expect(created.status == .created)
            let path = try #require(created.json["path"]?.stringValue)
            let feed = try await app.page(.GET, path)
            #expect(feed.status == .ok)
            #expect(feed.headers.first(name: .contentType)?.hasPrefix("text/calendar") == true)
            #expect(feed.body.contains("SUMMARY:") && feed.body.contains("Pilot live"))
            #expect(feed.body.contains("DTSTART;VALUE=DATE:20270503"))
            #expect(feed.body.contains("Gate review: Gate 3: plan approval"))

            let other = try await app.page(.GET, try #require(try await app.api(.POST, "/api/v1/calendar-feed", as: people.otherOwner).json["path"]?.stringValue))
            #expect(!other.body.contains("Pilot live"), "another owner's calendar holds only their own work")
            _ = try await app.api(.POST, "/api/v1/calendar-feed", as: people.owner)
            #expect(try await app.page(.GET, path).status == .notFound, "a replaced secret stops working")
            #expect(try await app.page(.GET, "/calendar/guess.ics").status == .notFound)
        }
    }

    @Test("lodestar report status gives the period's report as Markdown, JSON or a self-contained HTML page")
    func reportCommand() async throws {
        try await withTestApp { app, _ in
            try await app.loadDemoPortfolio()
            let day = Day.today().adding(days: -14)
            let markdown = try await ReportCommands.statusReport(app, day: day, format: .markdown)
            let period = StatusReports.cadence.period(containing: day)
            #expect(markdown.hasPrefix("# Portfolio status report, \(period.start) to \(period.end)"))
            let json = try await ReportCommands.statusReport(app, day: day, format: .json)
            #expect(try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))["periodStart"] == .string(period.start.description))
            let html = try await ReportCommands.statusReport(app, day: day, format: .html)
            #expect(html.contains("<style>") && !html.contains("/assets/lodestar.css"))
            // An ended period's final report is reused, not rebuilt.
            #expect(try await StatusReportModel.query(on: app.db).filter(\.$periodStart == period.start.description).count() == 1)
        }
    }
}

@Suite("Status update form")
struct StatusUpdatePageTests {
    @Test("an owner's form is prefilled from the records and saves this period's update; others may not open it")
    func prefilledForm() async throws {
        try await withTestApp { app, people in
            let initiative = try await createInitiative(app, people, owner: people.owner)
            try await create(app, "milestones", as: people.pmo, Milestone(
                initiativeID: initiative, name: "Data migrated", baselineDate: Day.today().adding(days: -30), forecastDate: Day.today().adding(days: 3)))
            let session = try await app.signIn(people.owner)
            let page = try await app.page(.GET, "/initiatives/\(initiative)/status-update", session: session)
            #expect(page.status == .ok)
            PageTests.expectAccessible(page, "status update form")
            #expect(page.body.contains("Data migrated due"))
            // The rules see a milestone 33 days late, so the schedule is prefilled red.
            #expect(page.body.contains(#"value="red" selected="selected""#))

            let form: [(String, String)] = [("csrf", session.csrf), ("overall", "amber"), ("schedule", "red"), ("cost", "green"),
                                            ("scope", "green"), ("risk", "amber"), ("benefits", "green"),
                                            ("summary", "Migration slipped a month"), ("accomplishments", ""), ("nextSteps", "Cut over"),
                                            ("blockers", "")]
            let empty = try await app.page(.POST, "/initiatives/\(initiative)/status-update", session: session,
                                           form: form.map { $0.0 == "summary" ? ("summary", " ") : $0 })
            #expect(empty.status == .unprocessableEntity)
            #expect(try await count(app, "status-updates", as: people.viewer) == 0)
            let saved = try await app.page(.POST, "/initiatives/\(initiative)/status-update", session: session, form: form)
            #expect(saved.status == .seeOther)
            let stored = try await app.api(.GET, "/api/v1/status-updates?initiativeID=\(initiative)", as: people.viewer)
            #expect(stored.items.first?["summary"] == .string("Migration slipped a month"))
            #expect(stored.items.first?["periodStart"] == .string(StatusReports.cadence.period(containing: Day.today()).start.description))

            let other = try await app.signIn(people.otherOwner)
            #expect(try await app.page(.GET, "/initiatives/\(initiative)/status-update", session: other).status == .forbidden)
        }
    }
}
