import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Reporting API: dashboard, health rules, status reports, forecasts, outcomes")
struct ReportingAPITests {
    @Test("the dashboard API gives exactly the engine's figures over the stored records, and the page shows them")
    func dashboardMatchesTheEngine() async throws {
        try await withTestApp { app, people in
            let today = Day.today()
            let demo = try await app.loadDemoPortfolio(today: today)
            let response = try await app.api(.GET, "/api/v1/dashboard", as: people.viewer)
            #expect(response.status == .ok)
            let served = try response.json.decode(as: ExecutiveDashboard.self)
            // Independent of the database: the engine over the generated records themselves.
            #expect(served == ExecutiveDashboard.build(PortfolioSnapshot(demo, today: today)))

            let session = try await app.signIn(people.executive)
            let page = try await app.page(.GET, "/dashboard", session: session)
            #expect(page.status == .ok)
            PageTests.expectAccessible(page, "/dashboard")
            for answer in served.answers {
                #expect(page.body.contains(answer.headline.htmlEscapedForTest), "the page lacks \(answer.id): \(answer.headline)")
            }
            for insight in served.insights { #expect(page.body.contains(insight.link.htmlEscapedForTest)) }
            #expect(try await app.api(.GET, "/api/v1/dashboard", as: nil).status == .unauthorized)

            // A change to any record shows at once, though the figures are reused while nothing changes.
            let reds = { (dashboard: ExecutiveDashboard) in dashboard.answers.last?.chart.first { $0.label == "red" }?.value ?? -1 }
            let snapshot = PortfolioSnapshot(demo, today: today)
            let health = snapshot.health(index: PortfolioIndex(snapshot))
            let target = try #require(demo.initiatives.first { $0.status == .active && health[$0.id]?.overall != .red })
            let patched = try await app.api(
                .PATCH, "/api/v1/initiatives/\(target.id)", as: people.pmo,
                json: AnyBody(.object(["healthOverride": .string("red"), "healthOverrideReason": .string("Sponsor resigned")])), ifMatch: target.version)
            #expect(patched.status == .ok, "\(patched.text)")
            let after = try await app.api(.GET, "/api/v1/dashboard", as: people.viewer).json.decode(as: ExecutiveDashboard.self)
            #expect(reds(after) == reds(served) + 1)

            // So does a change to a health rule's threshold: a milestone a day late is now red.
            let stricter = AnyBody(.object(["amber": .number(0.5), "red": .number(1)]))
            #expect(try await app.api(.PUT, "/api/v1/health-rules/schedule.slippage", as: people.pmo, json: stricter, ifMatch: 0).status == .ok)
            let strict = try await app.api(.GET, "/api/v1/dashboard", as: people.viewer).json.decode(as: ExecutiveDashboard.self)
            #expect(reds(strict) > reds(after))
            #expect(strict == ExecutiveDashboard.build(try await PortfolioSnapshotLoader.load(on: app.db, today: today)))
        }
    }

    @Test("health rules: the PMO sets thresholds with If-Match; others may not; bad values name the field; changes are audited")
    func healthRules() async throws {
        try await withTestApp { app, people in
            let rules = try await app.api(.GET, "/api/v1/health-rules", as: people.viewer)
            guard case .array(let items) = rules.json else { Issue.record("not a list"); return }
            #expect(items.count == HealthRule.all.count)
            #expect(items.first?["version"] == .number(0))

            let change = AnyBody(.object(["amber": .number(5), "red": .number(15)]))
            #expect(try await app.api(.PUT, "/api/v1/health-rules/schedule.slippage", as: people.owner, json: change, ifMatch: 0).status == .forbidden)
            #expect(try await app.api(.PUT, "/api/v1/health-rules/schedule.slippage", as: people.pmo, json: change).status == .preconditionRequired)
            let bad = try await app.api(.PUT, "/api/v1/health-rules/schedule.slippage", as: people.pmo,
                                        json: AnyBody(.object(["amber": .number(20), "red": .number(10)])), ifMatch: 0)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.problemFields == ["red"])
            #expect(try await app.api(.PUT, "/api/v1/health-rules/no.such", as: people.pmo, json: change, ifMatch: 0).status == .notFound)

            let saved = try await app.api(.PUT, "/api/v1/health-rules/schedule.slippage", as: people.pmo, json: change, ifMatch: 0)
            #expect(saved.status == .ok)
            #expect(saved.json["version"] == .number(1))
            #expect(saved.json["red"] == .number(15))
            let stale = try await app.api(.PUT, "/api/v1/health-rules/schedule.slippage", as: people.admin, json: change, ifMatch: 0)
            #expect(stale.status == .preconditionFailed)

            // An initiative 20 days late is red under the new thresholds, amber under the defaults.
            let initiative = try await createInitiative(app, people, owner: people.owner)
            try await create(app, "milestones", as: people.pmo, Milestone(
                initiativeID: initiative, name: "Go live", baselineDate: Day.today().adding(days: 40), forecastDate: Day.today().adding(days: 60)))
            let health = try await app.api(.GET, "/api/v1/initiatives/\(initiative)/health", as: people.viewer)
            #expect(health.json["dimensions"]?["schedule"] == .string("red"))

            let audit = try await app.api(.GET, "/api/v1/audit?entity=health-thresholds", as: people.admin)
            #expect(audit.items.count == 1, "\(audit.text)")
        }
    }

    @Test("status reports: the PMO builds versions, nobody edits one, everyone reads them")
    func statusReports() async throws {
        try await withTestApp { app, people in
            try await app.loadDemoPortfolio()
            let day = Day.today().adding(days: -14)
            #expect(try await app.api(.POST, "/api/v1/status-reports", as: people.executive, json: ["period": day]).status == .forbidden)
            let first = try await app.api(.POST, "/api/v1/status-reports", as: people.pmo, json: ["period": day])
            #expect(first.status == .created)
            #expect(first.json["version"] == .number(2), "the demo already holds version 1 of this period: \(first.text)")
            let period = StatusReports.cadence.period(containing: day)
            #expect(first.json["periodStart"] == .string(period.start.description))
            #expect(first.json["report"]?["narrative"]?.elements?.isEmpty == false)

            let list = try await app.api(.GET, "/api/v1/status-reports", as: people.viewer)
            let versions = list.json.elements?.filter { $0["periodStart"] == .string(period.start.description) }.compactMap { $0["version"]?.numberValue }
            #expect(versions == [2, 1])
            let id = try #require(first.id)
            let read = try await app.api(.GET, "/api/v1/status-reports/\(id)", as: people.viewer)
            #expect(read.json["report"] == first.json["report"])
            #expect(try await app.api(.PUT, "/api/v1/status-reports/\(id)", as: people.pmo, json: ["period": day]).status == .notFound)
            #expect(try await app.api(.DELETE, "/api/v1/status-reports/\(id)", as: people.admin).status == .notFound)
        }
    }

    @Test("forecasts, delays and outcomes answer from the stored records, reproducibly")
    func deliveryAndOutcomes() async throws {
        try await withTestApp { app, people in
            let demo = try await app.loadDemoPortfolio()
            let a = try await app.api(.GET, "/api/v1/forecasts?trials=300&seed=5", as: people.viewer)
            let b = try await app.api(.GET, "/api/v1/forecasts?trials=300&seed=5", as: people.viewer)
            #expect(a.status == .ok)
            #expect(a.json == b.json)
            #expect((a.json["initiatives"]?.elements?.count ?? 0) > 0)
            let tooMany = try await app.api(.GET, "/api/v1/forecasts?trials=1000000", as: people.viewer)
            #expect(tooMany.problemFields == ["trials"])

            let delays = try await app.api(.GET, "/api/v1/delays", as: people.viewer)
            #expect(delays.status == .ok)
            #expect((delays.json["pareto"]?.elements?.count ?? 0) > 0)

            let outcomes = try await app.api(.GET, "/api/v1/outcomes", as: people.viewer)
            #expect(outcomes.json["benefits"]?.elements?.count == demo.benefits.count)
        }
    }

    @Test("an owner gets a status draft prefilled from the records of their own initiative only")
    func statusDraft() async throws {
        try await withTestApp { app, people in
            let initiative = try await createInitiative(app, people, owner: people.owner)
            try await create(app, "milestones", as: people.pmo, Milestone(
                initiativeID: initiative, name: "Design signed off", baselineDate: Day.today().adding(days: 5), forecastDate: Day.today().adding(days: 5)))
            let draft = try await app.api(.GET, "/api/v1/initiatives/\(initiative)/status-draft", as: people.owner)
            #expect(draft.status == .ok)
            #expect(draft.json["periodStart"] == .string(StatusReports.cadence.period(containing: Day.today()).start.description))
            #expect(draft.json["nextSteps"]?.stringValue?.contains("Design signed off") == true)
            #expect(try await app.api(.GET, "/api/v1/initiatives/\(initiative)/status-draft", as: people.otherOwner).status == .forbidden)
        }
    }
}

extension String {
    /// How Plot writes this text in a page.
    var htmlEscapedForTest: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
