import Foundation

/// The answers to the six executive questions (DESIGN.md) at a glance, and the ranked findings that
/// say where to act. Computed in one place from a snapshot, so the dashboard page, its API and any
/// other client show the same figures.
public struct ExecutiveDashboard: Sendable, Equatable, Codable {
    public struct Bar: Sendable, Equatable, Codable {
        public var label: String
        public var value: Double
        /// Where the record behind the bar lives, e.g. `/initiatives/<id>`.
        public var link: String?
    }

    public struct Answer: Sendable, Equatable, Codable {
        /// `Q1` … `Q6`
        public var id: String
        public var question: String
        /// The headline figure.
        public var figure: Double
        /// How the figure reads, e.g. `3 of the top 10 are not approved`.
        public var headline: String
        public var detail: String
        /// The unit of the chart's values, e.g. `points`, `%`, `days`.
        public var chartUnit: String
        public var chart: [Bar]
        /// The page that answers the question in full.
        public var link: String
    }

    public struct Insight: Sendable, Equatable, Codable {
        public var rank: Int
        /// `decision_overdue`, `escalated_risk`, `red_initiative`, `forecast_late`, `over_allocation`, `missing_updates`, `benefit_behind`
        public var kind: String
        /// 0–100; higher needs attention sooner.
        public var severity: Double
        public var text: String
        public var link: String
    }

    public var asOf: Day
    public var period: ReportingPeriod
    public var answers: [Answer]
    public var insights: [Insight]

    public struct Options: Sendable {
        public var forecastTrials: Int
        public var forecastSeed: UInt64
        public var insightLimit: Int

        public init(forecastTrials: Int = 500, forecastSeed: UInt64 = 1, insightLimit: Int = 10) {
            self.forecastTrials = forecastTrials
            self.forecastSeed = forecastSeed
            self.insightLimit = insightLimit
        }
    }

    public static func build(_ snapshot: PortfolioSnapshot, options: Options = Options()) -> ExecutiveDashboard {
        let index = PortfolioIndex(snapshot)
        var context = DashboardContext(snapshot: snapshot, index: index, options: options)
        let answers = [
            context.prioritise(), context.constraints(), context.delays(), context.criticalWork(), context.outcomes(),
        ]
        let insights = context.insights()
        let focus = context.focus(insights)
        return ExecutiveDashboard(
            asOf: snapshot.today, period: snapshot.cadence.period(containing: snapshot.today), answers: answers + [focus],
            insights: insights)
    }
}
