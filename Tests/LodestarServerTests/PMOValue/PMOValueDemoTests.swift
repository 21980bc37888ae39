import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("PMO value in the demo portfolio")
struct PMOValueDemoLoadTests {
    @Test("the demo holds a year of PMO life and its impact report tells it: deliveries, KPIs, two waves, wins, maturity")
    func demoStory() async throws {
        try await withTestApp { app, people in
            _ = try await Commands.loadDemo(into: app, seed: 42, initiatives: 40)
            let report = try await app.api(.GET, "/api/v1/pmo-impact-report", as: people.viewer)
            #expect(report.status == .ok)
            guard case .array(let narrative)? = report.json["narrative"], case .array(let waves)? = report.json["perception"],
                  case .array(let kpis)? = report.json["kpis"], case .array(let improvements)? = report.json["improvements"],
                  case .array(let maturity)? = report.json["maturity"]
            else { Issue.record("report sections missing: \(report.text)"); return }
            #expect(narrative.count == 6, "one paragraph per section: \(narrative)")
            #expect(waves.count == 2)
            #expect(kpis.count == 8)
            #expect(kpis.allSatisfy { $0["latest"] != nil }, "every KPI has a value in the year")
            #expect(improvements.count == 3)
            #expect(maturity.count == MaturityDimension.allCases.count)
            #expect(report.json["maturityFrom"] != nil && report.json["maturityTo"] != nil)

            let charter = try await app.api(.GET, "/api/v1/pmo-charter", as: people.viewer)
            #expect(charter.json["unaddressedProblems"] == .array([]))
            guard case .array(let bare)? = charter.json["servicesWithoutKPI"] else { Issue.record("no gaps list"); return }
            #expect(bare.count == 1, "the coaching service is the gap the demo shows")
        }
    }
}
