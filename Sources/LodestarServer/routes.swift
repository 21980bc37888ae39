import Fluent
import LodestarCore
import SQLKit
import Vapor

func routes(_ app: Application) throws {
    do { // operations: liveness, readiness
        app.get("health") { _ in ["status": "ok"] }
        app.get("ready") { request async throws -> Response in
            do {
                _ = try await UserModel.query(on: request.db).count()
                return try .json(["status": "ready"])
            } catch {
                request.logger.warning("readiness check failed: \(String(reflecting: error))")
                return try .json(["status": "database unreachable"], status: .serviceUnavailable)
            }
        }
    }

    do { // JSON API, documented as it is registered
        let router = APIRouter(routes: app.grouped("api", "v1"), documentation: app.apiDocumentation)
        AccountController.register(on: router)
        UserController.register(on: router)
        AuditController.register(on: router)
        for resource in EntityRegistry.all { resource.register(router) }
        MilestoneHistoryController.register(on: router)
        do { // planning: the answers to Q1, Q2 and Q4, scenarios and planning cycles
            PortfolioAnswersController.register(on: router)
            ScoringModelController.register(on: router)
            ScenarioController.register(on: router)
            PlanningCycleController.register(on: router)
        }
        ReportingAPI.register(on: router)
        do { // governance: rules as records, gates, decisions, escalation, webhooks
            ResourceController<TierRuleModel>.register(on: router)
            ResourceController<GateTemplateModel>.register(on: router)
            ResourceController<DecisionRightModel>.register(on: router)
            ResourceController<EscalationRuleModel>.register(on: router)
            GovernanceController.register(on: router)
            WebhookController.register(on: router)
        }
        do { // PMO value
            PMOValueController.register(on: router)
        }
        do { // data consolidation: imports, exports, archive
            ImportController.register(on: router)
            ExportController.register(on: router)
            RedmineController.register(on: router)
        }
        app.get("openapi.json") { request async throws -> Response in
            try .json(request.application.apiDocumentation.document(version: LodestarVersion.current))
        }
    }

    do { // scheduled status reports and the calendar feed (a secret URL, outside the API)
        app.jobs.register(StatusReports.job)
        CalendarFeed.registerFeed(on: app)
    }

    do { // governance (escalations, overdue decisions, webhooks) and KPI computation on the shared scheduler
        PortfolioJobs.register(on: app)
    }

    do { // the portfolio caches are filled when the server starts, not by the first person to ask
        app.lifecycle.use(PortfolioWarmUp())
    }

    do { // AI assistants: the Model Context Protocol at /mcp (stdio is `lodestar mcp`)
        AssistantHTTP.register(on: app)
    }

    do { // web app
        try WebRoutes.register(on: app)
    }
}

public enum LodestarVersion {
    public static let current = "0.1.0"
}
