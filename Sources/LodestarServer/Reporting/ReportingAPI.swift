import Fluent
import LodestarCore
import Vapor

/// The API of health, forecasts, delays, outcomes, status reports and the dashboard.
///
/// Access: every signed-in user reads; only the PMO and admins change thresholds or build reports;
/// an initiative's status-update draft is for its owner and the PMO.
enum ReportingAPI {
    static let readers = "any signed-in user"

    static func register(on router: APIRouter) {
        let docs = router.documentation
        let dashboard = docs.schema("ExecutiveDashboard", SchemaRecorder.schema(for: ExecutiveDashboard.self))
        router.register(APIOperation(
            method: .GET, path: ["dashboard"], operationID: "getDashboard",
            summary: "The executive dashboard: the six questions' figures and the ranked insights", tag: "reporting",
            responses: [200: ("The same figures the dashboard page shows.", dashboard)], access: readers
        )) { request in
            _ = try request.caller
            return try Response.json(try await Dashboard.compute(request))
        }

        registerHealth(on: router)
        registerDelivery(on: router)
        StatusReportAPI.register(on: router)
        CalendarFeed.registerAPI(on: router)
    }

    static func registerHealth(on router: APIRouter) {
        let setting = router.documentation.schema("HealthRuleSetting", SchemaRecorder.schema(for: HealthRuleSetting.self))
        let change = router.documentation.schema("HealthThresholdChange", SchemaRecorder.schema(for: HealthThresholdStore.Change.self))
        let assessment = router.documentation.schema("HealthAssessment", SchemaRecorder.schema(for: HealthAssessment.self))
        router.register(APIOperation(
            method: .GET, path: ["health-rules"], operationID: "listHealthRules",
            summary: "The named health rules with the thresholds in force", tag: "reporting",
            responses: [200: ("Every rule; `version` 0 means the default applies.", .object(["type": .string("array"), "items": setting]))],
            access: readers
        )) { request in
            _ = try request.caller
            return try Response.json(try await HealthRuleSetting.all(on: request.db))
        }
        router.register(APIOperation(
            method: .PUT, path: ["health-rules", "{rule}"], operationID: "setHealthRuleThresholds",
            summary: "Set a rule's amber and red thresholds", tag: "reporting",
            parameters: [
                .init(name: "rule", location: .path, required: true, description: "The rule's name, e.g. `schedule.slippage`.",
                      schema: .object(["type": .string("string")])),
                .init(name: "If-Match", location: .header, required: true,
                      description: "The rule's version as listed (`\"0\"` while the default applies).", schema: .object(["type": .string("string")])),
            ],
            requestSchema: change, responses: [200: ("Saved.", setting)], access: "pmo and admin"
        )) { request in
            let caller = try request.caller
            try caller.require([.admin, .pmo], to: "change health thresholds")
            let rule = request.parameters.get("rule") ?? ""
            guard let raw = request.headers.first(name: .ifMatch) else { throw Problem.versionRequired }
            guard let version = Int(raw.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/"))), version >= 0 else {
                throw Problem.badRequest("If-Match must be a version such as \"0\", not '\(raw)'.")
            }
            let body = try request.jsonBody(HealthThresholdStore.Change.self)
            let saved = try await HealthThresholdStore.update(rule: rule, to: body, expectedVersion: version, by: caller, on: request.db)
            return try Response.json(saved, headers: ["ETag": "\"\(saved.version)\""])
        }
        router.register(APIOperation(
            method: .GET, path: ["initiatives", "{id}", "health"], operationID: "getInitiativeHealth",
            summary: "An initiative's health per dimension, with every rule that fired", tag: "reporting", parameters: [.id],
            responses: [200: ("The assessment; `overall` is the owner's override when one is set.", assessment)], access: readers
        )) { request in
            _ = try request.caller
            let id = try request.idParameter()
            let snapshot = try await request.snapshot()
            guard snapshot.initiatives.contains(where: { $0.id == id }) else { throw Problem.notFound("Initiative \(id)") }
            guard let assessment = snapshot.health(index: PortfolioIndex(snapshot))[id] else {
                throw Problem.conflict("Initiative \(id) is completed or cancelled; health is assessed for open work only.")
            }
            return try Response.json(assessment)
        }
    }

    static func registerDelivery(on router: APIRouter) {
        let forecast = router.documentation.schema("ForecastResult", SchemaRecorder.schema(for: MonteCarloForecast.Result.self))
        let delays = router.documentation.schema("DelayAnalysis", SchemaRecorder.schema(for: DelayAnalysis.self))
        let outcomes = router.documentation.schema("Outcomes", SchemaRecorder.schema(for: Outcomes.self))
        let integer = JSONValue.object(["type": .string("integer")])
        router.register(APIOperation(
            method: .GET, path: ["forecasts"], operationID: "getForecasts",
            summary: "Monte Carlo finish forecasts of every open initiative and its milestones (P50, P80, P95, chance of meeting the baseline)",
            tag: "reporting",
            parameters: [
                .query("trials", "Trials, 100–20000 (default 2000).", integer),
                .query("seed", "Random seed (default 1); the same seed and data give the same forecast.", integer),
            ],
            responses: [200: ("The forecasts.", forecast)], access: readers
        )) { request in
            _ = try request.caller
            let trials = try request.query.get(Int?.self, at: "trials") ?? 2000
            guard (100...20_000).contains(trials) else { throw Problem.validation([FieldIssue("trials", "must be between 100 and 20000")]) }
            let seed = try request.query.get(UInt64?.self, at: "seed") ?? 1
            let snapshot = try await request.snapshot()
            return try Response.json(snapshot.forecast(index: PortfolioIndex(snapshot), trials: trials, seed: seed))
        }
        router.register(APIOperation(
            method: .GET, path: ["delays"], operationID: "getDelayAnalysis",
            summary: "Where slippage comes from: a Pareto of causes, by tier and pool, with the trend per quarter", tag: "reporting",
            responses: [200: ("The analysis.", delays)], access: readers
        )) { request in
            _ = try request.caller
            let snapshot = try await request.snapshot()
            return try Response.json(DelayAnalysis.analyse(snapshot, index: PortfolioIndex(snapshot)))
        }
        router.register(APIOperation(
            method: .GET, path: ["outcomes"], operationID: "getOutcomes",
            summary: "Benefit realisation and trend, the roll-up to objectives, and outputs beside outcomes per initiative", tag: "reporting",
            responses: [200: ("The outcomes.", outcomes)], access: readers
        )) { request in
            _ = try request.caller
            return try Response.json(try await Outcomes.compute(on: request.db))
        }
    }
}

/// Benefits against plan, objectives' outcomes and the outputs-beside-outcomes view, in one answer.
struct Outcomes: Content {
    var benefits: [BenefitProgress]
    var objectives: [BenefitTracking.ObjectiveOutcome]
    var initiatives: [OutcomeRow]

    static func compute(on database: any Database) async throws -> Outcomes {
        let snapshot = try await PortfolioSnapshotLoader.load(on: database)
        let index = PortfolioIndex(snapshot)
        return Outcomes(
            benefits: index.benefitProgress,
            objectives: BenefitTracking.rollUp(index.benefitProgress, objectives: snapshot.objectives, alignments: snapshot.alignments),
            initiatives: OutcomeView.rows(snapshot, index: index))
    }
}

/// The one place the dashboard's figures are computed, for the page, the API and any later client.
enum Dashboard {
    /// Computed once per change to the snapshot's tables (or of the day) and kept by `cache` with
    /// their fingerprints, which are read on every call, so a change through any instance shows at once.
    static func compute(on database: any Database, cache: SnapshotCache, today: Day = Day.today()) async throws -> ExecutiveDashboard {
        try await cache.answer("dashboard \(today)", over: SnapshotTable.allCases, on: database) { tables in
            let snapshot = try await PortfolioSnapshotLoader.completed(tables, today: today, cadence: .biweekly, on: database)
            // Off the event loop: on a large portfolio the figures take a second of CPU.
            return await Task.detached { ExecutiveDashboard.build(snapshot) }.value
        }
    }

    static func compute(_ request: Request, today: Day = Day.today()) async throws -> ExecutiveDashboard {
        try await compute(on: request.db, cache: request.application.snapshotCache, today: today)
    }
}
