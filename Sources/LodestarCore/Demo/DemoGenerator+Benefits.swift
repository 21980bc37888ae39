import Foundation

extension DemoGenerator {
    struct Outcomes {
        var benefits: [Record<Benefit>] = []
        var measurements: [Record<BenefitMeasurement>] = []
    }

    /// 1–2 outcome KPIs per active or completed initiative and 1–2 per objective, each with quarterly
    /// measurements over up to two years that move toward the target as the work lands, or, for the
    /// initiatives that disappoint, stall or drift the wrong way.
    static func makeBenefits(
        for drafts: [InitiativeDraft], strategy: DemoStrategy, today: Day, random: inout SeededRandom
    ) -> Outcomes {
        var outcomes = Outcomes()
        outcomes.benefits.reserveCapacity(drafts.count)
        outcomes.measurements.reserveCapacity(drafts.count * 5)
        let twoYearsAgo = today.adding(days: -730)

        for draft in drafts where draft.status == .active || draft.status == .completed {
            guard let start = draft.fields.plannedStart, let finish = draft.fields.plannedFinish else { continue }
            for kpi in someKPIs(random: &random) {
                // Benefits land some months after delivery.
                let targetDate = finish.adding(months: random.int(in: 3...12))
                appendBenefit(
                    kpi, initiativeID: draft.id, objectiveID: nil, tracking: max(start, twoYearsAgo)...targetDate,
                    realisation: draft.benefitRealisation, today: today, into: &outcomes, random: &random)
            }
        }
        for objective in strategy.objectiveLevel {
            let horizon = objective.fields.horizon ?? today.adding(months: 24)
            for kpi in someKPIs(random: &random) {
                appendBenefit(
                    kpi, initiativeID: nil, objectiveID: objective.id, tracking: twoYearsAgo...max(horizon, today),
                    realisation: random.double(in: 0.3...1.05), today: today, into: &outcomes, random: &random)
            }
        }
        return outcomes
    }

    /// One or two different KPIs.
    private static func someKPIs(random: inout SeededRandom) -> [KPITemplate] {
        random.distinctIndices(random.int(in: 1...2), below: kpiCatalogue.count).map { kpiCatalogue[$0] }
    }

    /// One KPI and its readings at each quarter end from the start of `tracking` up to today, on a
    /// path from the baseline to `realisation` of the way to target by the target date.
    private static func appendBenefit(
        _ kpi: KPITemplate, initiativeID: UUID?, objectiveID: UUID?, tracking: ClosedRange<Day>, realisation: Double,
        today: Day, into outcomes: inout Outcomes, random: inout SeededRandom
    ) {
        let baseline = rounded(random.double(in: kpi.baseline), toDecimals: kpi.decimals)
        let target = rounded(random.double(in: kpi.target), toDecimals: kpi.decimals)
        let benefitID = random.uuid()
        outcomes.benefits.append(Record(id: benefitID, fields: Benefit(
            initiativeID: initiativeID, objectiveID: objectiveID, name: kpi.name, unit: kpi.unit, baseline: baseline,
            target: target, targetDate: tracking.upperBound, direction: kpi.direction)))

        let span = Double(max(1, tracking.lowerBound.days(until: tracking.upperBound)))
        var quarter = Quarter(containing: tracking.lowerBound)
        while quarter.lastDay < today {
            let measuredOn = quarter.lastDay
            quarter = quarter.adding(1)
            guard measuredOn >= tracking.lowerBound else { continue }
            let elapsed = clamp(Double(tracking.lowerBound.days(until: measuredOn)) / span, 0...1)
            // Benefits are slow to start and quick once adoption takes off: an S-shaped path.
            let progress = elapsed * elapsed * (3 - 2 * elapsed)
            let share = realisation * progress + random.normal(mean: 0, standardDeviation: 0.04)
            let value = clamp(
                rounded(baseline + (target - baseline) * share, toDecimals: kpi.decimals), kpi.possibleValues)
            outcomes.measurements.append(Record(id: random.uuid(), fields: BenefitMeasurement(
                benefitID: benefitID, measuredOn: measuredOn, value: value,
                note: random.chance(0.1) ? random.pick(measurementNotes) : "")))
        }
    }

    private static let measurementNotes = [
        "Source: finance month-end pack.", "Provisional; to be restated after the audit.",
        "Includes the pilot sites only.", "Taken from the operational dashboard.", "Seasonal peak this quarter.",
    ]

    /// A KPI with baseline and target ranges that never overlap, so every draw points the right way.
    private struct KPITemplate {
        var name: String
        var unit: String
        var direction: BenefitDirection
        var baseline: ClosedRange<Double>
        var target: ClosedRange<Double>
        var decimals: Int
        /// What the KPI can physically read, whatever the noise: no negative counts, no 101%.
        var possibleValues: ClosedRange<Double>

        init(
            _ name: String, _ unit: String, _ direction: BenefitDirection, from baseline: ClosedRange<Double>,
            to target: ClosedRange<Double>, decimals: Int,
            possible possibleValues: ClosedRange<Double>? = nil
        ) {
            self.name = name
            self.unit = unit
            self.direction = direction
            self.baseline = baseline
            self.target = target
            self.decimals = decimals
            // Percentages cannot pass 100; other quantities are never negative unless stated.
            self.possibleValues = possibleValues ?? (unit.hasPrefix("%") ? 0...100 : 0...Double.greatestFiniteMagnitude)
        }
    }

    private static let kpiCatalogue: [KPITemplate] = [
        KPITemplate(
            "Net Promoter Score", "points", .increase, from: 5...30, to: 35...55, decimals: 0, possible: -100...100),
        KPITemplate(
            "Customer satisfaction", "%", .increase, from: 65...78, to: 82...92, decimals: 1),
        KPITemplate(
            "Average handling time", "minutes", .decrease, from: 8...14, to: 4...7, decimals: 1),
        KPITemplate(
            "Cost to serve", "EUR per customer", .decrease, from: 40...90, to: 25...38, decimals: 1),
        KPITemplate(
            "Digital adoption", "% of transactions", .increase, from: 20...45, to: 55...85, decimals: 1),
        KPITemplate(
            "Straight-through processing", "%", .increase, from: 15...40, to: 55...85, decimals: 1),
        KPITemplate(
            "Manual effort", "hours per month", .decrease, from: 2_000...12_000, to: 200...1_800, decimals: -1),
        KPITemplate(
            "Annual run-cost savings", "EUR thousand", .increase, from: 0...0, to: 150...4_000, decimals: -1),
        KPITemplate(
            "Revenue from new products", "EUR million", .increase, from: 0...2, to: 3...25, decimals: 1),
        KPITemplate(
            "Customer churn", "% per year", .decrease, from: 11...18, to: 5...10, decimals: 1),
        KPITemplate(
            "Service availability", "%", .increase, from: 98.5...99.5, to: 99.8...99.99, decimals: 2),
        KPITemplate(
            "Major incidents", "per quarter", .decrease, from: 8...25, to: 1...6, decimals: 0),
        KPITemplate(
            "Time to market", "days", .decrease, from: 150...300, to: 45...120, decimals: 0),
        KPITemplate(
            "Onboarding cycle time", "days", .decrease, from: 10...30, to: 1...7, decimals: 1),
        KPITemplate(
            "Data quality score", "%", .increase, from: 60...80, to: 90...98, decimals: 1),
        KPITemplate(
            "Employee engagement", "%", .increase, from: 55...68, to: 72...82, decimals: 1),
        KPITemplate(
            "Carbon emissions", "tCO2e per year", .decrease, from: 8_000...40_000, to: 2_000...6_000, decimals: -1),
        KPITemplate(
            "Open high-rated audit findings", "count", .decrease, from: 6...20, to: 0...2, decimals: 0),
    ]
}
