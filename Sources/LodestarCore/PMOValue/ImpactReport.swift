import Foundation

/// The PMO's annual impact report for a date range, built from the data and nothing else: the same
/// records always give the same figures and the same narrative.
public struct ImpactReport: Sendable, Equatable, Codable {
    public struct Inputs: Sendable {
        public var portfolio: KPIPortfolio
        public var improvements: [Record<ImprovementItem>]
        public var kpis: [Record<PMOKPI>]
        public var kpiMeasurements: [KPIMeasurement]
        /// Every wave with its overall scores, any order.
        public var waves: [(wave: Record<SurveyWave>, scores: PerceptionScores)]
        public var assessments: [Record<MaturityAssessment>]

        public init(
            portfolio: KPIPortfolio, improvements: [Record<ImprovementItem>] = [], kpis: [Record<PMOKPI>] = [],
            kpiMeasurements: [KPIMeasurement] = [], waves: [(wave: Record<SurveyWave>, scores: PerceptionScores)] = [],
            assessments: [Record<MaturityAssessment>] = []
        ) {
            self.portfolio = portfolio
            self.improvements = improvements
            self.kpis = kpis
            self.kpiMeasurements = kpiMeasurements
            self.waves = waves
            self.assessments = assessments
        }
    }

    public struct Delivered: Sendable, Equatable, Codable {
        public var code: String
        public var name: String
        public var finishedOn: Day
        public var budget: Double
    }

    public struct BenefitResult: Sendable, Equatable, Codable {
        public var name: String
        public var unit: String
        public var baseline: Double
        public var target: Double
        public var latest: Double
        /// Share of the way from baseline to target, 0…1 (or beyond).
        public var realisation: Double
    }

    public struct Improvement: Sendable, Equatable, Codable {
        public var title: String
        public var metric: String
        public var before: Double
        public var after: Double
        public var completedOn: Day
        public var isWin: Bool
    }

    public struct KPILine: Sendable, Equatable, Codable {
        public var name: String
        public var unit: String
        public var target: Double
        public var direction: KPIDirection
        public var first: Double?
        public var latest: Double?
        public var meetsTarget: Bool?
        public var improving: Bool?
    }

    public struct WaveLine: Sendable, Equatable, Codable {
        public var name: String
        public var closesOn: Day
        public var responses: Int
        public var nps: Double?
        public var satisfaction: Double?
    }

    public struct MaturityLine: Sendable, Equatable, Codable {
        public var dimension: MaturityDimension
        public var from: Int?
        public var to: Int?
        public var benchmark: Double?
    }

    public var from: Day
    public var to: Day
    // achievements
    public var delivered: [Delivered]
    public var investmentDelivered: Double
    public var benefits: [BenefitResult]
    public var benefitsAtTarget: Int
    // challenges overcome
    public var escalationsResolved: Int
    public var escalationsDue: Int
    public var risksRetired: Int
    public var decisionsMade: Int
    public var decisionsOnTime: Int
    public var decisionLatency: Double?
    public var previousDecisionLatency: Double?
    // improvements
    public var improvements: [Improvement]
    // trends
    public var kpis: [KPILine]
    public var perception: [WaveLine]
    public var maturityFrom: Day?
    public var maturityTo: Day?
    public var maturity: [MaturityLine]
    public var benchmarkSource: String?

    public var narrative: [String]

    /// How many benefits the report's table shows (the furthest realised); the figures count them all.
    public static let benefitsShown = 10

    public static func build(_ inputs: Inputs, from: Day, to: Day) -> ImpactReport {
        let range = from...to
        let portfolio = inputs.portfolio

        // Delivered: completed initiatives whose last milestone (else planned finish) falls in the range.
        let milestonesByInitiative = Dictionary(grouping: portfolio.milestones, by: \.initiativeID)
        let delivered = portfolio.initiatives.compactMap { initiative -> Delivered? in
            guard initiative.status == .completed else { return nil }
            let finished = (milestonesByInitiative[initiative.id] ?? []).compactMap(\.actualDate).max() ?? initiative.plannedFinish
            guard let finished, range.contains(finished) else { return nil }
            return Delivered(code: initiative.code, name: initiative.name, finishedOn: finished, budget: initiative.totalBudget)
        }.sorted { ($0.finishedOn, $0.code) < ($1.finishedOn, $1.code) }

        // Benefits measured in the range: where the latest reading stands between baseline and target.
        let readings = Dictionary(grouping: portfolio.measurements.filter { range.contains($0.measuredOn) }, by: \.benefitID)
        let benefits = portfolio.benefits.compactMap { benefit -> BenefitResult? in
            guard let latest = readings[benefit.id]?.max(by: { $0.measuredOn < $1.measuredOn }),
                  let realisation = benefit.fields.realisation(of: latest.value) else { return nil }
            return BenefitResult(name: benefit.name, unit: benefit.unit, baseline: benefit.baseline, target: benefit.target,
                                 latest: latest.value, realisation: realisation)
        }.sorted { ($0.realisation, $0.name) > ($1.realisation, $1.name) }

        // Challenges: escalations and risks whose due date fell in the range (RAID items record no
        // closing date), counted as the KPI counts them, and the decisions made in it.
        let escalations = PortfolioKPIs.escalations(portfolio, dueIn: range)
        let retired = portfolio.raidItems.filter { $0.kind == .risk && $0.status == .closed && $0.dueDate.map(range.contains) == true }
        let decided = portfolio.decisions.filter { $0.status == .decided && $0.decidedOn.map(range.contains) == true }
        let onTime = decided.filter { decision in decision.neededBy.map { decision.decidedOn! <= $0 } ?? true }
        let length = from.days(until: to) + 1
        let previousRange = from.adding(days: -length)...from.adding(days: -1)
        let previous = portfolio.decisions.filter { $0.status == .decided && $0.decidedOn.map(previousRange.contains) == true }

        let improvements = inputs.improvements.compactMap { item -> Improvement? in
            guard item.status == .done, let completed = item.completedOn, range.contains(completed),
                  let before = item.before, let after = item.after else { return nil }
            return Improvement(title: item.title, metric: item.metric, before: before, after: after, completedOn: completed, isWin: item.fields.isWin)
        }.sorted { ($0.completedOn, $0.title) < ($1.completedOn, $1.title) }

        let measurementsByKPI = Dictionary(grouping: inputs.kpiMeasurements, by: \.kpiID)
        let kpis = inputs.kpis.sorted { $0.name < $1.name }.map { kpi -> KPILine in
            let trend = KPITrend(kpi: kpi.fields, measurements: measurementsByKPI[kpi.id] ?? [], in: range)
            return KPILine(name: kpi.name, unit: kpi.unit, target: kpi.target, direction: kpi.direction, first: trend.first?.value,
                           latest: trend.latest?.value, meetsTarget: trend.meetsTarget, improving: trend.improving)
        }

        let perception = inputs.waves.filter { range.contains($0.wave.closesOn) }
            .sorted { $0.wave.closesOn < $1.wave.closesOn }
            .map { WaveLine(name: $0.wave.name, closesOn: $0.wave.closesOn, responses: $0.scores.responses, nps: $0.scores.nps,
                            satisfaction: $0.scores.satisfaction) }

        // Maturity: the last assessment on or before the range's start (else the first in it) against the last in it.
        let assessments = inputs.assessments.filter { $0.assessedOn <= to }.sorted { $0.assessedOn < $1.assessedOn }
        let start = assessments.last { $0.assessedOn <= from } ?? assessments.first { range.contains($0.assessedOn) }
        let end = assessments.last { range.contains($0.assessedOn) }
        var maturity: [MaturityLine] = []
        if let end {
            maturity = MaturityDimension.allCases.map { dimension in
                MaturityLine(dimension: dimension, from: start?.id == end.id ? nil : start?.fields.level(of: dimension),
                             to: end.fields.level(of: dimension), benchmark: end.fields.benchmarkLevel(of: dimension))
            }
        }

        var report = ImpactReport(
            from: from, to: to, delivered: delivered, investmentDelivered: delivered.reduce(0) { $0 + $1.budget },
            benefits: benefits, benefitsAtTarget: benefits.filter { $0.realisation >= 1 }.count,
            escalationsResolved: escalations.resolved, escalationsDue: escalations.due,
            risksRetired: retired.count, decisionsMade: decided.count, decisionsOnTime: onTime.count,
            decisionLatency: mean(decided.compactMap(\.latencyInDays)), previousDecisionLatency: mean(previous.compactMap(\.latencyInDays)),
            improvements: improvements, kpis: kpis, perception: perception,
            maturityFrom: start?.id == end?.id ? nil : start?.assessedOn, maturityTo: end?.assessedOn, maturity: maturity,
            benchmarkSource: end.flatMap { $0.benchmarkSource.isEmpty ? nil : $0.benchmarkSource }, narrative: [])
        report.narrative = ImpactNarrative.write(report)
        return report
    }

    static func mean(_ values: [Int]) -> Double? {
        values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
    }

    /// The average maturity level at the start and at the end, over the dimensions rated at both.
    public var maturityAverages: (from: Double, to: Double)? {
        let paired = maturity.compactMap { line -> (Int, Int)? in
            guard let from = line.from, let to = line.to else { return nil }
            return (from, to)
        }
        guard !paired.isEmpty else { return nil }
        let count = Double(paired.count)
        return (Double(paired.reduce(0) { $0 + $1.0 }) / count, Double(paired.reduce(0) { $0 + $1.1 }) / count)
    }
}
