import Foundation

/// A role or team whose people are the scarce resource the portfolio shares.
public struct ResourcePool: EntityFields {
    public var name: String
    public var kind: PoolKind
    public var description: String
    /// Cost of one FTE for one quarter.
    public var costRate: Double

    public init(name: String, kind: PoolKind = .team, description: String = "", costRate: Double = 0) {
        self.name = name
        self.kind = kind
        self.description = description
        self.costRate = costRate
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(name, "name", maxLength: 120)
        checks.text(description, "description", required: false, maxLength: 4000)
        checks.nonNegative(costRate, "costRate")
        return checks.issues
    }
}

/// The FTE a pool can give in one quarter.
public struct PoolCapacity: EntityFields {
    public var poolID: UUID
    public var period: Quarter
    public var fte: Double

    public init(poolID: UUID, period: Quarter, fte: Double) {
        self.poolID = poolID
        self.period = period
        self.fte = fte
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.range(fte, "fte", 0...100_000)
        return checks.issues
    }
}

/// The FTE an initiative needs from a pool in one quarter.
public struct Demand: EntityFields {
    public var initiativeID: UUID
    public var poolID: UUID
    public var period: Quarter
    public var fte: Double

    public init(initiativeID: UUID, poolID: UUID, period: Quarter, fte: Double) {
        self.initiativeID = initiativeID
        self.poolID = poolID
        self.period = period
        self.fte = fte
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.range(fte, "fte", 0...100_000)
        return checks.issues
    }
}
