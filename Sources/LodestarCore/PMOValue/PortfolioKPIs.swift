import Foundation

/// The portfolio records the computed PMO KPIs read, as plain values.
public struct KPIPortfolio: Sendable {
    public var initiatives: [Record<Initiative>]
    public var alignments: [Alignment]
    public var milestones: [Record<Milestone>]
    public var forecastChanges: [ForecastChange]
    public var statusUpdates: [StatusUpdate]
    public var raidItems: [RAIDItem]
    public var decisions: [Decision]
    public var benefits: [Record<Benefit>]
    public var measurements: [BenefitMeasurement]

    public init(
        initiatives: [Record<Initiative>] = [], alignments: [Alignment] = [], milestones: [Record<Milestone>] = [],
        forecastChanges: [ForecastChange] = [], statusUpdates: [StatusUpdate] = [], raidItems: [RAIDItem] = [],
        decisions: [Decision] = [], benefits: [Record<Benefit>] = [], measurements: [BenefitMeasurement] = []
    ) {
        self.initiatives = initiatives
        self.alignments = alignments
        self.milestones = milestones
        self.forecastChanges = forecastChanges
        self.statusUpdates = statusUpdates
        self.raidItems = raidItems
        self.decisions = decisions
        self.benefits = benefits
        self.measurements = measurements
    }
}

/// One computed KPI value with what it was computed from, so the number explains itself.
public struct KPIReading: Sendable, Equatable {
    public var value: Double
    /// How many records the value stands on.
    public var basis: Int
    public var explanation: String
}

/// The PMO's own KPIs computed from the portfolio as of a day, each over a trailing window.
///
/// Where the portfolio does not record a fact exactly, the rule approximates it and says so:
/// - initiatives and alignments carry no history, so "investment in flight" on a past day is the
///   initiatives whose planned dates span that day, aligned by today's links;
/// - status updates carry no submission time, so a period counts as "on time" when its update exists
///   (counted from the first period anyone reported in Lodestar);
/// - RAID items carry no closing date, so an escalation counts as resolved within target when it is
///   closed and its due date (the target) fell in the window; escalation decisions count when decided
///   by their needed-by date.
public enum PortfolioKPIs {
    /// Days each windowed KPI looks back from its as-of day.
    public static let windowDays = 90
    /// How far ahead a forecast is judged: the forecast standing this many days before the actual date.
    public static let forecastLeadDays = 30
    /// A forecast within this many days of the actual date counts as accurate.
    public static let forecastToleranceDays = 7

    public static func compute(_ source: KPISource, from portfolio: KPIPortfolio, asOf: Day) -> KPIReading? {
        switch source {
            case .manual: nil
            case .decisionLatency: decisionLatency(portfolio, asOf: asOf)
            case .alignedInvestmentShare: alignedInvestmentShare(portfolio, asOf: asOf)
            case .milestoneOnTimeRate: milestoneOnTimeRate(portfolio, asOf: asOf)
            case .forecastAccuracy: forecastAccuracy(portfolio, asOf: asOf)
            case .benefitsRealised: benefitsRealised(portfolio, asOf: asOf)
            case .statusOnTime: statusOnTime(portfolio, asOf: asOf)
            case .escalationsResolvedInTarget: escalationsResolvedInTarget(portfolio, asOf: asOf)
        }
    }

    /// The trailing window ending on `asOf`, both ends included.
    public static func window(endingOn asOf: Day) -> ClosedRange<Day> { asOf.adding(days: -(windowDays - 1))...asOf }

    /// Mean days from request to decision of the decisions made in the window.
    static func decisionLatency(_ portfolio: KPIPortfolio, asOf: Day) -> KPIReading? {
        let window = window(endingOn: asOf)
        let latencies = portfolio.decisions.compactMap { decision -> Int? in
            guard decision.status == .decided, let decided = decision.decidedOn, window.contains(decided) else { return nil }
            return decision.latencyInDays
        }
        guard !latencies.isEmpty else { return nil }
        let mean = Double(latencies.reduce(0, +)) / Double(latencies.count)
        return KPIReading(
            value: mean, basis: latencies.count,
            explanation: "Mean days from request to decision of the \(latencies.count) decision(s) made \(describe(window)).")
    }

    /// Share (%) of the budget of work in flight on `asOf` that serves at least one objective.
    static func alignedInvestmentShare(_ portfolio: KPIPortfolio, asOf: Day) -> KPIReading? {
        let aligned = Set(portfolio.alignments.filter { $0.contribution > 0 }.map(\.initiativeID))
        let inFlight = portfolio.initiatives.filter { isInFlight($0.fields, on: asOf) && $0.totalBudget > 0 }
        let total = inFlight.reduce(0) { $0 + $1.totalBudget }
        guard total > 0 else { return nil }
        let alignedBudget = inFlight.filter { aligned.contains($0.id) }.reduce(0) { $0 + $1.totalBudget }
        return KPIReading(
            value: alignedBudget / total * 100, basis: inFlight.count,
            explanation: "Budget of aligned initiatives over the budget of the \(inFlight.count) initiative(s) in flight on \(asOf).")
    }

    /// Share (%) of the milestones reached in the window that were reached by their baseline date.
    static func milestoneOnTimeRate(_ portfolio: KPIPortfolio, asOf: Day) -> KPIReading? {
        let window = window(endingOn: asOf)
        let reached = portfolio.milestones.filter { milestone in
            guard let actual = milestone.actualDate, milestone.baselineDate != nil else { return false }
            return window.contains(actual)
        }
        guard !reached.isEmpty else { return nil }
        let onTime = reached.filter { $0.actualDate! <= $0.baselineDate! }.count
        return KPIReading(
            value: percent(onTime, of: reached.count), basis: reached.count,
            explanation: "\(onTime) of \(reached.count) milestone(s) reached \(describe(window)) were reached by their baseline date.")
    }

    /// Share (%) of the milestones reached in the window whose forecast, `forecastLeadDays` before
    /// the actual date, was within `forecastToleranceDays` of it.
    static func forecastAccuracy(_ portfolio: KPIPortfolio, asOf: Day) -> KPIReading? {
        let window = window(endingOn: asOf)
        let history = Dictionary(grouping: portfolio.forecastChanges, by: \.milestoneID)
        var judged = 0, accurate = 0
        for milestone in portfolio.milestones {
            guard let actual = milestone.actualDate, window.contains(actual) else { continue }
            let judgedOn = actual.adding(days: -forecastLeadDays)
            // The forecast that stood on the judging day: the last move made by then, else the baseline.
            let standing = (history[milestone.id] ?? []).filter { $0.changedOn <= judgedOn }.max { $0.changedOn < $1.changedOn }?.newDate
                ?? milestone.baselineDate
            guard let forecast = standing else { continue }
            judged += 1
            if abs(forecast.days(until: actual)) <= forecastToleranceDays { accurate += 1 }
        }
        guard judged > 0 else { return nil }
        return KPIReading(
            value: percent(accurate, of: judged), basis: judged,
            explanation: "\(accurate) of \(judged) milestone(s) reached \(describe(window)) had a forecast within \(forecastToleranceDays) days of the actual date \(forecastLeadDays) days before it.")
    }

    /// Benefit realised as a share (%) of the benefit planned by `asOf`: for each benefit with a
    /// target date and readings, how far it has come from baseline to target against how far a
    /// straight line from its first reading to its target date says it should be.
    static func benefitsRealised(_ portfolio: KPIPortfolio, asOf: Day) -> KPIReading? {
        let readings = Dictionary(grouping: portfolio.measurements.filter { $0.measuredOn <= asOf }, by: \.benefitID)
        var planned = 0.0, realised = 0.0, counted = 0
        for benefit in portfolio.benefits {
            guard let targetDate = benefit.targetDate, let series = readings[benefit.id], series.count >= 2 else { continue }
            let ordered = series.sorted { $0.measuredOn < $1.measuredOn }
            let start = ordered.first!.measuredOn, latest = ordered.last!
            let span = start.days(until: targetDate)
            guard span > 0 else { continue }
            let plannedShare = min(1, max(0, Double(start.days(until: asOf)) / Double(span)))
            guard plannedShare > 0, let achieved = benefit.fields.realisation(of: latest.value) else { continue }
            planned += plannedShare
            // A benefit cannot make up for another by overshooting without bound.
            realised += min(1.5, max(-1, achieved))
            counted += 1
        }
        guard counted > 0, planned > 0 else { return nil }
        return KPIReading(
            value: realised / planned * 100, basis: counted,
            explanation: "Progress from baseline to target of \(counted) benefit(s) as a share of the progress planned by \(asOf).")
    }

    /// Share (%) of the reporting periods that ended in the window for which each initiative in
    /// flight submitted its status update.
    static func statusOnTime(_ portfolio: KPIPortfolio, asOf: Day, cadence: ReportingCadence = .biweekly) -> KPIReading? {
        let window = window(endingOn: asOf)
        // Before the first status update Lodestar holds, reporting did not happen here: nothing to measure.
        guard let firstReported = portfolio.statusUpdates.map(\.periodStart).min() else { return nil }
        let periods = cadence.periods(from: window.lowerBound, through: asOf).filter { window.contains($0.end) && $0.start >= firstReported }
        let submitted = Set(portfolio.statusUpdates.map { StatusKey(initiativeID: $0.initiativeID, periodStart: $0.periodStart) })
        var expected = 0, onTime = 0
        for initiative in portfolio.initiatives {
            for period in periods where isInFlight(initiative.fields, on: period.start) && isInFlight(initiative.fields, on: period.end) {
                expected += 1
                if submitted.contains(StatusKey(initiativeID: initiative.id, periodStart: period.start)) { onTime += 1 }
            }
        }
        guard expected > 0 else { return nil }
        return KPIReading(
            value: percent(onTime, of: expected), basis: expected,
            explanation: "\(onTime) of \(expected) status update(s) due for periods ending \(describe(window)) were submitted.")
    }

    /// Share (%) of escalations due in the window that were resolved within their target.
    static func escalationsResolvedInTarget(_ portfolio: KPIPortfolio, asOf: Day) -> KPIReading? {
        let window = window(endingOn: asOf)
        let (total, resolved) = escalations(portfolio, dueIn: window)
        guard total > 0 else { return nil }
        return KPIReading(
            value: percent(resolved, of: total), basis: total,
            explanation: "\(resolved) of \(total) escalation(s) due \(describe(window)) were resolved within their target (escalated RAID items closed; escalation decisions decided by their needed-by date).")
    }

    /// Escalations whose target fell in `range`, and how many were resolved within it: escalated RAID
    /// items (closed counts as resolved) and escalation decisions (decided by their needed-by date).
    public static func escalations(_ portfolio: KPIPortfolio, dueIn range: ClosedRange<Day>) -> (due: Int, resolved: Int) {
        let raid = portfolio.raidItems.filter { $0.escalationLevel != .initiative && $0.dueDate.map(range.contains) == true }
        let decisions = portfolio.decisions.filter { $0.type == .escalation && $0.neededBy.map(range.contains) == true }
        let resolved = raid.filter { $0.status == .closed }.count
            + decisions.filter { decision in
                guard decision.status == .decided, let decided = decision.decidedOn, let neededBy = decision.neededBy else { return false }
                return decided <= neededBy
            }.count
        return (raid.count + decisions.count, resolved)
    }

    /// Work under way on `day`: not proposed or cancelled, and within its planned dates when it has them.
    static func isInFlight(_ initiative: Initiative, on day: Day) -> Bool {
        guard initiative.status != .proposed, initiative.status != .cancelled else { return false }
        guard let start = initiative.plannedStart else { return initiative.status.isInFlight }
        return start <= day && day <= (initiative.plannedFinish ?? day)
    }

    static func percent(_ part: Int, of whole: Int) -> Double { Double(part) / Double(whole) * 100 }

    static func describe(_ window: ClosedRange<Day>) -> String { "from \(window.lowerBound) to \(window.upperBound)" }

    private struct StatusKey: Hashable {
        var initiativeID: UUID
        var periodStart: Day
    }
}
