import Foundation
import LodestarCore
import Testing

@Suite("PMO value demo")
struct PMOValueDemoTests {
    static let today = Day("2027-06-15")!
    static let portfolio = DemoGenerator.generate(seed: 42, initiatives: 40, today: today)

    @Test("a year of PMO life: charter, computed KPI history, two survey waves, backlog and two assessments, all valid")
    func story() {
        let demo = PMOValueDemo.generate(for: Self.portfolio, seed: 42, today: Self.today)
        #expect(demo.problems.count >= 3)
        #expect(demo.services.count >= 4)
        #expect(demo.waves.count == 2)
        #expect(demo.assessments.count == 2)
        #expect(demo.improvements.contains { $0.fields.isWin })
        var issues: [FieldIssue] = demo.problems.flatMap { $0.fields.validate() }
        issues += demo.services.flatMap { $0.fields.validate() }
        issues += demo.kpis.flatMap { $0.fields.validate() }
        issues += demo.kpiMeasurements.flatMap { $0.fields.validate() }
        issues += demo.surveys.flatMap { $0.fields.validate() }
        issues += demo.waves.flatMap { $0.fields.validate() }
        issues += demo.improvements.flatMap { $0.fields.validate() }
        issues += demo.assessments.flatMap { $0.fields.validate() }
        #expect(issues.isEmpty, "\(issues)")
        let survey = demo.surveys[0].fields
        #expect(demo.responses.allSatisfy { survey.issues(in: $0.answers).isEmpty })
        // Every KPI has months of history, so its trend tells a story.
        for kpi in demo.kpis {
            let history = demo.kpiMeasurements.filter { $0.kpiID == kpi.id }
            #expect(history.count >= 4, "\(kpi.name) has \(history.count) measurements")
        }
        // Perception improves between the waves.
        let scores = demo.waves.map { wave in PerceptionScores.score(demo.responses.filter { $0.waveID == wave.id }, survey: survey) }
        #expect(scores[1].nps! > scores[0].nps!)
    }

    @Test("the same seed and day give the same PMO year")
    func deterministic() {
        let a = PMOValueDemo.generate(for: Self.portfolio, seed: 42, today: Self.today)
        let b = PMOValueDemo.generate(for: Self.portfolio, seed: 42, today: Self.today)
        #expect(a.kpiMeasurements == b.kpiMeasurements)
        #expect(a.responses == b.responses)
        #expect(a.kpis.map(\.id) == b.kpis.map(\.id))
    }
}
