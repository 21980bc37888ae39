import Foundation

/// A measure of whether the PMO does what its charter promises.
public struct PMOKPI: EntityFields {
    public var name: String
    public var description: String
    public var unit: String
    public var direction: KPIDirection
    public var target: Double
    /// The service whose value it shows, if any.
    public var serviceID: UUID?
    public var source: KPISource

    public init(
        name: String, description: String = "", unit: String, direction: KPIDirection, target: Double, serviceID: UUID? = nil,
        source: KPISource = .manual
    ) {
        self.name = name
        self.description = description
        self.unit = unit
        self.direction = direction
        self.target = target
        self.serviceID = serviceID
        self.source = source
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(name, "name")
        checks.text(description, "description", required: false, maxLength: 4000)
        checks.text(unit, "unit", maxLength: 40)
        checks.finite(target, "target")
        return checks.issues
    }
}

/// A dated value of a PMO KPI, typed in or computed.
public struct KPIMeasurement: EntityFields {
    public var kpiID: UUID
    public var measuredOn: Day
    public var value: Double
    public var note: String

    public init(kpiID: UUID, measuredOn: Day, value: Double, note: String = "") {
        self.kpiID = kpiID
        self.measuredOn = measuredOn
        self.value = value
        self.note = note
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.finite(value, "value")
        checks.text(note, "note", required: false, maxLength: 2000)
        return checks.issues
    }
}

/// A KPI's measurements read as a trend: where it stands, where it started, and whether it meets its target.
public struct KPITrend: Sendable, Equatable {
    public var points: [ChartPoint]
    public var latest: ChartPoint?
    public var first: ChartPoint?
    public var meetsTarget: Bool?
    /// Whether the latest value is better than the first one.
    public var improving: Bool?

    public init(kpi: PMOKPI, measurements: [KPIMeasurement], in range: ClosedRange<Day>? = nil) {
        points = measurements
            .filter { range?.contains($0.measuredOn) ?? true }
            .sorted { $0.measuredOn < $1.measuredOn }
            .map { ChartPoint(day: $0.measuredOn, value: $0.value) }
        latest = points.last
        first = points.first
        meetsTarget = latest.map { kpi.direction.meets($0.value, target: kpi.target) }
        if let first, let latest, points.count > 1 {
            improving = kpi.direction.improves(from: first.value, to: latest.value)
        }
    }
}
