import Fluent
import LodestarCore
import Vapor

/// The reads behind the PMO-value API, pages and commands, callable without HTTP.
enum PMOValueQueries {
    /// Everything the computed KPIs and the impact report read from the portfolio.
    /// The portfolio records the KPIs are computed from, read by the reporting loader (plain rows,
    /// fast on large portfolios).
    static func portfolio(on database: any Database) async throws -> KPIPortfolio {
        let snapshot = try await PortfolioSnapshotLoader.load(on: database)
        return KPIPortfolio(
            initiatives: snapshot.initiatives, alignments: snapshot.alignments, milestones: snapshot.milestones,
            forecastChanges: snapshot.forecastChanges, statusUpdates: snapshot.statusUpdates.map(\.fields),
            raidItems: snapshot.raidItems.map(\.fields), decisions: snapshot.decisions.map(\.fields), benefits: snapshot.benefits,
            measurements: snapshot.measurements)
    }

    static func kpis(on database: any Database) async throws -> [Record<PMOKPI>] {
        try await PMOKPIModel.query(on: database).sort(\.$name).all().map(\.record)
    }

    static func kpiMeasurements(on database: any Database) async throws -> [KPIMeasurement] {
        try await KPIMeasurementModel.query(on: database).sort(\.$measuredOn).all().map(\.fields)
    }

    static func charter(on database: any Database) async throws -> CharterChain {
        CharterChain.build(
            problems: try await PMOProblemModel.query(on: database).all().map(\.record),
            services: try await PMOServiceModel.query(on: database).all().map(\.record),
            kpis: try await kpis(on: database))
    }

    static func responses(toWave waveID: UUID, on database: any Database) async throws -> [SurveyResponse] {
        try await SurveyResponseModel.query(on: database).filter(\.$waveID == waveID).all().map(\.response)
    }

    /// A wave's results, or a 404 for an unknown wave.
    static func results(ofWave waveID: UUID, on database: any Database) async throws -> (wave: Record<SurveyWave>, survey: Record<Survey>, results: WaveResults) {
        guard let wave = try await SurveyWaveModel.find(waveID, on: database) else { throw Problem.notFound("Survey wave \(waveID)") }
        guard let survey = try await SurveyModel.find(wave.surveyID, on: database) else { throw Problem.notFound("Survey \(wave.surveyID)") }
        let responses = try await responses(toWave: waveID, on: database)
        return (wave.record, survey.record, WaveResults.compute(wave: waveID, survey: survey.fields, responses: responses))
    }

    /// Every wave of a survey with its results, oldest first.
    static func waves(ofSurvey surveyID: UUID, on database: any Database) async throws -> [(wave: Record<SurveyWave>, results: WaveResults)] {
        guard let survey = try await SurveyModel.find(surveyID, on: database) else { throw Problem.notFound("Survey \(surveyID)") }
        let waves = try await SurveyWaveModel.query(on: database).filter(\.$surveyID == surveyID).sort(\.$opensOn).all()
        var result: [(Record<SurveyWave>, WaveResults)] = []
        for wave in waves {
            let responses = try await responses(toWave: wave.id!, on: database)
            result.append((wave.record, WaveResults.compute(wave: wave.id!, survey: survey.fields, responses: responses)))
        }
        return result
    }

    static func impactReport(from: Day, to: Day, on database: any Database) async throws -> ImpactReport {
        var waves: [(wave: Record<SurveyWave>, scores: PerceptionScores)] = []
        for survey in try await SurveyModel.query(on: database).all() {
            waves += try await Self.waves(ofSurvey: survey.id!, on: database).map { ($0.wave, $0.results.overall) }
        }
        let inputs = ImpactReport.Inputs(
            portfolio: try await portfolio(on: database),
            improvements: try await ImprovementItemModel.query(on: database).all().map(\.record),
            kpis: try await kpis(on: database),
            kpiMeasurements: try await kpiMeasurements(on: database),
            waves: waves,
            assessments: try await MaturityAssessmentModel.query(on: database).all().map(\.record))
        return ImpactReport.build(inputs, from: from, to: to)
    }
}
