/// The rhythm of status reporting: fixed-length periods counted from an anchor day.
///
/// Bi-weekly from Monday 2024-01-01 by default, so every instance and every report agrees on which
/// period a day belongs to without storing a calendar of periods.
public struct ReportingCadence: Sendable, Hashable, Codable {
    public var anchor: Day
    public var lengthInDays: Int

    public init(anchor: Day = Day(year: 2024, month: 1, day: 1)!, lengthInDays: Int = 14) {
        precondition(lengthInDays > 0, "a reporting period has at least one day")
        self.anchor = anchor
        self.lengthInDays = lengthInDays
    }

    public static let biweekly = ReportingCadence()

    public func period(containing day: Day) -> ReportingPeriod {
        let offset = anchor.days(until: day)
        let index = offset >= 0 ? offset / lengthInDays : -((-offset + lengthInDays - 1) / lengthInDays)
        let start = anchor.adding(days: index * lengthInDays)
        return ReportingPeriod(start: start, end: start.adding(days: lengthInDays - 1))
    }

    public func isPeriodStart(_ day: Day) -> Bool { period(containing: day).start == day }

    /// The periods that overlap `first...last`, oldest first.
    public func periods(from first: Day, through last: Day) -> [ReportingPeriod] {
        guard first <= last else { return [] }
        var result: [ReportingPeriod] = []
        var period = period(containing: first)
        while period.start <= last {
            result.append(period)
            period = ReportingPeriod(start: period.end.adding(days: 1), end: period.end.adding(days: lengthInDays))
        }
        return result
    }
}

public struct ReportingPeriod: Sendable, Hashable, Codable, Comparable {
    public var start: Day
    public var end: Day

    public init(start: Day, end: Day) {
        self.start = start
        self.end = end
    }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }

    public static func < (lhs: ReportingPeriod, rhs: ReportingPeriod) -> Bool { lhs.start < rhs.start }
}
