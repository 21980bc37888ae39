import Fluent
import LodestarCore
import Vapor

/// Running, comparing and promoting scenarios. Scenarios themselves are records (`/scenarios`, written
/// by the PMO); running and comparing is open to executives too; promoting a run to be the plan is a
/// recorded, audited decision of the PMO.
enum ScenarioController {
    struct RunBody: Codable, Sendable {
        var id: UUID
        var scenarioID: UUID
        var scenarioVersion: Int
        var runBy: UUID?
        var ranAt: Date?
        var promotedAt: Date?
        var decisionID: UUID?
        var outcome: ScenarioOutcome

        init?(_ model: ScenarioRunModel) {
            guard let outcome = model.decodedOutcome else { return nil }
            id = model.id!
            scenarioID = model.scenarioID
            scenarioVersion = model.scenarioVersion
            runBy = model.runBy
            ranAt = model.ranAt
            promotedAt = model.promotedAt
            decisionID = model.decisionID
            self.outcome = outcome
        }
    }

    struct PromoteRequest: Codable, Sendable {
        /// Why this plan: recorded as the decision's rationale.
        var reason: String
        /// The run to promote (default: the scenario's latest run).
        var runID: UUID?
    }

    struct PromoteResponse: Codable, Sendable {
        var decisionID: UUID
        var runID: UUID
        /// Initiatives whose status or dates changed.
        var changed: Int
    }

    struct CompareBody: Codable, Sendable {
        var scenarios: [ScenarioRef]
        var comparison: ScenarioComparison
    }

    struct ScenarioRef: Codable, Sendable {
        var id: UUID
        var name: String
        var runID: UUID
        var ranAt: Date?
    }

    static let runners: Set<Role> = [.admin, .pmo, .executive]

    static func register(on router: APIRouter) {
        let documentation = router.documentation
        let run = documentation.schema("ScenarioRun", SchemaRecorder.schema(for: RunBody.self))
        let compare = documentation.schema("ScenarioComparisonResult", SchemaRecorder.schema(for: CompareBody.self))
        let promoteRequest = documentation.schema("PromoteRequest", SchemaRecorder.schema(for: PromoteRequest.self))
        let promoted = documentation.schema("PromoteResponse", SchemaRecorder.schema(for: PromoteResponse.self))
        let path = ScenarioModel.resource.path

        router.register(APIOperation(
            method: .POST, path: [path, "{id}", "runs"], operationID: "runScenario",
            summary: "Run a scenario: optimise the plan under its changes (the run is kept)", tag: "scenarios",
            parameters: [.id, .query("timeLimit", "Seconds the optimiser may take, 0.1–30 (default 0.5).", .object(["type": .string("number")]))],
            responses: [201: ("The run and its outcome.", run)], access: "admin, pmo, executive"
        )) { request in
            let caller = try request.caller
            try caller.require(runners, to: "run scenarios")
            var query = QueryParameters(request)
            let seconds = query.seconds("timeLimit", 0.1...30, default: ScenarioRunner.interactiveTimeLimit)
            try query.check()
            let id = try request.idParameter()
            let model = try await ScenarioRunner.run(id, by: caller, timeLimit: seconds, on: request.db, cache: request.application.portfolioCache)
            return try Response.json(RunBody(model)!, status: .created)
        }

        router.register(APIOperation(
            method: .GET, path: [path, "{id}", "runs", "latest"], operationID: "getLatestScenarioRun",
            summary: "A scenario's latest run", tag: "scenarios", parameters: [.id],
            responses: [200: ("The latest run.", run)], access: "any signed-in user"
        )) { request in
            _ = try request.caller
            let id = try request.idParameter()
            guard let model = try await ScenarioRunModel.latest(of: id, on: request.db), let body = RunBody(model) else {
                throw Problem.notFound("A run of scenario \(id) (run it first)")
            }
            return try Response.json(body)
        }

        router.register(APIOperation(
            method: .GET, path: [path, "compare"], operationID: "compareScenarios",
            summary: "Compare the latest runs of two or more scenarios side by side", tag: "scenarios",
            parameters: [APIOperation.Parameter(
                name: "ids", location: .query, required: true, description: "2–6 scenario ids, separated by commas.",
                schema: .object(["type": .string("string")]))],
            responses: [200: ("Value, cost, utilisation and coverage of each, and the initiatives whose fate differs.", compare)],
            access: "admin, pmo, executive"
        )) { request in
            let caller = try request.caller
            try caller.require(runners, to: "compare scenarios")
            var query = QueryParameters(request)
            let ids = query.ids("ids", count: 2...6)
            try query.check()
            return try Response.json(try await ScenarioRunner.compare(ids, on: request.db))
        }

        router.register(APIOperation(
            method: .POST, path: [path, "{id}", "promote"], operationID: "promoteScenario",
            summary: "Make a scenario's run the plan: a recorded decision, every change audited", tag: "scenarios",
            parameters: [.id], requestSchema: promoteRequest, responses: [200: ("The decision recorded.", promoted)],
            access: "admin, pmo"
        )) { request in
            let caller = try request.caller
            try caller.require([.admin, .pmo], to: "promote a scenario to be the plan")
            let body = try request.jsonBody(PromoteRequest.self)
            let id = try request.idParameter()
            return try Response.json(try await ScenarioPromotion.promote(id, run: body.runID, reason: body.reason, by: caller, on: request.db))
        }
    }
}
