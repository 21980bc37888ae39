import Foundation

/// A what-if on the current plan: the changes a leader wants to try. Running it optimises the plan
/// under those changes (see `ScenarioPlanner`); promoting a run makes it the plan.
public struct Scenario: EntityFields {
    public struct BudgetCap: Codable, Sendable, Equatable {
        public var quarter: Quarter
        public var amount: Double

        public init(quarter: Quarter, amount: Double) {
            self.quarter = quarter
            self.amount = amount
        }
    }

    /// FTE added to (or, negative, taken from) a pool's capacity in one quarter.
    public struct CapacityChange: Codable, Sendable, Equatable {
        public var poolID: UUID
        public var quarter: Quarter
        public var fte: Double

        public init(poolID: UUID, quarter: Quarter, fte: Double) {
            self.poolID = poolID
            self.quarter = quarter
            self.fte = fte
        }
    }

    /// The quarter an initiative must start in, if it is funded.
    public struct StartShift: Codable, Sendable, Equatable {
        public var initiativeID: UUID
        public var quarter: Quarter

        public init(initiativeID: UUID, quarter: Quarter) {
            self.initiativeID = initiativeID
            self.quarter = quarter
        }
    }

    public struct WeightChange: Codable, Sendable, Equatable {
        public var criterionID: UUID
        public var weight: Double

        public init(criterionID: UUID, weight: Double) {
            self.criterionID = criterionID
            self.weight = weight
        }
    }

    public var name: String
    public var description: String
    /// The planning cycle it belongs to, if any.
    public var cycleID: UUID?
    /// The model whose scores are the initiatives' value; nil means the portfolio's default model.
    public var scoringModelID: UUID?
    public var firstQuarter: Quarter
    /// Length of the planning horizon in quarters.
    public var quarters: Int
    /// Quarters without a cap have no budget limit.
    public var budgetCaps: [BudgetCap]
    public var capacityChanges: [CapacityChange]
    public var forcedIn: [UUID]
    public var forcedOut: [UUID]
    public var startShifts: [StartShift]
    public var weightChanges: [WeightChange]

    public init(
        name: String, description: String = "", cycleID: UUID? = nil, scoringModelID: UUID? = nil,
        firstQuarter: Quarter, quarters: Int = 8, budgetCaps: [BudgetCap] = [], capacityChanges: [CapacityChange] = [],
        forcedIn: [UUID] = [], forcedOut: [UUID] = [], startShifts: [StartShift] = [], weightChanges: [WeightChange] = []
    ) {
        self.name = name
        self.description = description
        self.cycleID = cycleID
        self.scoringModelID = scoringModelID
        self.firstQuarter = firstQuarter
        self.quarters = quarters
        self.budgetCaps = budgetCaps
        self.capacityChanges = capacityChanges
        self.forcedIn = forcedIn
        self.forcedOut = forcedOut
        self.startShifts = startShifts
        self.weightChanges = weightChanges
    }

    public static let maximumQuarters = 16

    public var horizon: Range<Int> { firstQuarter.index..<(firstQuarter.index + quarters) }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(name, "name", maxLength: 120)
        checks.text(description, "description", required: false, maxLength: 4000)
        checks.range(quarters, "quarters", 1...Self.maximumQuarters)
        let inHorizon = horizon
        for (index, cap) in budgetCaps.enumerated() {
            checks.require(inHorizon.contains(cap.quarter.index), "budgetCaps[\(index)].quarter", "\(cap.quarter) is outside the horizon")
            checks.require(cap.amount.isFinite && cap.amount >= 0, "budgetCaps[\(index)].amount", "must be a number of 0 or more")
        }
        checks.require(Set(budgetCaps.map(\.quarter)).count == budgetCaps.count, "budgetCaps", "each quarter at most once")
        for (index, change) in capacityChanges.enumerated() {
            checks.require(inHorizon.contains(change.quarter.index), "capacityChanges[\(index)].quarter", "\(change.quarter) is outside the horizon")
            checks.require(change.fte.isFinite && abs(change.fte) <= 100_000, "capacityChanges[\(index)].fte", "must be a number of FTE (negative removes)")
        }
        for (index, shift) in startShifts.enumerated() {
            checks.require(inHorizon.contains(shift.quarter.index), "startShifts[\(index)].quarter", "\(shift.quarter) is outside the horizon")
        }
        checks.require(Set(startShifts.map(\.initiativeID)).count == startShifts.count, "startShifts", "each initiative at most once")
        for (index, change) in weightChanges.enumerated() {
            checks.require(change.weight.isFinite && (0...1000).contains(change.weight), "weightChanges[\(index)].weight", "must be between 0 and 1000")
        }
        let both = Set(forcedIn).intersection(forcedOut)
        checks.require(both.isEmpty, "forcedOut", "an initiative cannot be forced both in and out (\(both.count) are)")
        checks.require(forcedIn.count + forcedOut.count <= 10_000, "forcedIn", "at most 10,000 forced initiatives")
        return checks.issues
    }
}
