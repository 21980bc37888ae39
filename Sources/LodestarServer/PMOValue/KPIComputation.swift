import Fluent
import LodestarCore
import Vapor

/// Computes every portfolio-derived PMO KPI as of a day and stores the values as that day's
/// measurements. Idempotent per KPI per day: running it again replaces the day's value (audited as
/// an update when it changed) rather than adding a second one. The job scheduler calls `run(app:asOf:)`.
enum KPIComputation {
    struct Outcome: Content, Equatable {
        var kpiID: UUID
        var name: String
        var source: KPISource
        /// Nil when the portfolio holds nothing to compute it from on that day.
        var value: Double?
        var basis: Int?
        var explanation: String
        var measurementID: UUID?
    }

    struct ComputeRequest: Content {
        /// The day to compute as of; today when absent.
        var asOf: Day?
    }

    /// For the scheduler: computes as the system, audited as "scheduler".
    @discardableResult
    static func run(app: Application, asOf: Day) async throws -> [Outcome] {
        try await run(asOf: asOf, by: Commands.commandLineCaller("scheduler"), on: app.db)
    }

    static func run(asOf: Day, by caller: Caller, on database: any Database) async throws -> [Outcome] {
        try caller.require([.admin, .pmo], to: "compute PMO KPIs")
        let portfolio = try await PMOValueQueries.portfolio(on: database)
        let kpis = try await PMOValueQueries.kpis(on: database).filter { $0.source.isComputed }
        return try await database.transaction { database in
            let store = EntityStore<KPIMeasurementModel>(caller: caller, database: database)
            var outcomes: [Outcome] = []
            for kpi in kpis {
                guard let reading = PortfolioKPIs.compute(kpi.source, from: portfolio, asOf: asOf) else {
                    outcomes.append(Outcome(
                        kpiID: kpi.id, name: kpi.name, source: kpi.source, value: nil, basis: nil,
                        explanation: "Nothing in the portfolio to compute it from as of \(asOf).", measurementID: nil))
                    continue
                }
                let fields = KPIMeasurement(kpiID: kpi.id, measuredOn: asOf, value: (reading.value * 100).rounded() / 100, note: reading.explanation)
                let existing = try await KPIMeasurementModel.query(on: database)
                    .filter(\.$kpiID == kpi.id).filter(\.$measuredOn == asOf.description).first()
                let stored: KPIMeasurementModel
                if let existing {
                    stored = try await store.update(existing.id!, expectedVersion: existing.version) { _ in fields }
                } else {
                    stored = try await store.create(fields)
                }
                outcomes.append(Outcome(
                    kpiID: kpi.id, name: kpi.name, source: kpi.source, value: fields.value, basis: reading.basis,
                    explanation: reading.explanation, measurementID: stored.id))
            }
            return outcomes
        }
    }
}
