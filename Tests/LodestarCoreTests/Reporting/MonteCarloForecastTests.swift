import Foundation
@testable import LodestarCore
import Testing

@Suite("Monte Carlo forecasts")
struct MonteCarloForecastTests {
    let today = Day("2027-01-01")!

    func item(_ id: UUID, start: String? = nil, finish: String, baseline: String? = nil) -> MonteCarloForecast.Item {
        MonteCarloForecast.Item(
            initiativeID: id, tier: .standard, kind: .project, plannedStart: start.flatMap { Day($0) }, forecastFinish: Day(finish)!,
            baselineFinish: baseline.flatMap { Day($0) })
    }

    func history(_ ratios: [Double]) -> [MonteCarloForecast.Sample] {
        ratios.map { .init(tier: .standard, kind: .project, ratio: $0) }
    }

    @Test func aHistoryOfNoSlipForecastsThePlan() {
        let id = UUID()
        let result = MonteCarloForecast.run(
            items: [item(id, finish: "2027-04-01", baseline: "2027-04-01")], dependencies: [], history: history([0, 0, 0]),
            today: today, trials: 500, seed: 7)
        let finish = result.initiatives[0].finish
        #expect(finish.p50 == Day("2027-04-01"))
        #expect(finish.p95 == Day("2027-04-01"))
        #expect(finish.probabilityOnTime == 1)
    }

    @Test func slipIsTheHistorysRatioOfTheTimeLeft() {
        // 90 days left; two thirds of the milestones slipped 20 % of their horizon, a third 100 %.
        let id = UUID()
        let result = MonteCarloForecast.run(
            items: [item(id, finish: "2027-04-01", baseline: "2027-04-01")], dependencies: [], history: history([0.2, 0.2, 1.0]),
            today: today, trials: 4000, seed: 3)
        let finish = result.initiatives[0].finish
        #expect(finish.p50 == Day("2027-04-01")!.adding(days: 18))
        #expect(finish.p80 == Day("2027-04-01")!.adding(days: 90))
        #expect(finish.probabilityOnTime == 0)
    }

    @Test func theSameSeedGivesTheSameForecastAndAnotherSeedMayNot() {
        let ids = (0..<20).map { _ in UUID() }
        let items = ids.enumerated().map { item($1, finish: Day("2027-03-01")!.adding(days: $0 * 9).description, baseline: "2027-05-01") }
        let spread = history((0..<50).map { Double($0) / 50 - 0.1 })
        let a = MonteCarloForecast.run(items: items, dependencies: [], history: spread, today: today, trials: 300, seed: 11)
        let b = MonteCarloForecast.run(items: items, dependencies: [], history: spread, today: today, trials: 300, seed: 11)
        let c = MonteCarloForecast.run(items: items, dependencies: [], history: spread, today: today, trials: 300, seed: 12)
        #expect(a == b)
        #expect(a.initiatives.map(\.finish.probabilityOnTime) != c.initiatives.map(\.finish.probabilityOnTime))
    }

    @Test func lateWorkDelaysTheWorkWaitingOnIt() {
        let first = UUID(), second = UUID()
        let items = [item(first, finish: "2027-06-01"), item(second, start: "2027-06-02", finish: "2027-09-01", baseline: "2027-09-01")]
        let link = [Dependency(predecessorID: first, successorID: second)]
        let slip = history([0.5])
        let alone = MonteCarloForecast.run(items: items, dependencies: [], history: slip, today: today, trials: 100, seed: 1)
        let linked = MonteCarloForecast.run(items: items, dependencies: link, history: slip, today: today, trials: 100, seed: 1)
        // The predecessor finishes 76 days late (half of the 151 days left, rounded), so the successor starts that late too.
        let predecessorLate = Day("2027-06-01")!.days(until: linked.initiatives[0].finish.p50)
        #expect(predecessorLate == 76)
        #expect(linked.initiatives[1].finish.p50 == alone.initiatives[1].finish.p50.adding(days: predecessorLate))
    }

    @Test func aForecastLargeEnoughToRunOnEveryCoreIsTheSameOnEveryRunAndKeepsDependencies() {
        // 400 items × 1,000 trials is past the size at which levels are split across cores.
        let ids = (0..<400).map { _ in UUID() }
        let items = ids.enumerated().map { offset, id in
            item(id, start: offset % 2 == 1 ? Day("2027-06-01")!.adding(days: offset).description : nil,
                 finish: Day("2027-05-01")!.adding(days: offset).description, baseline: "2027-08-01")
        }
        // Each odd item waits for the even one before it.
        let links = stride(from: 0, to: 400, by: 2).map { Dependency(predecessorID: ids[$0], successorID: ids[$0 + 1]) }
        let spread = history((0..<60).map { Double($0) / 30 - 0.2 })
        let a = MonteCarloForecast.run(items: items, dependencies: links, history: spread, today: today, trials: 1000, seed: 5)
        let b = MonteCarloForecast.run(items: items, dependencies: links, history: spread, today: today, trials: 1000, seed: 5)
        #expect(a == b)
        let unlinked = MonteCarloForecast.run(items: items, dependencies: [], history: spread, today: today, trials: 1000, seed: 5)
        for pair in stride(from: 0, to: 400, by: 2) {
            #expect(a.initiatives[pair + 1].finish.p95 >= unlinked.initiatives[pair + 1].finish.p95)
        }
        #expect(zip(a.initiatives, unlinked.initiatives).contains { $0.finish.p95 > $1.finish.p95 })
    }

    @Test func theReferenceClassIsTheTierWhenItHasEnoughHistory() {
        let full = (0..<MonteCarloForecast.minimumClassSize).map { _ in MonteCarloForecast.Sample(tier: .full, kind: .programme, ratio: 1) }
        let light = [MonteCarloForecast.Sample(tier: .light, kind: .project, ratio: 0)]
        var big = item(UUID(), finish: "2027-04-01", baseline: "2027-04-01")
        big.tier = .full
        big.kind = .programme
        var small = item(UUID(), finish: "2027-04-01", baseline: "2027-04-01")
        small.tier = .light
        let result = MonteCarloForecast.run(items: [big, small], dependencies: [], history: full + light, today: today, trials: 50, seed: 1)
        #expect(result.initiatives[0].referenceClass.hasPrefix("Full tier, programmes"))
        #expect(result.initiatives[0].finish.p50 == Day("2027-04-01")!.adding(days: 90))
        #expect(result.initiatives[1].referenceClass.hasPrefix("all completed milestones"))
    }

    @Test func historyMeasuresSlipOverTheHorizonFromTheFirstForecast() {
        let initiative = UUID(), milestone = UUID()
        let records = [Record(id: milestone, fields: Milestone(
            initiativeID: initiative, name: "Live", baselineDate: Day("2026-04-01")!, forecastDate: Day("2026-05-01")!, actualDate: Day("2026-05-01")!))]
        let changes = [ForecastChange(milestoneID: milestone, changedOn: Day("2026-01-01")!, previousDate: nil, newDate: Day("2026-04-01")!)]
        let samples = MonteCarloForecast.history(milestones: records, changes: changes, initiatives: [initiative: Initiative(code: "A", name: "A")])
        #expect(samples.map(\.ratio) == [30.0 / 90.0])
    }
}
