import Foundation
@testable import LodestarCore
import Testing

@Suite("Benefits, delays and status reports")
struct ReportingEnginesTests {
    static let today = Day("2026-11-18")!
    static let demo = DemoGenerator.generate(seed: 42, initiatives: 60, today: today)
    static let snapshot = PortfolioSnapshot(demo, today: today)

    @Test func benefitProgressFollowsTheStraightLineAndTheTrend() {
        let benefit = Record(id: UUID(), fields: Benefit(
            initiativeID: UUID(), name: "NPS", unit: "points", baseline: 20, target: 40, targetDate: Day("2027-12-31")!))
        let readings = [("2027-01-01", 20.0), ("2027-03-02", 24.0), ("2027-05-01", 28.0)].map {
            BenefitMeasurement(benefitID: benefit.id, measuredOn: Day($0.0)!, value: $0.1)
        }
        let progress = BenefitTracking.progress(benefit, measurements: readings, today: Day("2027-05-01")!)
        #expect(progress.realisation == 0.4)
        #expect(abs(progress.expectedRealisation! - 120.0 / 364.0) < 1e-9)
        #expect(abs(progress.trendPer30Days! - 0.4 / 120 * 30) < 1e-9)
        // 60 % left at 0.1 per 30 days: 180 days after the latest reading.
        #expect(progress.forecastDate == Day("2027-10-28"))
        #expect(progress.status == .onTrack)
    }

    @Test func theParetoSharesEverySlippedDayAmongItsCauses() {
        let index = PortfolioIndex(Self.snapshot)
        let analysis = DelayAnalysis.analyse(Self.snapshot, index: index)
        #expect(analysis.slippedInitiatives > 0)
        // Every slipped day lands on some cause, "no recorded cause" included.
        let attributed = analysis.pareto.reduce(0) { $0 + $1.days }
        #expect(abs(attributed - Double(analysis.totalSlippedDays)) < 1e-6)
        #expect(abs((analysis.pareto.last?.cumulativeShare ?? 0) - 1) < 1e-9)
        #expect(analysis.pareto.map(\.days) == analysis.pareto.map(\.days).sorted(by: >))
        // Independently: the slipped initiatives are those with a milestone after its baseline.
        let late = Self.demo.initiatives.filter { initiative in
            Self.demo.milestones.contains { $0.initiativeID == initiative.id && ($0.slippageInDays ?? 0) > 0 }
        }
        #expect(analysis.slippedInitiatives == late.count)
        #expect(analysis.byTier.reduce(0) { $0 + $1.slippedDays } == analysis.totalSlippedDays)
    }

    @Test func aReportIsDeterministicAndReadsFromTheData() throws {
        let cadence = ReportingCadence.biweekly
        let period = cadence.period(containing: Self.today.adding(days: -14))
        var snapshot = Self.snapshot
        snapshot.today = period.end
        let index = PortfolioIndex(snapshot)
        let report = StatusReport.build(snapshot, index: index, period: period, previous: nil)
        #expect(report == StatusReport.build(snapshot, index: index, period: period, previous: nil))
        let reported = Self.demo.initiatives.filter { $0.status == .active || $0.status == .onHold }
        #expect(report.headline.initiatives == reported.count)
        #expect(report.headline.green + report.headline.amber + report.headline.red == reported.count)
        #expect(report.narrative[0].contains("\(reported.count) initiatives were under way or on hold"))
        #expect(report.sections.first?.health.overall ?? .green >= report.sections.last?.health.overall ?? .green)
        let missing = reported.filter { initiative in
            initiative.status == .active && !Self.demo.statusUpdates.contains { $0.initiativeID == initiative.id && $0.periodStart == period.start }
        }
        #expect(report.headline.missingUpdates == missing.count)

        // The next period's report names what changed since this one.
        let next = cadence.period(containing: period.end.adding(days: 1))
        var later = Self.snapshot
        later.today = next.end
        var changed = later
        if let first = report.sections.first(where: { $0.health.overall != .red }),
           let position = changed.initiatives.firstIndex(where: { $0.id == first.initiativeID }) {
            changed.initiatives[position].fields.healthOverride = .red
            changed.initiatives[position].fields.healthOverrideReason = "Sponsor left"
            let following = StatusReport.build(changed, index: PortfolioIndex(changed), period: next, previous: report)
            #expect(following.changes.contains { $0.initiativeID == first.initiativeID && $0.text.hasSuffix("→ red") })
            #expect(following.narrative[1].hasPrefix("Since the previous report"))
        }
        let markdown = report.markdown
        #expect(markdown.hasPrefix("# Portfolio status report, \(period.start) to \(period.end)"))
        #expect(markdown.contains("| overall | \(report.headline.green) | \(report.headline.amber) | \(report.headline.red) |"))
    }

    @Test func markdownEscapesWhatPeopleTyped() {
        #expect(StatusReport.escape("[click](http://x) *now*") == "\\[click\\]\\(http://x\\) \\*now\\*")
    }

    @Test func theCalendarIsValidICalendar() {
        let event = CalendarEvent(uid: "m-1@lodestar", day: Day("2027-03-01")!, summary: "FIN-1: Go live; phase 1, pilot",
                                  description: String(repeating: "é", count: 60), path: "/initiatives/1")
        let text = CalendarEvents.iCalendar([event], name: "Lodestar", baseURL: "https://pmo.example", stamp: Date(timeIntervalSince1970: 0))
        #expect(text.contains("DTSTART;VALUE=DATE:20270301\r\n"))
        #expect(text.contains("SUMMARY:FIN-1: Go live\\; phase 1\\, pilot\r\n"))
        #expect(text.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
    }
}
