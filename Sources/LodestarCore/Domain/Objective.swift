import Foundation

/// A goal of the organisation: themes hold objectives, objectives hold key results.
public struct Objective: EntityFields {
    public var parentID: UUID?
    public var level: ObjectiveLevel
    public var name: String
    public var description: String
    public var ownerID: UUID?
    /// Relative importance among its siblings; alignment scores normalise it.
    public var weight: Double
    /// The date by which the objective should be achieved.
    public var horizon: Day?
    public var stage: ObjectiveStage

    public init(
        parentID: UUID? = nil, level: ObjectiveLevel, name: String, description: String = "",
        ownerID: UUID? = nil, weight: Double = 1, horizon: Day? = nil, stage: ObjectiveStage = .definition
    ) {
        self.parentID = parentID
        self.level = level
        self.name = name
        self.description = description
        self.ownerID = ownerID
        self.weight = weight
        self.horizon = horizon
        self.stage = stage
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(name, "name")
        checks.text(description, "description", required: false, maxLength: 4000)
        checks.range(weight, "weight", 0...100)
        if level == .theme, parentID != nil { checks.fail("parentID", "a theme has no parent") }
        if level != .theme, parentID == nil {
            checks.fail("parentID", "a \(level.label.lowercased()) needs a parent \(level.parentLevel!.label.lowercased())")
        }
        return checks.issues
    }
}
