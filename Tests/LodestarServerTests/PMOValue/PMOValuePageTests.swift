import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("PMO value pages")
struct PMOValuePageTests {
    @Test("every PMO page opens for the PMO, is accessible, and draws its charts with a title and a description")
    func pagesOpen() async throws {
        try await withTestApp { app, people in
            let seed = try await PMOValueSeed.make(app, people)
            let session = try await app.signIn(people.pmo)
            for path in ["/pmo", "/pmo/kpis/\(seed.manualKPI)", "/pmo/surveys", "/pmo/survey-waves/\(seed.wave)", "/pmo/improvements",
                         "/pmo/maturity", "/pmo/impact-report"] {
                let page = try await app.page(.GET, path, session: session)
                #expect(page.status == .ok, "\(path): \(page.status)")
                #expect(PageHTML.accessibilityProblems(in: page.body).isEmpty, "\(path): \(PageHTML.accessibilityProblems(in: page.body))")
                for svg in PageHTML.tags("svg", in: page.body) {
                    #expect(svg["role"] == "img" && svg["aria-labelledby"] != nil, "\(path): an SVG without its accessible name")
                }
            }
            let home = try await app.page(.GET, "/pmo", session: session)
            #expect(home.body.contains("Service “Coaching” has no KPI"))
            #expect(home.body.contains("Problem “Nobody knows what the PMO does” is addressed by no service"))
            let maturity = try await app.page(.GET, "/pmo/maturity", session: session)
            #expect(maturity.body.contains("<title id=\"maturity-radar-title\">"))
            #expect(maturity.body.contains("<desc id=\"maturity-radar-desc\">"))
            #expect(maturity.body.contains("Peers in insurance"))
        }
    }

    @Test("the PMO records a KPI measurement through the form; a bad value is a 422 beside the field; viewers get no form")
    func recordMeasurement() async throws {
        try await withTestApp { app, people in
            let seed = try await PMOValueSeed.make(app, people)
            let session = try await app.signIn(people.pmo)
            let path = "/pmo/kpis/\(seed.manualKPI)/measurements"
            let page = try await app.page(.GET, "/pmo/kpis/\(seed.manualKPI)", session: session)
            let form = try #require(PageHTML.form(action: path, in: page.body))
            var values = Dictionary(PageHTML.formValues(form), uniquingKeysWith: { $1 })
            values["value"] = "not a number"
            let refused = try await app.page(.POST, path, session: session, form: values.map { ($0.key, $0.value) })
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("must be a number"))

            values["value"] = "7.5"
            values["measuredOn"] = "2027-05-31"
            let saved = try await app.page(.POST, path, session: session, form: values.map { ($0.key, $0.value) })
            #expect(saved.status == .seeOther, "\(saved.body)")
            let list = try await app.api(.GET, "/api/v1/pmo-kpi-measurements?kpiID=\(seed.manualKPI)&sort=-measuredOn", as: people.viewer)
            #expect(list.items.first?["value"] == .number(7.5))

            let noCSRF = try await app.page(.POST, path, session: session, form: [("measuredOn", "2027-06-30"), ("value", "3")])
            #expect(noCSRF.status == .forbidden)

            let viewer = try await app.signIn(people.viewer)
            let viewerPage = try await app.page(.GET, "/pmo/kpis/\(seed.manualKPI)", session: viewer)
            #expect(PageHTML.form(action: path, in: viewerPage.body) == nil)
            #expect(try await app.page(.GET, "/pmo/surveys", session: viewer).status == .forbidden)
        }
    }

    @Test("the impact report is a page, a print layout without navigation, and Markdown with the same figures")
    func impactReport() async throws {
        try await withTestApp { app, people in
            _ = try await PMOValueSeed.make(app, people)
            let session = try await app.signIn(people.viewer)
            let to = Day.today(), from = Day.today().adding(months: -12).adding(days: 1)
            let page = try await app.page(.GET, "/pmo/impact-report", session: session)
            #expect(page.body.contains("Generate the report"))
            let print = try await app.page(.GET, "/pmo/impact-report?layout=print", session: session)
            #expect(print.status == .ok)
            #expect(!print.body.contains("aria-label=\"Main\""), "the print layout has no navigation")
            #expect(print.body.contains("print-report"))
            let markdown = try await app.page(.GET, "/pmo/impact-report.md", session: session)
            #expect(markdown.headers.contentType?.subType == "markdown")
            #expect(markdown.body.hasPrefix("# PMO impact report, \(from) to \(to)"))
            #expect(markdown.body.contains("| Generate the report | hours | 40 | 6 |"))
        }
    }

    @Test("a self-assessment is entered through the form with evidence; the benchmark and its source carry over")
    func maturityForm() async throws {
        try await withTestApp { app, people in
            _ = try await PMOValueSeed.make(app, people)
            let session = try await app.signIn(people.pmo)
            let page = try await app.page(.GET, "/pmo/maturity/new", session: session)
            #expect(page.status == .ok)
            #expect(PageHTML.accessibilityProblems(in: page.body).isEmpty, "\(PageHTML.accessibilityProblems(in: page.body))")
            let form = try #require(PageHTML.form(action: "/pmo/maturity/new", in: page.body))
            var values = Dictionary(PageHTML.formValues(form), uniquingKeysWith: { $1 })
            #expect(values["level-governance"] == "3", "starts from the latest assessment")
            values["assessedOn"] = "2027-06-30"
            values["level-governance"] = "4"
            values["evidence-governance"] = "Decision latency under target for two quarters"
            let saved = try await app.page(.POST, "/pmo/maturity/new", session: session, form: values.map { ($0.key, $0.value) })
            #expect(saved.status == .seeOther, "\(saved.body)")
            let list = try await app.api(.GET, "/api/v1/pmo-maturity-assessments?sort=-assessedOn", as: people.viewer)
            #expect(list.total == 2)
            let latest = try #require(list.items.first)
            #expect(latest["benchmarkSource"] == .string("Peers in insurance"))
            guard case .array(let ratings)? = latest["ratings"] else { Issue.record("no ratings"); return }
            let governance = ratings.first { $0["dimension"] == .string("governance") }
            #expect(governance?["level"] == .number(4))
            #expect(governance?["evidence"] == .string("Decision latency under target for two quarters"))

            let viewer = try await app.signIn(people.viewer)
            #expect(try await app.page(.GET, "/pmo/maturity/new", session: viewer).status == .forbidden)
        }
    }

    @Test("the PMO adds an improvement item through the form; a missing pain point is a 422 naming it and nothing is stored")
    func improvementForm() async throws {
        try await withTestApp { app, people in
            let session = try await app.signIn(people.pmo)
            let page = try await app.page(.GET, "/pmo/improvements/new", session: session)
            #expect(PageHTML.accessibilityProblems(in: page.body).isEmpty, "\(PageHTML.accessibilityProblems(in: page.body))")
            let form = try #require(PageHTML.form(action: "/pmo/improvements/new", in: page.body))
            var values = Dictionary(PageHTML.formValues(form), uniquingKeysWith: { $1 })
            values["title"] = "Decision clinic"
            values["before"] = "31"
            let refused = try await app.page(.POST, "/pmo/improvements/new", session: session, form: values.map { ($0.key, $0.value) })
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("painPoint"))
            #expect(try await count(app, "pmo-improvements", as: people.viewer) == 0)

            values["painPoint"] = "Escalations wait for the monthly committee"
            let saved = try await app.page(.POST, "/pmo/improvements/new", session: session, form: values.map { ($0.key, $0.value) })
            #expect(saved.status == .seeOther, "\(saved.body)")
            let list = try await app.api(.GET, "/api/v1/pmo-improvements", as: people.viewer)
            #expect(list.items.first?["title"] == .string("Decision clinic"))
            #expect(list.items.first?["status"] == .string("define"))
            #expect(list.items.first?["ownerID"] == .id(people.pmo.id))
            #expect(list.items.first?["before"] == .number(31))
        }
    }
}
