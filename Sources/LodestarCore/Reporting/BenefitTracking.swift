import Foundation

/// Where a benefit KPI stands against its plan (Q5): how far it has travelled from baseline to
/// target, how far it should have by now, which way it is moving and when it will arrive.
public struct BenefitProgress: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// The target is reached.
        case achieved
        case onTrack = "on_track"
        case behind
        /// No measurement yet.
        case unmeasured
    }

    public var benefitID: UUID
    public var initiativeID: UUID?
    public var objectiveID: UUID?
    public var name: String
    public var unit: String
    public var baseline: Double
    public var target: Double
    public var targetDate: Day?
    public var latestValue: Double?
    public var latestOn: Day?
    /// Share of the way from baseline to target the latest measurement has travelled (1 = target).
    public var realisation: Double?
    /// The share a straight line from the first measurement to the target date expects by today.
    public var expectedRealisation: Double?
    /// Change of realisation per 30 days over the recent measurements; positive moves toward target.
    public var trendPer30Days: Double?
    /// When the recent trend reaches the target, if it is moving toward it.
    public var forecastDate: Day?
    public var status: Status

    /// How many points (of 100) the benefit is behind its straight-line plan; 0 when ahead.
    public var gapInPoints: Double {
        guard let realisation, let expectedRealisation else { return 0 }
        return max(0, (expectedRealisation - realisation) * 100)
    }
}

public enum BenefitTracking {
    /// Measurements used for the trend: enough to smooth noise, few enough to follow a change of pace.
    static let trendWindow = 4

    public static func progress(_ benefit: Record<Benefit>, measurements: [BenefitMeasurement], today: Day) -> BenefitProgress {
        let readings = measurements.filter { $0.measuredOn <= today }.sorted { $0.measuredOn < $1.measuredOn }
        let fields = benefit.fields
        var result = BenefitProgress(
            benefitID: benefit.id, initiativeID: fields.initiativeID, objectiveID: fields.objectiveID, name: fields.name,
            unit: fields.unit, baseline: fields.baseline, target: fields.target, targetDate: fields.targetDate,
            latestValue: readings.last?.value, latestOn: readings.last?.measuredOn, realisation: nil,
            expectedRealisation: nil, trendPer30Days: nil, forecastDate: nil, status: .unmeasured)
        guard let latest = readings.last, let realisation = fields.realisation(of: latest.value) else { return result }
        result.realisation = realisation

        if let first = readings.first, let targetDate = fields.targetDate, first.measuredOn < targetDate {
            let span = Double(first.measuredOn.days(until: targetDate))
            let elapsed = Double(first.measuredOn.days(until: today))
            result.expectedRealisation = min(1, max(0, elapsed / span))
        }

        let recent = readings.suffix(trendWindow)
        if recent.count >= 2, let oldest = recent.first, oldest.measuredOn < latest.measuredOn,
           let start = fields.realisation(of: oldest.value) {
            let days = Double(oldest.measuredOn.days(until: latest.measuredOn))
            let slope = (realisation - start) / days
            result.trendPer30Days = slope * 30
            if slope > 0, realisation < 1 {
                // The epsilon keeps a whole number of days computed in floating point from rounding up a day.
                result.forecastDate = latest.measuredOn.adding(days: Int(((1 - realisation) / slope - 1e-9).rounded(.up)))
            }
        }

        if realisation >= 1 {
            result.status = .achieved
        } else if result.gapInPoints > 10 {
            result.status = .behind
        } else if let forecast = result.forecastDate, let targetDate = fields.targetDate, forecast > targetDate {
            result.status = .behind
        } else {
            result.status = .onTrack
        }
        return result
    }

    /// Progress of every benefit, in the order given.
    public static func progress(
        of benefits: [Record<Benefit>], measurements: [BenefitMeasurement], today: Day
    ) -> [BenefitProgress] {
        let byBenefit = Dictionary(grouping: measurements, by: \.benefitID)
        return benefits.map { progress($0, measurements: byBenefit[$0.id] ?? [], today: today) }
    }

    /// An objective's outcome: the mean realisation of its own benefits and of the benefits of the
    /// initiatives aligned to it, each initiative's weighted by its contribution to the objective.
    public struct ObjectiveOutcome: Sendable, Equatable, Codable {
        public var objectiveID: UUID
        public var name: String
        public var benefits: Int
        public var realisation: Double?
    }

    public static func rollUp(
        _ progress: [BenefitProgress], objectives: [Record<Objective>], alignments: [Alignment]
    ) -> [ObjectiveOutcome] {
        let byInitiative = Dictionary(grouping: progress.filter { $0.initiativeID != nil && $0.realisation != nil }, by: { $0.initiativeID! })
        let byObjective = Dictionary(grouping: progress.filter { $0.objectiveID != nil && $0.realisation != nil }, by: { $0.objectiveID! })
        let alignmentsByObjective = Dictionary(grouping: alignments, by: \.objectiveID)
        return objectives.map { record in
            let objective = record.id
            var weighted = 0.0, weight = 0.0, count = 0
            for own in byObjective[objective] ?? [] {
                weighted += own.realisation!
                weight += 1
                count += 1
            }
            for link in alignmentsByObjective[objective] ?? [] where link.contribution > 0 {
                for benefit in byInitiative[link.initiativeID] ?? [] {
                    weighted += benefit.realisation! * link.contribution
                    weight += link.contribution
                    count += 1
                }
            }
            return ObjectiveOutcome(objectiveID: objective, name: record.name, benefits: count, realisation: weight > 0 ? weighted / weight : nil)
        }
    }
}
