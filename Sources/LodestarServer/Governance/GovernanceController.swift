import Fluent
import LodestarCore
import Vapor

/// The governance API: tiers, gate reviews, routed decisions, latency, escalations, heat maps and
/// the periodic jobs. Reading is for any signed-in user; writing is said per operation.
enum GovernanceController {
    struct OverrideRequest: Content {
        var tier: GovernanceTier
        var reason: String
    }

    struct HeatMapBody: Content {
        var scope: String
        var counts: [[Int]]
        var total: Int
        var top: [EntityBody<RAIDItem>]
    }

    static func register(on router: APIRouter) {
        let docs = router.documentation
        func schema<T: Decodable>(_ name: String, _ type: T.Type) -> JSONValue { docs.schema(name, SchemaRecorder.schema(for: type)) }
        func array(_ items: JSONValue) -> JSONValue { .object(["type": .string("array"), "items": items]) }
        let assessment = schema("TierAssessment", TierService.Assessment.self)
        let override = schema("TierOverrideInput", OverrideRequest.self)
        let checklist = schema("GateChecklist", GateService.Checklist.self)
        let reviewRequest = schema("GateReviewInput", GateService.ReviewRequest.self)
        let review = schema("GateReview", GateService.ReviewBody.self)
        let outcome = schema("GateOutcomeInput", GateService.OutcomeRequest.self)
        let decisionRequest = schema("DecisionRequestInput", DecisionService.DecisionRequest.self)
        let decide = schema("DecisionOutcomeInput", DecisionService.DecideRequest.self)
        let pending = schema("PendingDecision", DecisionService.PendingDecision.self)
        let latency = schema("DecisionLatencyReport", DecisionService.LatencyReport.self)
        let move = schema("EscalationInput", EscalationService.MoveRequest.self)
        let escalation = schema("Escalation", EscalationService.RecordBody.self)
        let heatMapSchema = schema("RiskHeatMap", HeatMapBody.self)
        let summary = schema("GovernanceJobSummary", GovernanceJobs.Summary.self)
        let decision = APIDocumentation.ref(DecisionModel.resource.schemaName)
        let tag = "governance"
        let everyone = "any signed-in user"
        let staff = "admin and pmo"
        let initiativeQuery = APIOperation.Parameter.query("initiativeID", "Only this initiative.", .object(["type": .string("string"), "format": .string("uuid")]))

        router.register(APIOperation(
            method: .GET, path: ["governance", "tiers"], operationID: "listTierAssessments", summary: "Every initiative's derived tier, the rule that set it, and any override",
            tag: tag, responses: [200: ("Assessments by code.", array(assessment))], access: everyone
        )) { request in
            _ = try request.caller
            return try Response.json(try await TierService.assess(on: request.db))
        }
        router.register(APIOperation(
            method: .POST, path: ["governance", "tiers", "apply"], operationID: "applyTierRules",
            summary: "Govern every initiative by its effective tier (override, else derived); each change audited",
            tag: tag, responses: [200: ("The initiatives whose tier changed.", array(assessment))], access: staff
        )) { request in
            try Response.json(try await TierService.apply(by: try request.caller, on: request.db))
        }
        router.register(APIOperation(
            method: .PUT, path: ["initiatives", "{id}", "tier-override"], operationID: "overrideTier",
            summary: "Override an initiative's derived tier, with a reason", tag: tag, parameters: [.id], requestSchema: override,
            responses: [200: ("The initiative's assessment.", assessment)], access: staff
        )) { request in
            let caller = try request.caller
            let id = try request.idParameter()
            try caller.require([.admin, .pmo], to: "override a governance tier")
            let body = try request.jsonBody(OverrideRequest.self)
            try await TierService.override(id, tier: body.tier, reason: body.reason, by: caller, on: request.db)
            return try Response.json(try await TierService.assess(only: [id], on: request.db).first!)
        }
        router.register(APIOperation(
            method: .DELETE, path: ["initiatives", "{id}", "tier-override"], operationID: "removeTierOverride",
            summary: "Remove a tier override; the derived tier governs again", tag: tag, parameters: [.id], responses: [204: ("Removed.", nil)], access: staff
        )) { request in
            try await TierService.removeOverride(try request.idParameter(), by: try request.caller, on: request.db)
            return Response(status: .noContent)
        }

        router.register(APIOperation(
            method: .GET, path: ["initiatives", "{id}", "gate"], operationID: "getGateChecklist",
            summary: "The initiative's next gate and its evidence checklist", tag: tag, parameters: [.id],
            responses: [200: ("The checklist (documents shown as not attested).", checklist)], access: everyone
        )) { request in
            _ = try request.caller
            return try Response.json(try await GateService.checklist(try request.idParameter(), on: request.db))
        }
        router.register(APIOperation(
            method: .POST, path: ["initiatives", "{id}", "gate-reviews"], operationID: "requestGateReview",
            summary: "Request a review of the next gate; refused with each missing piece of evidence until complete", tag: tag,
            parameters: [.id], requestSchema: reviewRequest, responses: [201: ("The review, with its routed decision.", review)],
            access: "admin and pmo; owners for the initiatives they own; fast track: admin and pmo"
        )) { request in
            let caller = try request.caller
            let body = try request.jsonBody(GateService.ReviewRequest.self)
            let model = try await GateService.request(try request.idParameter(), body, by: caller, today: Day.today(), on: request.db)
            return try Response.json(try await reviewBody(model, on: request.db), status: .created)
        }
        router.register(APIOperation(
            method: .GET, path: ["governance", "gate-reviews"], operationID: "listGateReviews", summary: "Gate reviews, newest first",
            tag: tag, parameters: [initiativeQuery, .query("status", "Only this status.", .object(["type": .string("string"), "enum": .array(GateReviewStatus.rawValues.map(JSONValue.string))]))],
            responses: [200: ("Reviews.", array(review))], access: everyone
        )) { request in
            _ = try request.caller
            let query = GateReviewModel.query(on: request.db)
            if let raw = request.query[String.self, at: "initiativeID"] {
                guard let id = UUID(uuidString: raw) else { throw Problem.validation([FieldIssue("initiativeID", "must be an id (UUID)")]) }
                query.filter(\.$initiativeID == id)
            }
            if let raw = request.query[String.self, at: "status"] {
                guard let status = GateReviewStatus(rawValue: raw) else {
                    throw Problem.validation([FieldIssue("status", "must be one of \(GateReviewStatus.rawValues.joined(separator: ", "))")])
                }
                query.filter(\.$status == status.rawValue)
            }
            var bodies: [GateService.ReviewBody] = []
            for model in try await query.sort(\.$requestedOn, .descending).limit(500).all() { bodies.append(try await reviewBody(model, on: request.db)) }
            return try Response.json(bodies)
        }
        router.register(APIOperation(
            method: .POST, path: ["governance", "gate-reviews", "{id}", "outcome"], operationID: "decideGateReview",
            summary: "Record a gate's outcome (pass, pass with conditions, return, stop); moves the initiative", tag: tag, parameters: [.id],
            requestSchema: outcome, responses: [200: ("The decided review.", review)], access: "the review's routed decision maker; admin"
        )) { request in
            let caller = try request.caller
            let body = try request.jsonBody(GateService.OutcomeRequest.self)
            let model = try await GateService.decide(try request.idParameter(), body, by: caller, today: Day.today(), on: request.db)
            return try Response.json(try await reviewBody(model, on: request.db))
        }

        router.register(APIOperation(
            method: .POST, path: ["governance", "decisions"], operationID: "requestDecision",
            summary: "Request a decision, routed to its maker by the decision rights", tag: tag, requestSchema: decisionRequest,
            responses: [201: ("The pending decision.", decision)], access: "admin, pmo and executives; owners for the initiatives they own"
        )) { request in
            let model = try await DecisionService.request(try request.jsonBody(DecisionService.DecisionRequest.self), by: try request.caller,
                                                          today: Day.today(), on: request.db)
            return try ResourceController<DecisionModel>.respond(with: model, status: .created)
        }
        router.register(APIOperation(
            method: .POST, path: ["governance", "decisions", "{id}", "outcome"], operationID: "decideDecision",
            summary: "Record a pending decision's outcome", tag: tag, parameters: [.id, .ifMatch], requestSchema: decide,
            responses: [200: ("The decided decision.", decision)], access: "the decision's maker; admin"
        )) { request in
            let model = try await DecisionService.decide(
                try request.idParameter(), version: try request.expectedVersion(required: true)!, try request.jsonBody(DecisionService.DecideRequest.self),
                by: try request.caller, today: Day.today(), on: request.db)
            return try ResourceController<DecisionModel>.respond(with: model)
        }
        router.register(APIOperation(
            method: .GET, path: ["governance", "decisions", "latency"], operationID: "getDecisionLatency",
            summary: "Decision latency: median and 90th percentile by type, tier and month, and the trend", tag: tag,
            responses: [200: ("Figures in days.", latency)], access: everyone
        )) { request in
            _ = try request.caller
            return try Response.json(try await DecisionService.latency(on: request.db, today: Day.today()))
        }
        router.register(APIOperation(
            method: .GET, path: ["governance", "decisions", "pending"], operationID: "listPendingDecisions",
            summary: "Pending decisions, overdue first, with the value each blocks", tag: tag,
            parameters: [.query("decisionMakerID", "Only this maker's.", .object(["type": .string("string"), "format": .string("uuid")]))],
            responses: [200: ("Pending decisions.", array(pending))], access: everyone
        )) { request in
            _ = try request.caller
            var maker: UUID?
            if let raw = request.query[String.self, at: "decisionMakerID"] {
                guard let id = UUID(uuidString: raw) else { throw Problem.validation([FieldIssue("decisionMakerID", "must be an id (UUID)")]) }
                maker = id
            }
            return try Response.json(try await DecisionService.pending(for: maker, on: request.db, today: Day.today()))
        }
        router.register(APIOperation(
            method: .GET, path: ["governance", "decisions", "waiting-on-me"], operationID: "listDecisionsWaitingOnMe",
            summary: "The decisions waiting on the signed-in user", tag: tag, responses: [200: ("Pending decisions.", array(pending))], access: everyone
        )) { request in
            try Response.json(try await DecisionService.pending(for: try request.caller.userID, on: request.db, today: Day.today()))
        }

        router.register(APIOperation(
            method: .GET, path: ["governance", "escalations"], operationID: "listEscalations", summary: "Escalation history, newest first",
            tag: tag, parameters: [initiativeQuery], responses: [200: ("Escalations and de-escalations.", array(escalation))], access: everyone
        )) { request in
            _ = try request.caller
            var initiative: UUID?
            if let raw = request.query[String.self, at: "initiativeID"] {
                guard let id = UUID(uuidString: raw) else { throw Problem.validation([FieldIssue("initiativeID", "must be an id (UUID)")]) }
                initiative = id
            }
            return try Response.json(try await EscalationService.history(initiativeID: initiative, on: request.db).map(EscalationService.RecordBody.init))
        }
        router.register(APIOperation(
            method: .POST, path: ["raid-items", "{id}", "escalation"], operationID: "moveRAIDItem",
            summary: "Escalate or de-escalate a RAID item, with a reason", tag: tag, parameters: [.id], requestSchema: move,
            responses: [201: ("The recorded move.", escalation)],
            access: "admin, pmo and executives; owners within their initiatives, below executive level"
        )) { request in
            let record = try await EscalationService.move(try request.idParameter(), try request.jsonBody(EscalationService.MoveRequest.self),
                                                          by: try request.caller, today: Day.today(), on: request.db)
            return try Response.json(EscalationService.RecordBody(record), status: .created)
        }
        router.register(APIOperation(
            method: .POST, path: ["governance", "escalations", "evaluate"], operationID: "evaluateEscalations",
            summary: "Apply the escalation rules now", tag: tag, responses: [200: ("What the rules escalated.", schema("EscalationEvaluation", EscalationService.Evaluation.self))],
            access: staff
        )) { request in
            try request.caller.require([.admin, .pmo], to: "run the escalation rules")
            let records = try await EscalationService.evaluate(on: request.db, today: Day.today())
            return try Response.json(EscalationService.Evaluation(escalated: records.map(EscalationService.RecordBody.init)))
        }
        router.register(APIOperation(
            method: .GET, path: ["governance", "heat-map"], operationID: "getRiskHeatMap",
            summary: "5 × 5 heat map and top exposures of open RAID items: one initiative, the portfolio, or executive level", tag: tag,
            parameters: [initiativeQuery, .query("level", "Only items at this escalation level (executive: what the executive sees).",
                                                 .object(["type": .string("string"), "enum": .array(EscalationLevel.rawValues.map(JSONValue.string))]))],
            responses: [200: ("The heat map.", heatMapSchema)], access: everyone
        )) { request in
            _ = try request.caller
            let (scope, map) = try await Self.heatMap(request)
            return try Response.json(HeatMapBody(scope: scope, counts: map.counts, total: map.total, top: try await topBodies(map, on: request.db)))
        }
        router.register(APIOperation(
            method: .POST, path: ["governance", "jobs", "run"], operationID: "runGovernanceJobs",
            summary: "Run the periodic governance work now: escalation rules, overdue decisions, webhook deliveries", tag: tag,
            responses: [200: ("What was done.", summary)], access: staff
        )) { request in
            try request.caller.require([.admin, .pmo], to: "run the governance jobs")
            return try Response.json(try await GovernanceJobs.runAll(app: request.application))
        }
    }

    static func reviewBody(_ model: GateReviewModel, on database: any Database) async throws -> GateService.ReviewBody {
        var maker: UUID?
        if let decisionID = model.decisionID { maker = try await DecisionModel.find(decisionID, on: database)?.decisionMakerID }
        return GateService.ReviewBody(model, decisionMakerID: maker)
    }

    /// The heat map for `initiativeID`, for `level`, or for the whole portfolio, and its scope in words.
    static func heatMap(_ request: Request) async throws -> (String, RiskHeatMap) {
        let query = RAIDItemModel.query(on: request.db).filter(\.$status != RAIDStatus.closed.rawValue)
        var scope = "portfolio"
        if let raw = request.query[String.self, at: "initiativeID"] {
            guard let id = UUID(uuidString: raw) else { throw Problem.validation([FieldIssue("initiativeID", "must be an id (UUID)")]) }
            query.filter(\.$initiativeID == id)
            scope = "initiative"
        }
        if let raw = request.query[String.self, at: "level"] {
            guard let level = EscalationLevel(rawValue: raw) else {
                throw Problem.validation([FieldIssue("level", "must be one of \(EscalationLevel.rawValues.joined(separator: ", "))")])
            }
            query.filter(\.$escalationLevel == level.rawValue)
            scope = level.rawValue
        }
        return (scope, RiskHeatMap.build(try await query.all().map(\.record)))
    }

    static func topBodies(_ map: RiskHeatMap, on database: any Database) async throws -> [EntityBody<RAIDItem>] {
        let models = try await RAIDItemModel.all(where: "id", in: map.top.map(\.id), on: database)
        let byID = Dictionary(uniqueKeysWithValues: models.map { ($0.id!, $0) })
        return map.top.compactMap { item in byID[item.id].map { EntityBody<RAIDItem>($0) } }
    }
}
