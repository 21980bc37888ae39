import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import LodestarCore
import SQLKit
import Vapor

/// The composition root shared by `lodestar serve`, the other commands and the tests.
public func configure(_ app: Application, config: AppConfig) async throws {
    app.storage[AppConfigKey.self] = config
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.passwords.use(.bcrypt(cost: config.passwordCost))

    try useDatabase(config.storage, on: app)
    if case .sqliteFile = config.storage, let sql = app.db as? any SQLDatabase {
        // WAL lets readers carry on while one writer commits; the setting is kept in the file.
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
    registerMigrations(on: app)

    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(RequestIDMiddleware())
    app.middleware.use(ProblemMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(AuthenticationMiddleware())

    try routes(app)
    // Made before requests run, which then only read the app's storage.
    _ = (app.portfolioCache, app.snapshotCache, app.listPageCache)
}

struct AppConfigKey: StorageKey {
    typealias Value = AppConfig
}

extension Application {
    var config: AppConfig { storage[AppConfigKey.self] ?? AppConfig() }
}

extension Request {
    var config: AppConfig { application.config }
}

func useDatabase(_ storage: AppConfig.Storage, on app: Application) throws {
    switch storage {
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory, sqlLogLevel: nil), as: .sqlite)
        case .sqliteFile(let path):
            app.databases.use(SQLiteWriterDatabase.configuration(wrapping: .sqlite(.file(path), sqlLogLevel: nil), file: path), as: .sqlite)
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            if let schema = URLComponents(string: url)?.queryItems?.first(where: { $0.name == "search_path" })?.value {
                configuration.searchPath = [schema]
            }
            app.databases.use(.postgres(configuration: configuration, sqlLogLevel: .debug), as: .psql)
    }
}

/// Migrations in the order they shipped; a shipped migration is never edited, a fix is a new one.
func registerMigrations(on app: Application) {
    do { // Migration 001 - the foundation: people, access, audit and the portfolio model
        app.migrations.add(CreateUsers())
        app.migrations.add(CreateSessions())
        app.migrations.add(CreateAPITokens())
        app.migrations.add(CreateLoginAttempts())
        app.migrations.add(CreateAuditEntries())
        app.migrations.add(CreateObjectives())
        app.migrations.add(CreateInitiatives())
        app.migrations.add(CreateAlignments())
        app.migrations.add(CreateResourcePools())
        app.migrations.add(CreatePoolCapacities())
        app.migrations.add(CreateDemands())
        app.migrations.add(CreateDependencies())
        app.migrations.add(CreateMilestones())
        app.migrations.add(CreateForecastChanges())
        app.migrations.add(CreateStatusUpdates())
        app.migrations.add(CreateRAIDItems())
        app.migrations.add(CreateDecisions())
        app.migrations.add(CreateBenefits())
        app.migrations.add(CreateBenefitMeasurements())
        app.migrations.add(CreateScoringModels())
        app.migrations.add(CreateScoringCriteria())
        app.migrations.add(CreateScores())
    }
    do { // Migration 002 - planning: cycles, scenarios, their runs and snapshots
        app.migrations.add(CreatePlanningCycles())
        app.migrations.add(CreateScenarios())
        app.migrations.add(CreateScenarioRuns())
        app.migrations.add(CreatePlanSnapshots())
    }
    do { // Migration 003 - governance: tier rules, gates, decision rights, escalation, webhooks
        app.migrations.add(CreateGovernanceRules())
        app.migrations.add(CreateGovernanceHistory())
        app.migrations.add(UpdateDecisionsAndRAIDItemsAddGovernance())
        app.migrations.add(CreateWebhooks())
    }
    do { // Migration 004 - health and reporting: PMO thresholds, scheduled job runs, stored status reports, calendar feeds
        app.migrations.add(CreateHealthThresholds())
        app.migrations.add(CreateJobRuns())
        app.migrations.add(CreateStatusReports())
        app.migrations.add(CreateCalendarFeeds())
    }
    do { // Migration 005 - PMO value: charter, services, KPIs, surveys, improvement backlog, maturity
        app.migrations.add(CreatePMOProblems())
        app.migrations.add(CreatePMOServices())
        app.migrations.add(CreatePMOKPIs())
        app.migrations.add(CreateKPIMeasurements())
        app.migrations.add(CreateImprovementItems())
        app.migrations.add(CreateMaturityAssessments())
        app.migrations.add(CreateSurveys())
        app.migrations.add(CreateSurveyWaves())
        app.migrations.add(CreateSurveyInvitations())
        app.migrations.add(CreateSurveyResponses())
    }
    do { // Migration 006 - imports and connectors: external ids, import history, staged uploads
        app.migrations.add(CreateExternalLinks())
        app.migrations.add(CreateImportRuns())
        app.migrations.add(CreateImportUploads())
        app.migrations.add(CreateRedmineConnections())
    }
    do { // Migration 007 - speed: indexes that answer table fingerprints without reading the tables
        app.migrations.add(CreateFingerprintIndexes())
    }
}
