import Foundation
@testable import LodestarCore
import Testing

/// Each dashboard figure against a computation written here from the raw records.
@Suite("Executive dashboard figures")
struct ExecutiveDashboardTests {
    static let today = Day("2026-11-18")!
    static let demo = DemoGenerator.generate(seed: 42, initiatives: 120, today: today)
    static let dashboard = ExecutiveDashboard.build(PortfolioSnapshot(demo, today: today))

    func answer(_ id: String) throws -> ExecutiveDashboard.Answer {
        try #require(Self.dashboard.answers.first { $0.id == id })
    }

    var inFlight: Set<UUID> { Set(Self.demo.initiatives.filter { $0.status == .active || $0.status == .approved }.map(\.id)) }

    @Test func answersTheSixQuestionsInOrder() {
        #expect(Self.dashboard.answers.map(\.id) == ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"])
        #expect(Self.dashboard.answers.allSatisfy { !$0.chart.isEmpty && $0.link.hasPrefix("/") })
    }

    @Test func q1CountsUnapprovedWorkAmongTheTopTen() throws {
        let candidates = Self.demo.initiatives.filter { [.proposed, .approved, .active].contains($0.status) }
        let totalWeight = Self.demo.criteria.reduce(0) { $0 + $1.weight }
        func score(_ id: UUID) -> Double {
            Self.demo.criteria.reduce(0) { sum, criterion in
                guard let value = Self.demo.scores.first(where: { $0.initiativeID == id && $0.criterionID == criterion.id })?.value else { return sum }
                return sum + criterion.weight / totalWeight * min(1, max(0, (value - criterion.scaleMin) / (criterion.scaleMax - criterion.scaleMin))) * 100
            }
        }
        let top = candidates.sorted { (score($0.id), $1.code) > (score($1.id), $0.code) }.prefix(10)
        #expect(try answer("Q1").figure == Double(top.filter { $0.status == .proposed }.count))
    }

    @Test func q2CountsOverAllocatedPoolQuartersFromNowOn() throws {
        var demand: [String: Double] = [:], capacity: [String: Double] = [:]
        let now = Quarter(containing: Self.today)
        for entry in Self.demo.demands where inFlight.contains(entry.initiativeID) && entry.period >= now {
            demand["\(entry.poolID) \(entry.period)", default: 0] += entry.fte
        }
        for entry in Self.demo.capacities where entry.period >= now { capacity["\(entry.poolID) \(entry.period)", default: 0] += entry.fte }
        let over = demand.filter { $0.value > (capacity[$0.key] ?? 0) + 1e-9 }.count
        #expect(try answer("Q2").figure == Double(over))
    }

    @Test func q4CountsInFlightWorkThatOthersWaitOn() throws {
        let blocking = Set(Self.demo.dependencies.filter { inFlight.contains($0.predecessorID) && inFlight.contains($0.successorID) }.map(\.predecessorID))
        #expect(try answer("Q4").figure == Double(blocking.count))
    }

    @Test func q5IsTheShareOfMeasuredBenefitsAchievedOrOnTrack() throws {
        let measured = Self.demo.benefits.filter { benefit in Self.demo.measurements.contains { $0.benefitID == benefit.id && $0.measuredOn <= Self.today } }
        let detail = try answer("Q5").detail
        #expect(detail.contains(" of \(measured.count) measured benefits"))
        #expect(detail.contains("\(Self.demo.benefits.count - measured.count) not measured yet"))
    }

    @Test func q6AndTheInsightsNameEveryOverdueDecision() throws {
        let overdue = Self.demo.decisions.filter { $0.status == .pending && $0.initiativeID != nil && ($0.neededBy.map { $0 < Self.today } ?? false) }
        let listed = Self.dashboard.insights.filter { $0.kind == "decision_overdue" }
        #expect(listed.allSatisfy { insight in overdue.contains { insight.text.contains("\u{201C}\($0.title)\u{201D}") } })
        #expect(Self.dashboard.insights.map(\.severity) == Self.dashboard.insights.map(\.severity).sorted(by: >))
        #expect(Self.dashboard.insights.map(\.rank) == Array(1...Self.dashboard.insights.count))
        let reds = try answer("Q6").chart.first { $0.label == "red" }?.value
        let snapshot = PortfolioSnapshot(Self.demo, today: Self.today)
        let health = snapshot.health(index: PortfolioIndex(snapshot))
        #expect(reds == Double(inFlight.filter { health[$0]?.overall == .red }.count))
    }

    @Test func theSameDataGiveTheSameDashboard() {
        #expect(ExecutiveDashboard.build(PortfolioSnapshot(Self.demo, today: Self.today)) == Self.dashboard)
    }
}
