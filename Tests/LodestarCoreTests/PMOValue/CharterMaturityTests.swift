import Foundation
import LodestarCore
import Testing

@Suite("PMO charter chain, maturity and chart geometry")
struct CharterMaturityTests {
    @Test("the chain links problems to services to KPIs and flags services without KPIs and unaddressed problems")
    func chain() {
        let slow = Record(id: UUID(), fields: PMOProblem(statement: "Slow decisions"))
        let waste = Record(id: UUID(), fields: PMOProblem(statement: "Wasted investment"))
        let governance = Record(id: UUID(), fields: PMOService(name: "Governance", problemIDs: [slow.id], executiveQuestion: "Where to focus?"))
        let coaching = Record(id: UUID(), fields: PMOService(name: "Coaching", problemIDs: [slow.id], executiveQuestion: "Are PMs equipped?"))
        let latency = Record(id: UUID(), fields: PMOKPI(name: "Decision latency", unit: "days", direction: .lowerIsBetter, target: 14,
                                                        serviceID: governance.id, source: .decisionLatency))
        let chain = CharterChain.build(problems: [slow, waste], services: [governance, coaching], kpis: [latency])
        #expect(chain.links.map(\.problem.id) == [slow.id, waste.id])
        #expect(chain.links[0].services.map(\.id) == [coaching.id, governance.id])
        #expect(chain.servicesWithoutKPI == [coaching.id])
        #expect(chain.unaddressedProblems == [waste.id])
        #expect(chain.kpisByService[governance.id]?.map(\.id) == [latency.id])
    }

    @Test("a KPI trend knows its latest value, whether it meets the target and whether it improved")
    func trend() {
        let kpi = PMOKPI(name: "Latency", unit: "days", direction: .lowerIsBetter, target: 14)
        let id = UUID()
        let trend = KPITrend(kpi: kpi, measurements: [
            KPIMeasurement(kpiID: id, measuredOn: Day("2027-02-01")!, value: 12),
            KPIMeasurement(kpiID: id, measuredOn: Day("2027-01-01")!, value: 30),
        ])
        #expect(trend.first?.value == 30)
        #expect(trend.latest?.value == 12)
        #expect(trend.meetsTarget == true)
        #expect(trend.improving == true)
        #expect(KPITrend(kpi: kpi, measurements: []).meetsTarget == nil)
    }

    @Test("maturity levels are 1–5, one per dimension; a benchmark needs its source")
    func maturityValidation() {
        let bad = MaturityAssessment(
            assessedOn: Day("2027-01-01")!,
            ratings: [MaturityRating(dimension: .governance, level: 6), MaturityRating(dimension: .governance, level: 2)],
            benchmark: [MaturityBenchmark(dimension: .governance, level: 3)])
        #expect(Set(bad.validate().map(\.field)) == ["ratings", "ratings[0].level", "benchmarkSource"])
        let good = MaturityAssessment(assessedOn: Day("2027-01-01")!, ratings: [MaturityRating(dimension: .governance, level: 3),
                                                                               MaturityRating(dimension: .strategyAlignment, level: 2)])
        #expect(good.validate().isEmpty)
        #expect(good.averageLevel == 2.5)
        #expect(MaturityModel.description(of: .governance, level: 3).contains("Tiered gates"))
    }

    @Test("the radar puts the first axis straight up and scales values to the radius")
    func radar() {
        let radar = RadarGeometry(axes: 4, maximum: 5, size: 200, margin: 50)
        let top = radar.point(axis: 0, value: 5)
        #expect(abs(top.x - 100) < 1e-9 && abs(top.y - 50) < 1e-9)
        let right = radar.point(axis: 1, value: 2.5)
        #expect(abs(right.x - 125) < 1e-9 && abs(right.y - 100) < 1e-9)
        #expect(radar.polygon([5, 0, 5, 0]) == "100.00,50.00 100.00,100.00 100.00,150.00 100.00,100.00")
    }

    @Test("a trend line spans the plot from its first to its last day; the target sits at its value")
    func lineChart() {
        let points = [ChartPoint(day: Day("2027-01-01")!, value: 0), ChartPoint(day: Day("2027-01-11")!, value: 10)]
        let chart = LineChartGeometry(points: points, target: 5, width: 200, height: 100, margin: 10)
        #expect(chart.positions.map(\.x) == [10, 190])
        // 10 % padding each side of 0…10: -1 … 11, so 5 is at the middle of the 80-pixel plot.
        #expect(abs(chart.targetY! - 50) < 1e-9)
        #expect(chart.positions[0].y > chart.positions[1].y, "higher values are drawn higher")
        #expect(chart.ticks.map(\.value) == [0, 5, 10])
    }

    @Test("an improvement is a win only when done, measured better and evidenced")
    func wins() {
        var item = ImprovementItem(title: "Faster report", painPoint: "A week of work", metric: "hours", before: 40, after: 8,
                                   direction: .lowerIsBetter, status: .done, completedOn: Day("2027-01-01")!, evidence: "Time sheets")
        #expect(item.isWin)
        #expect(item.validate().isEmpty)
        item.evidence = ""
        #expect(!item.isWin)
        item.evidence = "x"
        item.after = 50
        #expect(!item.isWin)
        let unfinished = ImprovementItem(title: "x", painPoint: "y", status: .done)
        #expect(Set(unfinished.validate().map(\.field)) == ["completedOn", "after"])
    }
}
