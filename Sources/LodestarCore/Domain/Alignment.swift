import Foundation

/// How much an initiative contributes (0–1) to a strategic objective.
public struct Alignment: EntityFields {
    public var initiativeID: UUID
    public var objectiveID: UUID
    public var contribution: Double

    public init(initiativeID: UUID, objectiveID: UUID, contribution: Double) {
        self.initiativeID = initiativeID
        self.objectiveID = objectiveID
        self.contribution = contribution
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.range(contribution, "contribution", 0...1)
        return checks.issues
    }
}
