import Fluent
import Foundation
import LodestarCore
@testable import LodestarServer
import SQLKit
import Testing
import VaporTesting

@Suite("PMO value API")
struct PMOValueAPITests {
    @Test("KPIs have the full record contract, and only admin and pmo change them", arguments: TestDatabase.available)
    func kpiContract(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let computed = PMOKPI(name: "Decision latency", unit: "days", direction: .lowerIsBetter, target: 14, source: .decisionLatency)
            try await expectRoundTrip(
                app, people, "pmo-kpis", as: people.pmo, record: computed, patch: ["target": .number(10)],
                filter: "source=decision_latency", decoy: PMOKPI(name: "Report hours", unit: "hours", direction: .lowerIsBetter, target: 8))
            let id = try await create(app, "pmo-kpis", as: people.admin, computed)
            try await expectCannotWrite(app, "pmo-kpis", id, record: computed, as: [people.owner, people.executive, people.viewer])
            try await expectCredentialsRequired(app, "pmo-kpis", id, record: computed)
        }
    }

    @Test("improvement items and maturity assessments round-trip; bad values are 422s naming the field")
    func backlogAndMaturity() async throws {
        try await withTestApp { app, people in
            let item = ImprovementItem(title: "Decision clinic", painPoint: "Escalations wait", metric: "days", before: 31, direction: .lowerIsBetter, status: .deliver)
            try await expectRoundTrip(
                app, people, "pmo-improvements", as: people.pmo, record: item,
                patch: ["status": .string("done"), "after": .number(16), "completedOn": .string("2027-03-01"), "evidence": .string("Decision log")],
                filter: "status=done", decoy: ImprovementItem(title: "Other", painPoint: "x", status: .define))
            try await expectRejected(app, "pmo-improvements", as: people.pmo, ImprovementItem(title: "x", painPoint: "y", status: .done),
                                     fields: ["completedOn", "after"])
            try await expectRejected(app, "pmo-maturity-assessments", as: people.pmo, MaturityAssessment(
                assessedOn: Day("2027-01-01")!, ratings: [MaturityRating(dimension: .governance, level: 7)]), fields: ["ratings[0].level"])
            try await expectRejected(app, "pmo-services", as: people.pmo, PMOService(
                name: "S", problemIDs: [UUID()], executiveQuestion: "Q?"), fields: ["problemIDs[0]"])
        }
    }

    @Test("one measurement per KPI per day: a second one is a 422 on measuredOn and stores nothing")
    func oneMeasurementPerDay() async throws {
        try await withTestApp { app, people in
            let kpi = try await create(app, "pmo-kpis", as: people.pmo, PMOKPI(name: "Hours", unit: "h", direction: .lowerIsBetter, target: 8))
            let day = Day("2027-01-31")!
            try await create(app, "pmo-kpi-measurements", as: people.pmo, KPIMeasurement(kpiID: kpi, measuredOn: day, value: 20))
            try await expectRejected(app, "pmo-kpi-measurements", as: people.pmo, KPIMeasurement(kpiID: kpi, measuredOn: day, value: 12), fields: ["measuredOn"])
            #expect(try await count(app, "pmo-kpi-measurements", as: people.viewer) == 1)
        }
    }

    @Test("computing KPIs stores the hand-computed values; running it again replaces the day's values", arguments: TestDatabase.available)
    func computation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let seed = try await PMOValueSeed.make(app, people)
            let asOf = Day("2027-03-01")!
            for (requested, decided) in [("2027-01-01", "2027-01-11"), ("2027-02-01", "2027-02-21")] {
                try await create(app, "decisions", as: people.pmo, Decision(
                    title: "D \(requested)", requestedOn: Day(requested)!, decidedOn: Day(decided)!, status: .decided, outcome: "yes"))
            }
            let forbidden = try await app.api(.POST, "/api/v1/pmo-kpi-computations", as: people.executive, json: KPIComputation.ComputeRequest(asOf: asOf))
            #expect(forbidden.status == .forbidden)

            let first = try await app.api(.POST, "/api/v1/pmo-kpi-computations", as: people.pmo, json: KPIComputation.ComputeRequest(asOf: asOf))
            #expect(first.status == .ok, "\(first.text)")
            guard case .array(let lines) = first.json else { Issue.record("not an array: \(first.text)"); return }
            #expect(lines.count == 1, "only the computed KPI")
            #expect(lines.first?["value"] == .number(15))
            #expect(lines.first?["basis"] == .number(2))

            // A third decision in the window moves the mean; the day's value is replaced, not duplicated.
            try await create(app, "decisions", as: people.pmo, Decision(
                title: "D3", requestedOn: Day("2027-02-01")!, decidedOn: Day("2027-02-25")!, status: .decided, outcome: "yes"))
            let second = try await app.api(.POST, "/api/v1/pmo-kpi-computations", as: people.admin, json: KPIComputation.ComputeRequest(asOf: asOf))
            #expect(second.status == .ok)
            let measurements = try await app.api(.GET, "/api/v1/pmo-kpi-measurements?kpiID=\(seed.kpi)", as: people.viewer)
            #expect(measurements.total == 1)
            #expect(measurements.items.first?["value"] == .number(18))
            #expect(measurements.items.first?["measuredOn"] == .string("2027-03-01"))
            let trail = try await auditTrail(app, people, "pmo-kpi-measurements", try #require(measurements.ids.first))
            #expect(trail.map { $0["action"]?.stringValue } == ["update", "create"])

            // The scheduler's entry point does the same, idempotently.
            try await KPIComputation.run(app: app, asOf: asOf)
            #expect(try await app.api(.GET, "/api/v1/pmo-kpi-measurements?kpiID=\(seed.kpi)", as: people.viewer).total == 1)
        }
    }

    @Test("the charter chain shows problem → service → KPI with its trend, and flags the gaps")
    func charter() async throws {
        try await withTestApp { app, people in
            let seed = try await PMOValueSeed.make(app, people)
            let charter = try await app.api(.GET, "/api/v1/pmo-charter", as: people.viewer)
            #expect(charter.status == .ok, "\(charter.text)")
            #expect(charter.json["servicesWithoutKPI"] == .array([.id(seed.serviceWithoutKPI)]))
            #expect(charter.json["unaddressedProblems"] == .array([.id(seed.orphanProblem)]))
            guard case .array(let services)? = charter.json["services"] else { Issue.record("no services"); return }
            let decisionService = try #require(services.first { $0["id"] == .id(seed.service) })
            guard case .array(let kpis)? = decisionService["kpis"] else { Issue.record("no KPIs"); return }
            let manual = try #require(kpis.first { $0["id"] == .id(seed.manualKPI) })
            #expect(manual["latest"]?["value"] == .number(6))
            #expect(manual["meetsTarget"] == .bool(true))
            #expect(manual["improving"] == .bool(true))
        }
    }

    @Test("the impact report's figures come from the data; a bad date names its parameter")
    func impactReport() async throws {
        try await withTestApp { app, people in
            _ = try await PMOValueSeed.make(app, people)
            let billing = try await createInitiative(app, people, owner: people.owner, code: "FIN-014")
            _ = try await app.api(.PATCH, "/api/v1/initiatives/\(billing)", as: people.pmo, json: patchBody(["status": .string("completed")]), ifMatch: 1)
            try await create(app, "milestones", as: people.pmo, Milestone(
                initiativeID: billing, name: "Live", forecastDate: Day.today().adding(days: -40), actualDate: Day.today().adding(days: -40)))
            let report = try await app.api(.GET, "/api/v1/pmo-impact-report", as: people.viewer)
            #expect(report.status == .ok, "\(report.text)")
            #expect(report.json["to"] == .string(Day.today().description))
            guard case .array(let delivered)? = report.json["delivered"] else { Issue.record("no delivered"); return }
            #expect(delivered.map { $0["code"] } == [.string("FIN-014")])
            #expect(report.json["investmentDelivered"] == .number(250_000))
            guard case .array(let improvements)? = report.json["improvements"] else { Issue.record("no improvements"); return }
            #expect(improvements.map { $0["title"] } == [.string("Generate the report")])
            guard case .array(let narrative)? = report.json["narrative"] else { Issue.record("no narrative"); return }
            #expect(narrative.first?.stringValue?.contains("delivered 1 initiative") == true)

            let bad = try await app.api(.GET, "/api/v1/pmo-impact-report?from=yesterday", as: people.viewer)
            expectInvalid(bad, fields: ["from"])
        }
    }
}
