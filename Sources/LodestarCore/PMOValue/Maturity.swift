import Foundation

/// A rating of one maturity dimension, with the evidence for it.
public struct MaturityRating: Codable, Sendable, Equatable {
    public var dimension: MaturityDimension
    /// 1 (initial) … 5 (optimising)
    public var level: Int
    public var evidence: String

    public init(dimension: MaturityDimension, level: Int, evidence: String = "") {
        self.dimension = dimension
        self.level = level
        self.evidence = evidence
    }
}

/// A benchmark value for one dimension, from a source the PMO names.
public struct MaturityBenchmark: Codable, Sendable, Equatable {
    public var dimension: MaturityDimension
    public var level: Double

    public init(dimension: MaturityDimension, level: Double) {
        self.dimension = dimension
        self.level = level
    }
}

/// A maturity self-assessment on one day, optionally beside a named benchmark.
public struct MaturityAssessment: EntityFields {
    public var assessedOn: Day
    public var summary: String
    public var ratings: [MaturityRating]
    /// Where the benchmark comes from, e.g. "Peers in financial services, 2026 PMO survey".
    public var benchmarkSource: String
    public var benchmark: [MaturityBenchmark]

    public init(assessedOn: Day, summary: String = "", ratings: [MaturityRating], benchmarkSource: String = "", benchmark: [MaturityBenchmark] = []) {
        self.assessedOn = assessedOn
        self.summary = summary
        self.ratings = ratings
        self.benchmarkSource = benchmarkSource
        self.benchmark = benchmark
    }

    public func level(of dimension: MaturityDimension) -> Int? { ratings.first { $0.dimension == dimension }?.level }

    public func benchmarkLevel(of dimension: MaturityDimension) -> Double? { benchmark.first { $0.dimension == dimension }?.level }

    /// Mean level over the rated dimensions.
    public var averageLevel: Double? {
        ratings.isEmpty ? nil : Double(ratings.reduce(0) { $0 + $1.level }) / Double(ratings.count)
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(summary, "summary", required: false, maxLength: 4000)
        checks.require(!ratings.isEmpty, "ratings", "rate at least one dimension")
        checks.require(Set(ratings.map(\.dimension)).count == ratings.count, "ratings", "must not rate a dimension twice")
        for (index, rating) in ratings.enumerated() {
            checks.range(rating.level, "ratings[\(index)].level", 1...5)
            checks.text(rating.evidence, "ratings[\(index)].evidence", required: false, maxLength: 4000)
        }
        checks.require(Set(benchmark.map(\.dimension)).count == benchmark.count, "benchmark", "must not give a dimension twice")
        for (index, value) in benchmark.enumerated() { checks.range(value.level, "benchmark[\(index)].level", 1...5) }
        checks.text(benchmarkSource, "benchmarkSource", required: !benchmark.isEmpty, maxLength: 300)
        return checks.issues
    }
}

/// What each level of each dimension looks like, so a self-assessment is a comparison, not a guess.
public enum MaturityModel {
    public static let levelNames = ["Initial", "Repeatable", "Defined", "Managed", "Optimising"]

    public static func description(of dimension: MaturityDimension, level: Int) -> String {
        let texts: [String]
        switch dimension {
            case .strategyAlignment:
                texts = ["Work is chosen without reference to strategy.",
                         "Some initiatives name the objective they serve.",
                         "Every initiative is aligned to weighted objectives before approval.",
                         "Investment is balanced against objective weights and reviewed each quarter.",
                         "The portfolio is re-optimised against strategy as priorities change."]
            case .governance:
                texts = ["Decisions are made ad hoc; nobody knows who decides.",
                         "Gates exist for large projects, applied unevenly.",
                         "Tiered gates with defined evidence and decision rights for all work.",
                         "Decision latency is measured and escalations meet their targets.",
                         "Governance adapts to risk; light work flows, big bets get scrutiny."]
            case .portfolioManagement:
                texts = ["No single list of the work under way.",
                         "A list exists, maintained by hand.",
                         "One portfolio with status, scoring and dependencies.",
                         "Prioritisation and capacity are managed together each cycle.",
                         "Scenarios and optimisation guide every funding decision."]
            case .resourceManagement:
                texts = ["Capacity is unknown until people are overloaded.",
                         "Key people are tracked in spreadsheets.",
                         "Demand and capacity are planned per pool and period.",
                         "Constraints are known and shape what starts when.",
                         "Capacity is shifted ahead of demand using forecasts."]
            case .benefitsManagement:
                texts = ["Benefits are claimed, never measured.",
                         "Business cases name benefits.",
                         "Benefits have baselines, targets and owners before delivery.",
                         "Benefits are measured after delivery and reported against plan.",
                         "Realised benefits feed back into what gets funded."]
            case .reportingAndInsight:
                texts = ["Reports are assembled by hand and late.",
                         "Standard templates, collected regularly.",
                         "Reports are generated from the portfolio's data.",
                         "Reports lead with insights and the decisions they need.",
                         "Leaders self-serve answers; forecasts anticipate issues."]
            case .peopleAndCapability:
                texts = ["Project skills depend on individuals.",
                         "Some training; roles are informal.",
                         "Defined roles, career paths and a community of practice.",
                         "Capability is assessed and developed against need.",
                         "The PMO develops leaders the organisation seeks out."]
        }
        return texts[min(max(level, 1), 5) - 1]
    }
}
