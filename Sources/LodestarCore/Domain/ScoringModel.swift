import Foundation

/// How a scoring model turns criterion scores into a priority.
public enum ScoringMethod: String, Vocabulary {
    /// Weighted sum of normalised scores: 0…100 points.
    case weighted
    /// Weighted Shortest Job First: cost of delay divided by job size.
    case wsjf

    public var label: String { self == .wsjf ? "WSJF" : "Weighted criteria" }
}

/// The part a criterion plays in a WSJF model.
public enum WSJFComponent: String, Vocabulary {
    case businessValue = "business_value", timeCriticality = "time_criticality"
    case riskReduction = "risk_reduction", jobSize = "job_size"

    public var label: String {
        switch self {
            case .businessValue: "Business value"
            case .timeCriticality: "Time criticality"
            case .riskReduction: "Risk reduction / opportunity enablement"
            case .jobSize: "Job size"
        }
    }

    /// Business value, time criticality and risk reduction add up to the cost of delay.
    public var isCostOfDelay: Bool { self != .jobSize }
}

/// A prioritisation model the PMO maintains: its criteria (with weights and scales) are records of
/// their own. Several may exist; exactly one is the portfolio's default.
public struct ScoringModel: EntityFields {
    public var name: String
    public var description: String
    public var method: ScoringMethod
    public var isDefault: Bool

    public init(name: String, description: String = "", method: ScoringMethod = .weighted, isDefault: Bool = false) {
        self.name = name
        self.description = description
        self.method = method
        self.isDefault = isDefault
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(name, "name", maxLength: 120)
        checks.text(description, "description", required: false, maxLength: 2000)
        return checks.issues
    }
}
