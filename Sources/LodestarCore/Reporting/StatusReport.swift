import Foundation

/// The portfolio status report of one reporting period, built from the data alone: a narrative, a
/// section per initiative, the changes since the previous report and the figures behind its charts.
/// Once stored it is never edited; a rebuild is a new version.
public struct StatusReport: Sendable, Equatable, Codable {
    public struct Headline: Sendable, Equatable, Codable {
        public var initiatives: Int
        public var green: Int
        public var amber: Int
        public var red: Int
        public var overridden: Int
        public var missingUpdates: Int
        public var milestoneMoves: Int
        public var daysAddedByMoves: Int
        public var decisionsTaken: Int
        public var overdueDecisions: Int
        public var escalatedRisks: Int
    }

    public struct MilestoneMove: Sendable, Equatable, Codable {
        public var milestoneID: UUID
        public var name: String
        public var from: Day?
        public var to: Day
        public var days: Int
    }

    public struct DecisionLine: Sendable, Equatable, Codable {
        public var decisionID: UUID
        public var title: String
        /// The outcome once decided; empty while pending.
        public var outcome: String
        public var date: Day?
        /// Days past the needed-by date, for pending decisions.
        public var daysOverdue: Int?
    }

    public struct RiskLine: Sendable, Equatable, Codable {
        public var raidItemID: UUID
        public var title: String
        public var kind: RAIDKind
        public var score: Int
        public var escalation: EscalationLevel
    }

    public struct Section: Sendable, Equatable, Codable {
        public var initiativeID: UUID
        public var code: String
        public var name: String
        public var owner: String
        public var status: InitiativeStatus
        public var health: HealthAssessment
        /// The owner's update for this period, or the latest before it.
        public var update: StatusUpdate?
        public var updateMissing: Bool
        public var milestoneMoves: [MilestoneMove]
        public var decisionsTaken: [DecisionLine]
        public var decisionsPending: [DecisionLine]
        public var escalations: [RiskLine]
    }

    public struct Change: Sendable, Equatable, Codable {
        public var initiativeID: UUID
        public var code: String
        public var text: String
    }

    public struct HealthCount: Sendable, Equatable, Codable {
        /// `overall` or a dimension's name.
        public var dimension: String
        public var green: Int
        public var amber: Int
        public var red: Int
    }

    public var period: ReportingPeriod
    /// The day the data was read as of.
    public var asOf: Day
    public var headline: Headline
    public var narrative: [String]
    public var sections: [Section]
    public var changes: [Change]
    /// Colour counts overall and per dimension: the report's chart.
    public var healthCounts: [HealthCount]

    /// Initiatives a status report covers: work under way or paused.
    public static func isReported(_ status: InitiativeStatus) -> Bool { status == .active || status == .onHold }
}
