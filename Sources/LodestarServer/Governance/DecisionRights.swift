import Fluent
import LodestarCore
import Vapor

/// Routing decisions to their makers, and holding everybody else off their outcome.
enum DecisionRights {
    /// Only the decision's maker, or an admin, may record its outcome. An unrouted decision may be
    /// decided by the PMO or an executive. The maker is the one the decision had before the change,
    /// so nobody can name themselves and decide in the same write.
    static func authoriseOutcome(previous: Decision?, next: Decision, by caller: Caller) throws {
        guard next.status == .decided else { return }
        if let previous, previous.status == .decided, previous.outcome == next.outcome, previous.decidedOn == next.decidedOn,
           previous.rationale == next.rationale {
            return
        }
        if caller.role == .admin || caller.credential == .commandLine { return }
        let maker = previous?.decisionMakerID ?? next.decisionMakerID
        if let maker {
            guard maker == caller.userID else {
                throw Problem.forbidden("Only the decision's maker (by the decision rights) or an admin may record its outcome.")
            }
        } else {
            try caller.require([.pmo, .executive], to: "record the outcome of an unrouted decision")
        }
    }

    /// The route for a decision of `type` about `initiativeID` (its current tier) for `amount`.
    static func route(
        type: DecisionType, initiativeID: UUID?, amount: Double?, on database: any Database
    ) async throws -> DecisionRouting.Route? {
        let rights = try await DecisionRightModel.query(on: database).all().map(\.record)
        var tier: GovernanceTier?
        if let initiativeID, let initiative = try await InitiativeModel.find(initiativeID, on: database) { tier = .stored(initiative.tier) }
        return DecisionRouting.route(type: type, tier: tier, amount: amount, rights: rights)
    }
}
