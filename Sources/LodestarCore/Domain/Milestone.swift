import Foundation

/// A dated point of delivery. Its forecast moves; every move is kept as a `ForecastChange`.
public struct Milestone: EntityFields {
    public var initiativeID: UUID
    public var name: String
    public var baselineDate: Day?
    public var forecastDate: Day
    public var actualDate: Day?

    public init(initiativeID: UUID, name: String, baselineDate: Day? = nil, forecastDate: Day, actualDate: Day? = nil) {
        self.initiativeID = initiativeID
        self.name = name
        self.baselineDate = baselineDate
        self.forecastDate = forecastDate
        self.actualDate = actualDate
    }

    /// Days the forecast (or the actual date, once reached) lies after the baseline.
    public var slippageInDays: Int? {
        guard let baselineDate else { return nil }
        return baselineDate.days(until: actualDate ?? forecastDate)
    }

    public var isReached: Bool { actualDate != nil }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(name, "name")
        return checks.issues
    }
}

/// One move of a milestone's forecast: the slippage history that explains why work is late.
public struct ForecastChange: Sendable, Equatable, Codable {
    public var milestoneID: UUID
    public var changedOn: Day
    public var previousDate: Day?
    public var newDate: Day
    public var changedBy: UUID?

    public init(milestoneID: UUID, changedOn: Day, previousDate: Day?, newDate: Day, changedBy: UUID? = nil) {
        self.milestoneID = milestoneID
        self.changedOn = changedOn
        self.previousDate = previousDate
        self.newDate = newDate
        self.changedBy = changedBy
    }
}
