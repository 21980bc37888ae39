import Foundation

/// What the portfolio optimiser is asked: which candidate initiatives to fund, and in which quarter
/// each starts, to earn the most value within a per-quarter budget and per-pool capacities.
///
/// Quarters are numbered `0 ..< quarters`. Amounts (money, units of capacity) are `Double` so FTE
/// fractions fit; with whole-number data every check is exact.
public struct OptimisationProblem: Hashable, Sendable, Codable {
    /// Planning horizon: every funded initiative must start and finish inside it.
    public var quarters: Int
    /// Spend allowed in each quarter (length `quarters`).
    public var budget: [Double]
    public var pools: [Pool]
    public var initiatives: [Candidate]

    public init(quarters: Int, budget: [Double], pools: [Pool], initiatives: [Candidate]) {
        self.quarters = quarters
        self.budget = budget
        self.pools = pools
        self.initiatives = initiatives
    }

    /// A resource pool (a team or skill) with its capacity in each quarter.
    public struct Pool: Hashable, Sendable, Codable {
        public var id: String
        public var name: String
        /// Units available in each quarter (length `quarters`).
        public var capacity: [Double]

        public init(id: String, name: String, capacity: [Double]) {
            self.id = id
            self.name = name
            self.capacity = capacity
        }
    }

    /// How much of one pool an initiative needs in each quarter of its run.
    public struct PoolDemand: Hashable, Sendable, Codable {
        public var poolID: String
        /// Units needed in each quarter of the run (length `duration`).
        public var perQuarter: [Double]

        public init(poolID: String, perQuarter: [Double]) {
            self.poolID = poolID
            self.perQuarter = perQuarter
        }
    }

    /// An initiative the optimiser may fund.
    public struct Candidate: Hashable, Sendable, Codable {
        public var id: String
        public var name: String
        /// Value earned if funded, whichever quarter it starts in.
        public var value: Double
        /// Quarters it runs.
        public var duration: Int
        public var earliestStart: Int
        public var latestStart: Int
        /// Spend in each quarter of its run (length `duration`).
        public var cost: [Double]
        public var demand: [PoolDemand]
        /// Must be funded.
        public var mandatory: Bool
        /// Must not be funded (a scenario's "forced out").
        public var excluded: Bool
        /// Work already running: funded, and its start cannot move.
        public var fixedStart: Int?
        /// Ids of initiatives that must be funded and finished before this one starts.
        public var predecessors: [String]

        public init(
            id: String, name: String, value: Double, duration: Int, earliestStart: Int, latestStart: Int,
            cost: [Double], demand: [PoolDemand], mandatory: Bool = false, excluded: Bool = false,
            fixedStart: Int? = nil, predecessors: [String] = []
        ) {
            self.id = id
            self.name = name
            self.value = value
            self.duration = duration
            self.earliestStart = earliestStart
            self.latestStart = latestStart
            self.cost = cost
            self.demand = demand
            self.mandatory = mandatory
            self.excluded = excluded
            self.fixedStart = fixedStart
            self.predecessors = predecessors
        }
    }

    /// Why a problem cannot be optimised as given.
    public enum Issue: Error, Hashable, Sendable, CustomStringConvertible {
        case nonPositiveHorizon
        case budgetLength(expected: Int, actual: Int)
        case duplicatePool(String)
        case capacityLength(poolID: String, expected: Int, actual: Int)
        case duplicateInitiative(String)
        case nonPositiveDuration(initiativeID: String)
        case costLength(initiativeID: String, expected: Int, actual: Int)
        case unknownPool(initiativeID: String, poolID: String)
        case demandLength(initiativeID: String, poolID: String, expected: Int, actual: Int)
        case unknownPredecessor(initiativeID: String, predecessorID: String)
        case dependencyCycle(initiativeIDs: [String])
        case negativeAmount(initiativeID: String)

        public var description: String {
            switch self {
                case .nonPositiveHorizon: "the horizon must have at least one quarter"
                case .budgetLength(let expected, let actual): "budget has \(actual) quarters, expected \(expected)"
                case .duplicatePool(let id): "pool \(id) appears twice"
                case .capacityLength(let pool, let expected, let actual):
                    "pool \(pool) has capacity for \(actual) quarters, expected \(expected)"
                case .duplicateInitiative(let id): "initiative \(id) appears twice"
                case .nonPositiveDuration(let id): "initiative \(id) must last at least one quarter"
                case .costLength(let id, let expected, let actual): "initiative \(id) has \(actual) cost entries, expected \(expected)"
                case .unknownPool(let id, let pool): "initiative \(id) uses unknown pool \(pool)"
                case .demandLength(let id, let pool, let expected, let actual):
                    "initiative \(id) has \(actual) demand entries for pool \(pool), expected \(expected)"
                case .unknownPredecessor(let id, let predecessor): "initiative \(id) waits on unknown initiative \(predecessor)"
                case .dependencyCycle(let ids): "dependency cycle through \(ids.joined(separator: ", "))"
                case .negativeAmount(let id): "initiative \(id) has a negative cost or demand"
            }
        }
    }

    /// Every structural problem, in a stable order; empty when the problem can be optimised.
    /// (An empty start window or an unfundable mandatory item is not an issue: the result reports it.)
    public func issues() -> [Issue] {
        var found: [Issue] = []
        if quarters < 1 { found.append(.nonPositiveHorizon) }
        if budget.count != quarters { found.append(.budgetLength(expected: quarters, actual: budget.count)) }
        var poolIDs: Set<String> = []
        for pool in pools {
            if !poolIDs.insert(pool.id).inserted { found.append(.duplicatePool(pool.id)) }
            if pool.capacity.count != quarters {
                found.append(.capacityLength(poolID: pool.id, expected: quarters, actual: pool.capacity.count))
            }
        }
        var initiativeIDs: Set<String> = []
        for candidate in initiatives where !initiativeIDs.insert(candidate.id).inserted {
            found.append(.duplicateInitiative(candidate.id))
        }
        for candidate in initiatives {
            guard candidate.duration >= 1 else {
                found.append(.nonPositiveDuration(initiativeID: candidate.id))
                continue
            }
            if candidate.cost.count != candidate.duration {
                found.append(.costLength(initiativeID: candidate.id, expected: candidate.duration, actual: candidate.cost.count))
            }
            for demand in candidate.demand {
                if !poolIDs.contains(demand.poolID) {
                    found.append(.unknownPool(initiativeID: candidate.id, poolID: demand.poolID))
                }
                if demand.perQuarter.count != candidate.duration {
                    found.append(.demandLength(
                        initiativeID: candidate.id, poolID: demand.poolID, expected: candidate.duration,
                        actual: demand.perQuarter.count))
                }
            }
            if candidate.cost.contains(where: { $0 < 0 }) || candidate.demand.contains(where: { $0.perQuarter.contains { $0 < 0 } }) {
                found.append(.negativeAmount(initiativeID: candidate.id))
            }
            for predecessor in candidate.predecessors where !initiativeIDs.contains(predecessor) {
                found.append(.unknownPredecessor(initiativeID: candidate.id, predecessorID: predecessor))
            }
        }
        if found.isEmpty, let cycle = dependencyCycle() {
            found.append(.dependencyCycle(initiativeIDs: cycle))
        }
        return found
    }

    /// The initiatives on some dependency cycle, in input order, or nil when the graph is acyclic.
    private func dependencyCycle() -> [String]? {
        var indexByID: [String: Int] = [:]
        for (index, candidate) in initiatives.enumerated() { indexByID[candidate.id] = index }
        var waitingOn = initiatives.map { Set($0.predecessors).count }
        var successors = Array(repeating: [Int](), count: initiatives.count)
        for (index, candidate) in initiatives.enumerated() {
            for predecessor in Set(candidate.predecessors) { successors[indexByID[predecessor]!].append(index) }
        }
        var ready = waitingOn.indices.filter { waitingOn[$0] == 0 }
        var done = 0
        while let next = ready.popLast() {
            done += 1
            for successor in successors[next] {
                waitingOn[successor] -= 1
                if waitingOn[successor] == 0 { ready.append(successor) }
            }
        }
        guard done < initiatives.count else { return nil }
        return initiatives.indices.filter { waitingOn[$0] > 0 }.map { initiatives[$0].id }
    }
}
