import Fluent
import LodestarCore
import Vapor

/// Closing a planning cycle (with its decisions and a snapshot of the plan) and comparing the
/// snapshot with the plan as it is now.
enum PlanningCycleController {
    struct CloseRequest: Codable, Sendable {
        var decisionsSummary: String
    }

    static func register(on router: APIRouter) {
        let documentation = router.documentation
        let cycle = APIDocumentation.ref(PlanningCycleModel.resource.schemaName)
        let snapshotSchema = documentation.schema("PlanSnapshot", SchemaRecorder.schema(for: PlanSnapshot.self))
        let changesSchema = documentation.schema("PlanChanges", SchemaRecorder.schema(for: PlanChanges.self))
        let closeSchema = documentation.schema("CloseCycleRequest", SchemaRecorder.schema(for: CloseRequest.self))
        let path = PlanningCycleModel.resource.path

        router.register(APIOperation(
            method: .POST, path: [path, "{id}", "close"], operationID: "closePlanningCycle",
            summary: "Close a planning cycle with the decisions taken, keeping a snapshot of the plan", tag: "planning cycles",
            parameters: [.id, .ifMatch], requestSchema: closeSchema, responses: [200: ("The closed cycle.", cycle)], access: "admin, pmo"
        )) { request in
            let caller = try request.caller
            let version = try request.expectedVersion(required: true)!
            let body = try request.jsonBody(CloseRequest.self)
            let model = try await Self.close(try request.idParameter(), version: version, summary: body.decisionsSummary, by: caller, on: request.db)
            return try ResourceController<PlanningCycleModel>.respond(with: model)
        }

        router.register(APIOperation(
            method: .GET, path: [path, "{id}", "snapshot"], operationID: "getPlanSnapshot",
            summary: "The plan as it stood when the cycle closed", tag: "planning cycles", parameters: [.id],
            responses: [200: ("The snapshot.", snapshotSchema)], access: "any signed-in user"
        )) { request in
            _ = try request.caller
            return try Response.json(try await snapshot(of: try request.idParameter(), on: request.db))
        }

        router.register(APIOperation(
            method: .GET, path: [path, "{id}", "changes"], operationID: "getPlanChangesSinceCycle",
            summary: "What changed in the plan since the cycle closed", tag: "planning cycles", parameters: [.id],
            responses: [200: ("Work that joined or left the plan, rank moves and the budget change.", changesSchema)],
            access: "any signed-in user"
        )) { request in
            _ = try request.caller
            let before = try await snapshot(of: try request.idParameter(), on: request.db)
            let now = PlanSnapshot.take(of: try await request.portfolio(.scoring), on: .today())
            return try Response.json(before.changes(to: now))
        }
    }

    /// Keeps the snapshot, then closes the cycle at `version`: both or neither.
    static func close(_ id: UUID, version: Int, summary: String, by caller: Caller, on database: any Database) async throws -> PlanningCycleModel {
        try caller.require([.admin, .pmo], to: "close planning cycles")
        let summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty else { throw Problem.validation([FieldIssue("decisionsSummary", "is required: what did this cycle decide?")]) }
        let data = try await PortfolioData.load(on: database, parts: .scoring)
        return try await database.transaction { database in
            guard let cycle = try await PlanningCycleModel.find(id, on: database) else { throw Problem.notFound("Planning cycle \(id)") }
            guard cycle.status == PlanningCycleStatus.open.rawValue else { throw Problem.conflict("The cycle is already closed.") }
            try await PlanSnapshotModel(cycleID: id, snapshot: PlanSnapshot.take(of: data, on: .today())).create(on: database)
            return try await EntityStore<PlanningCycleModel>(caller: caller, database: database).update(id, expectedVersion: version) { cycle in
                var cycle = cycle
                cycle.status = .closed
                cycle.closedOn = max(Day.today(), cycle.openedOn)
                cycle.decisionsSummary = summary
                return cycle
            }
        }
    }

    static func snapshot(of cycle: UUID, on database: any Database) async throws -> PlanSnapshot {
        guard try await PlanningCycleModel.find(cycle, on: database) != nil else { throw Problem.notFound("Planning cycle \(cycle)") }
        guard let model = try await PlanSnapshotModel.query(on: database).filter(\.$cycleID == cycle).first(),
              let snapshot = model.decodedSnapshot
        else { throw Problem.notFound("A snapshot of planning cycle \(cycle) (it is kept when the cycle closes)") }
        return snapshot
    }
}
