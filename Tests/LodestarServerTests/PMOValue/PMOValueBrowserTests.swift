import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Browser: PMO value")
struct PMOValueBrowserTests {
    @Test("the charter shows its gaps; a survey link is issued and answered anonymously; radar and impact report render",
          .enabled(if: BrowserHarness.available, BrowserHarness.skipMessage))
    func pmoFlow() async throws {
        try await withTestApp(.sqlite) { app, people in
            let seed = try await PMOValueSeed.make(app, people)
            let result = try await BrowserHarness.runFlow("pmo_flow.py", on: app, as: people.pmo, arguments: ["--wave", seed.wave.uuidString])
            #expect(result.status == 0, "browser flow output:\n\(result.output)")
            let responses = try await SurveyResponseModel.query(on: app.db).all().map(\.response)
            #expect(responses.count == 1)
            #expect(responses.first?.stakeholderGroup == "Owners")
            #expect(responses.first?.answers.contains(SurveyAnswer(questionKey: "recommend", score: 9)) == true)
        }
    }
}
