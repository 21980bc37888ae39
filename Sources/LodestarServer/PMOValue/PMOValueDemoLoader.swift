import Fluent
import LodestarCore
import Vapor

/// Writes the demo PMO's year (charter, KPI history, survey waves and responses, backlog, maturity)
/// beside a loaded demo portfolio, all or nothing.
enum PMOValueDemoLoader {
    @discardableResult
    static func load(_ portfolio: DemoPortfolio, seed: UInt64, today: Day, into database: any Database) async throws -> Int {
        let demo = PMOValueDemo.generate(for: portfolio, seed: seed, today: today)
        try await database.transaction { database in
            try await demo.problems.map(PMOProblemModel.init).create(on: database)
            try await demo.services.map(PMOServiceModel.init).create(on: database)
            try await demo.kpis.map(PMOKPIModel.init).create(on: database)
            try await insert(demo.kpiMeasurements.map(KPIMeasurementModel.init), on: database)
            try await demo.surveys.map(SurveyModel.init).create(on: database)
            try await demo.waves.map(SurveyWaveModel.init).create(on: database)
            // The links that produced the demo responses, already used, and unused ones for the rest of each group.
            var invitations: [SurveyInvitationModel] = []
            for wave in demo.waves {
                let responses = demo.responses.filter { $0.waveID == wave.id }
                for (group, members) in Dictionary(grouping: responses, by: \.stakeholderGroup) {
                    for index in 0..<(members.count + members.count / 3) {
                        let invitation = SurveyInvitationModel(
                            waveID: wave.id, stakeholderGroup: group, tokenHash: Secrets.digest(Secrets.token()), expiresOn: wave.closesOn)
                        invitation.used = index < members.count
                        invitations.append(invitation)
                    }
                }
            }
            try await insert(invitations, on: database)
            try await insert(demo.responses.map(SurveyResponseModel.init), on: database)
            try await demo.improvements.map(ImprovementItemModel.init).create(on: database)
            try await demo.assessments.map(MaturityAssessmentModel.init).create(on: database)
        }
        return demo.recordCount
    }

    private static func insert<M: Model>(_ models: [M], on database: any Database) async throws {
        var start = 0
        while start < models.count {
            let end = min(start + DemoLoader.batchSize, models.count)
            try await Array(models[start..<end]).create(on: database)
            start = end
        }
    }
}

extension Commands {
    /// `lodestar pmo compute-kpis`: what the scheduler runs, on demand.
    public static func computePMOKPIs(_ app: Application, asOf: Day) async throws -> [String] {
        try await KPIComputation.run(app: app, asOf: asOf).map { outcome in
            "\(outcome.name): " + (outcome.value.map { "\(ImpactFormat.number($0, decimals: 2)) — \(outcome.explanation)" } ?? outcome.explanation)
        }
    }

    public enum ImpactReportFormat: String, Sendable, CaseIterable {
        case markdown, json
    }

    /// `lodestar report impact`: the impact report for a range, as Markdown or JSON.
    public static func impactReport(_ app: Application, from: Day?, to: Day?, format: ImpactReportFormat) async throws -> String {
        let end = to ?? Day.today()
        let start = from ?? end.adding(months: -12).adding(days: 1)
        guard start <= end else { throw CommandError("--from must not be after --to") }
        let report = try await PMOValueQueries.impactReport(from: start, to: end, on: app.db)
        switch format {
            case .markdown: return report.markdown
            case .json:
                let encoder = JSONEncoder.api
                return String(decoding: try encoder.encode(report), as: UTF8.self)
        }
    }
}
