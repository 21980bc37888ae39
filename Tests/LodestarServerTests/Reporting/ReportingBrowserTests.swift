import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Browser: reporting")
struct ReportingBrowserTests {
    @Test("the dashboard, delivery, a status report and the health rules, as the PMO",
          .enabled(if: BrowserHarness.available, BrowserHarness.skipMessage))
    func reportingFlow() async throws {
        try await withTestApp { app, people in
            try await app.loadDemoPortfolio()
            let result = try await BrowserHarness.runFlow("reporting_flow.py", on: app, as: people.pmo, arguments: [])
            #expect(result.status == 0, "browser flow output:\n\(result.output)")
            #expect(try await HealthThresholdModel.thresholds(on: app.db).threshold(.scheduleSlippage).amber == 7)
        }
    }
}
