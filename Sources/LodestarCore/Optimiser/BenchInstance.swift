import Foundation

/// An instance in the shared benchmark format (`bench/optimizer`, `schema_version: 1`): integer
/// money and units, demand as a map from pool id to the per-quarter profile.
public struct BenchInstance: Hashable, Sendable, Codable {
    public var schemaVersion: Int
    public var name: String
    public var quarters: Int
    public var budget: [Double]
    public var pools: [Pool]
    public var initiatives: [Initiative]

    public struct Pool: Hashable, Sendable, Codable {
        public var id: String
        public var name: String?
        public var capacity: [Double]
    }

    public struct Initiative: Hashable, Sendable, Codable {
        public var id: String
        public var name: String?
        public var value: Double
        public var duration: Int
        public var earliestStart: Int?
        public var latestStart: Int?
        public var cost: [Double]
        public var demand: [String: [Double]]
        public var mandatory: Bool?
        public var after: [String]?
        /// Extensions of the shared format for scenarios; absent from generated instances.
        public var excluded: Bool?
        public var fixedStart: Int?

        enum CodingKeys: String, CodingKey {
            case id, name, value, duration, cost, demand, mandatory, after, excluded
            case earliestStart = "earliest_start", latestStart = "latest_start", fixedStart = "fixed_start"
        }
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", name, quarters, budget, pools, initiatives
    }

    public static func decode(from data: Data) throws -> BenchInstance {
        try JSONDecoder().decode(BenchInstance.self, from: data)
    }

    /// The optimiser's problem. Pools an initiative uses are listed in pool-id order, so the
    /// problem does not depend on the order a JSON object's keys were read in.
    public var problem: OptimisationProblem {
        OptimisationProblem(
            quarters: quarters, budget: budget,
            pools: pools.map { .init(id: $0.id, name: $0.name ?? $0.id, capacity: $0.capacity) },
            initiatives: initiatives.map { initiative in
                OptimisationProblem.Candidate(
                    id: initiative.id, name: initiative.name ?? initiative.id, value: initiative.value,
                    duration: initiative.duration, earliestStart: initiative.earliestStart ?? 0,
                    latestStart: initiative.latestStart ?? (quarters - initiative.duration), cost: initiative.cost,
                    demand: initiative.demand.keys.sorted().map { .init(poolID: $0, perQuarter: initiative.demand[$0]!) },
                    mandatory: initiative.mandatory ?? false, excluded: initiative.excluded ?? false,
                    fixedStart: initiative.fixedStart, predecessors: initiative.after ?? [])
            })
    }
}

/// A solution in the shared benchmark format, which `validate.py` checks, with the optimiser's
/// explanations added (the validator ignores fields it does not know).
public struct BenchSolution: Hashable, Sendable, Codable {
    public var solver: String
    public var instance: String
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    public var seconds: Double
    public var status: String
    public var timeLimit: Double
    public var selection: [OptimisationResult.Selection]
    public var stoppedBy: String
    public var dualIterations: Int
    public var localSearchMoves: Int
    public var exactSearchNodes: Int
    public var shadowPrices: [Price]
    public var exclusions: [Excluded]

    public struct Price: Hashable, Sendable, Codable {
        public var constraint: String
        public var valuePerUnit: Double
        public var capacity: Double
        public var used: Double

        enum CodingKeys: String, CodingKey {
            case constraint, capacity, used, valuePerUnit = "value_per_unit"
        }
    }

    public struct Excluded: Hashable, Sendable, Codable {
        public var id: String
        public var reason: String
    }

    enum CodingKeys: String, CodingKey {
        case solver, instance, objective, bound, gap, seconds, status, selection, exclusions
        case timeLimit = "time_limit", stoppedBy = "stopped_by", dualIterations = "dual_iterations"
        case localSearchMoves = "local_search_moves", exactSearchNodes = "exact_search_nodes"
        case shadowPrices = "shadow_prices"
    }

    public init(result: OptimisationResult, instance: String, solver: String, timeLimit: Double) {
        let found = result.status == .optimal || result.status == .feasible
        self.solver = solver
        self.instance = instance
        objective = found ? result.value : nil
        bound = result.status == .infeasible ? nil : result.bound
        gap = found ? result.gap : nil
        seconds = (result.seconds * 1000).rounded() / 1000
        status = result.status.rawValue
        self.timeLimit = timeLimit
        selection = found ? result.selection : []
        stoppedBy = result.stop.rawValue
        dualIterations = result.dualIterations
        localSearchMoves = result.localSearchIterations
        exactSearchNodes = result.exactSearchNodes
        // Dearest first: the answer to "where are our biggest resource constraints?".
        shadowPrices = result.shadowPrices
            .map { Price(constraint: $0.constraint.description, valuePerUnit: $0.valuePerUnit, capacity: $0.capacity, used: $0.used) }
            .sorted { $0.valuePerUnit != $1.valuePerUnit ? $0.valuePerUnit > $1.valuePerUnit : $0.constraint < $1.constraint }
        exclusions = result.exclusions.map { .init(id: $0.id, reason: $0.reason.description) }
    }

    /// Pretty, key-sorted JSON, so two runs can be compared with diff.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
