import Foundation

/// A criterion of a scoring model: what is scored, on which scale, with which weight.
public struct ScoringCriterion: EntityFields {
    public var modelID: UUID
    public var name: String
    public var description: String
    public var weight: Double
    public var scaleMin: Double
    public var scaleMax: Double
    /// In a WSJF model, the part this criterion plays; nil in a weighted model.
    public var wsjfComponent: WSJFComponent?

    public init(
        modelID: UUID, name: String, description: String = "", weight: Double, scaleMin: Double = 0, scaleMax: Double = 10,
        wsjfComponent: WSJFComponent? = nil
    ) {
        self.modelID = modelID
        self.name = name
        self.description = description
        self.weight = weight
        self.scaleMin = scaleMin
        self.scaleMax = scaleMax
        self.wsjfComponent = wsjfComponent
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(name, "name", maxLength: 120)
        checks.text(description, "description", required: false, maxLength: 2000)
        checks.range(weight, "weight", 0...1000)
        checks.finite(scaleMin, "scaleMin")
        checks.finite(scaleMax, "scaleMax")
        if scaleMin.isFinite, scaleMax.isFinite, scaleMax <= scaleMin { checks.fail("scaleMax", "must be above scaleMin") }
        if wsjfComponent == .jobSize, scaleMin <= 0 { checks.fail("scaleMin", "a job size scale must start above 0: WSJF divides by it") }
        return checks.issues
    }

    public func accepts(_ value: Double) -> Bool { value.isFinite && value >= scaleMin && value <= scaleMax }
}

/// An initiative's score on one criterion.
public struct Score: EntityFields {
    public var initiativeID: UUID
    public var criterionID: UUID
    public var value: Double
    public var rationale: String

    public init(initiativeID: UUID, criterionID: UUID, value: Double, rationale: String = "") {
        self.initiativeID = initiativeID
        self.criterionID = criterionID
        self.value = value
        self.rationale = rationale
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.finite(value, "value")
        checks.text(rationale, "rationale", required: false, maxLength: 2000)
        return checks.issues
    }
}
