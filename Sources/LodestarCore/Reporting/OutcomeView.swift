import Foundation

/// Outputs beside outcomes (Q5): per initiative, how its milestones were delivered against how far
/// its benefits moved, so work delivered on time that changed nothing is visible.
public struct OutcomeRow: Sendable, Equatable, Codable {
    public var initiativeID: UUID
    public var code: String
    public var name: String
    public var status: InitiativeStatus
    public var milestonesReached: Int
    public var milestonesOnTime: Int
    public var milestones: Int
    public var benefits: Int
    /// Mean realisation of its measured benefits; nil when none is measured.
    public var realisation: Double?
    /// Delivered (completed) yet no benefit moved a tenth of the way to target, or none defined.
    public var deliveredWithoutOutcome: Bool
}

public enum OutcomeView {
    /// Realisation below which a benefit counts as not moved.
    public static let movedThreshold = 0.1

    public static func rows(_ snapshot: PortfolioSnapshot, index: PortfolioIndex) -> [OutcomeRow] {
        snapshot.initiatives.filter { $0.status != .cancelled && $0.status != .proposed }.map { initiative in
            let milestones = index.milestones[initiative.id] ?? []
            let reached = milestones.filter(\.isReached)
            let onTime = reached.filter { ($0.slippageInDays ?? 0) <= 0 }
            let benefits = index.benefitsByInitiative[initiative.id] ?? []
            let measured = benefits.compactMap(\.realisation)
            let realisation = measured.isEmpty ? nil : measured.reduce(0, +) / Double(measured.count)
            let moved = measured.contains { $0 >= movedThreshold }
            return OutcomeRow(
                initiativeID: initiative.id, code: initiative.code, name: initiative.name, status: initiative.status,
                milestonesReached: reached.count, milestonesOnTime: onTime.count, milestones: milestones.count,
                benefits: benefits.count, realisation: realisation,
                deliveredWithoutOutcome: initiative.status == .completed && !moved)
        }.sorted { $0.code < $1.code }
    }

    public static func deliveredWithoutOutcome(_ snapshot: PortfolioSnapshot, index: PortfolioIndex) -> [OutcomeRow] {
        rows(snapshot, index: index).filter(\.deliveredWithoutOutcome)
    }
}
