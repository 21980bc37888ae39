import Foundation

/// An outcome KPI that says whether an initiative or objective delivered what it promised.
public struct Benefit: EntityFields {
    public var initiativeID: UUID?
    public var objectiveID: UUID?
    public var name: String
    public var unit: String
    public var baseline: Double
    public var target: Double
    public var targetDate: Day?
    public var direction: BenefitDirection

    public init(
        initiativeID: UUID? = nil, objectiveID: UUID? = nil, name: String, unit: String, baseline: Double,
        target: Double, targetDate: Day? = nil, direction: BenefitDirection = .increase
    ) {
        self.initiativeID = initiativeID
        self.objectiveID = objectiveID
        self.name = name
        self.unit = unit
        self.baseline = baseline
        self.target = target
        self.targetDate = targetDate
        self.direction = direction
    }

    /// Share of the way from baseline to target that `value` has travelled (0 = baseline, 1 = target).
    public func realisation(of value: Double) -> Double? {
        let span = target - baseline
        guard span != 0 else { return nil }
        return (value - baseline) / span
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(name, "name")
        checks.text(unit, "unit", maxLength: 40)
        checks.finite(baseline, "baseline")
        checks.finite(target, "target")
        if (initiativeID == nil) == (objectiveID == nil) {
            checks.fail("initiativeID", "a benefit belongs to exactly one initiative or one objective")
        }
        if baseline.isFinite, target.isFinite {
            switch direction {
                case .increase where target <= baseline: checks.fail("target", "must be above the baseline for an increase")
                case .decrease where target >= baseline: checks.fail("target", "must be below the baseline for a decrease")
                default: break
            }
        }
        return checks.issues
    }
}

/// A dated reading of a benefit KPI.
public struct BenefitMeasurement: EntityFields {
    public var benefitID: UUID
    public var measuredOn: Day
    public var value: Double
    public var note: String

    public init(benefitID: UUID, measuredOn: Day, value: Double, note: String = "") {
        self.benefitID = benefitID
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
