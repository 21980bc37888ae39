import Foundation

/// One constraint of the model: the budget of a quarter, or the capacity of a pool in a quarter.
public enum OptimisationConstraint: Hashable, Sendable, Codable, CustomStringConvertible {
    case budget(quarter: Int)
    case capacity(poolID: String, quarter: Int)

    public var description: String {
        switch self {
            case .budget(let quarter): "budget in q\(quarter)"
            case .capacity(let poolID, let quarter): "capacity of \(poolID) in q\(quarter)"
        }
    }
}

/// The optimiser's answer: the plan, its value, a proven upper bound on any plan's value, and the
/// explanations (shadow prices, why each initiative was left out).
public struct OptimisationResult: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable {
        /// The plan is proven best: its value meets the bound.
        case optimal
        /// A feasible plan, within `gap` of the best possible.
        case feasible
        /// No plan can satisfy the mandatory and fixed items (see `exclusions` for which and why).
        case infeasible
        /// The search stopped before finding a plan that funds every mandatory item.
        case unknown
    }

    /// Why the search stopped.
    public enum Stop: String, Hashable, Sendable, Codable {
        case completed, timeLimit, cancelled
    }

    /// A funded initiative and the quarter it starts in.
    public struct Selection: Hashable, Sendable, Codable {
        public var id: String
        public var start: Int
    }

    /// The value one more unit of a constraint's capacity would unlock, according to the multipliers
    /// of the Lagrangian bound (a marginal rate: it holds for small changes).
    public struct ShadowPrice: Hashable, Sendable, Codable {
        public var constraint: OptimisationConstraint
        /// Value per unit: per unit of money for a budget, per unit (FTE) for a pool.
        public var valuePerUnit: Double
        public var capacity: Double
        /// How much of it the plan uses.
        public var used: Double
    }

    /// A constraint an initiative would break, and by how much, at the start that breaks the least.
    public struct Shortfall: Hashable, Sendable, Codable {
        public var constraint: OptimisationConstraint
        public var amount: Double
    }

    /// Why an initiative is not in the plan.
    public enum ExclusionReason: Hashable, Sendable, Codable {
        /// Forced out by the request.
        case excluded
        /// No quarter in the horizon satisfies its earliest and latest start.
        case noStartInWindow
        /// Alone it needs more than a constraint holds, whichever quarter it starts in.
        case largerThanCapacity([Shortfall])
        /// A predecessor is not funded (or cannot be).
        case predecessorNotFunded(predecessorID: String)
        /// A predecessor cannot finish before this one's latest start.
        case predecessorFinishesTooLate(predecessorID: String)
        /// It would break these constraints given the rest of the plan (at its least-blocked start).
        case constraintsBind([Shortfall])
        /// It fits, but adds no value.
        case noValue
        /// The search stopped before considering it again (only when cut short).
        case notReached
    }

    public struct Exclusion: Hashable, Sendable, Codable {
        public var id: String
        public var reason: ExclusionReason
    }

    public var status: Status
    public var stop: Stop
    /// Funded initiatives with their starts, in the problem's order.
    public var selection: [Selection]
    public var value: Double
    /// No plan is worth more than this (proven by the Lagrangian relaxation or by exhaustive search).
    public var bound: Double
    /// `(bound - value) / max(1, |value|)`.
    public var gap: Double
    /// Constraints with a positive multiplier, budget quarters first, then pools in the problem's order.
    public var shadowPrices: [ShadowPrice]
    /// Every initiative not funded, in the problem's order.
    public var exclusions: [Exclusion]
    public var dualIterations: Int
    public var localSearchIterations: Int
    public var exactSearchNodes: Int
    /// Wall-clock seconds; the only part of a result that differs between identical runs.
    public var seconds: Double
}

extension OptimisationResult.Shortfall: CustomStringConvertible {
    public var description: String { "\(constraint) short by \(OptimisationResult.formatted(amount))" }
}

extension OptimisationResult.ExclusionReason: CustomStringConvertible {
    public var description: String {
        switch self {
            case .excluded: "excluded by request"
            case .noStartInWindow: "no start quarter fits its window and the horizon"
            case .largerThanCapacity(let shortfalls):
                "too large even alone: \(shortfalls.map(\.description).joined(separator: ", "))"
            case .predecessorNotFunded(let id): "waits on \(id), which is not funded"
            case .predecessorFinishesTooLate(let id): "waits on \(id), which cannot finish before this one's latest start"
            case .constraintsBind(let shortfalls): shortfalls.map(\.description).joined(separator: ", ")
            case .noValue: "adds no value"
            case .notReached: "not reached before the search stopped"
        }
    }
}

extension OptimisationResult {
    /// Whole numbers without a decimal point, others to two decimals.
    public static func formatted(_ amount: Double) -> String {
        amount == amount.rounded() && abs(amount) < 1e15 ? String(Int64(amount)) : String(format: "%.2f", amount)
    }
}
