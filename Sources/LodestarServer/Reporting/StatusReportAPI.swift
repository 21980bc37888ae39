import Fluent
import LodestarCore
import Vapor

/// Stored status reports and owners' prefilled status drafts.
enum StatusReportAPI {
    struct BuildRequest: Content {
        /// Any day of the period to report on.
        var period: Day
    }

    static func register(on router: APIRouter) {
        let docs = router.documentation
        let summary = docs.schema("StatusReportSummary", SchemaRecorder.schema(for: StatusReportSummary.self))
        let stored = docs.schema("StoredStatusReport", SchemaRecorder.schema(for: StoredStatusReport.self))
        let build = docs.schema("StatusReportBuildRequest", SchemaRecorder.schema(for: BuildRequest.self))
        let draft = docs.schema("StatusUpdateDraft", SchemaRecorder.schema(for: StatusUpdate.self))

        router.register(APIOperation(
            method: .GET, path: ["status-reports"], operationID: "listStatusReports",
            summary: "Stored status reports, newest period and version first", tag: "reporting",
            responses: [200: ("Every version of every report (without content).", .object(["type": .string("array"), "items": summary]))],
            access: ReportingAPI.readers
        )) { request in
            _ = try request.caller
            return try Response.json(try await StatusReports.list(on: request.db).map(StatusReportSummary.init))
        }
        router.register(APIOperation(
            method: .POST, path: ["status-reports"], operationID: "buildStatusReport",
            summary: "Build the report of the period containing a day now, as a new version", tag: "reporting",
            requestSchema: build, responses: [201: ("The new version.", stored)], access: "pmo and admin"
        )) { request in
            let caller = try request.caller
            try caller.require([.admin, .pmo], to: "build status reports")
            let body = try request.jsonBody(BuildRequest.self)
            let model = try await StatusReports.build(period: StatusReports.cadence.period(containing: body.period), by: caller.email, on: request.db)
            return try Response.json(try StoredStatusReport(model), status: .created, headers: ["Location": "/api/v1/status-reports/\(model.id!)"])
        }
        router.register(APIOperation(
            method: .GET, path: ["status-reports", "{id}"], operationID: "getStatusReport",
            summary: "One stored report version with its content", tag: "reporting", parameters: [.id],
            responses: [200: ("The report.", stored)], access: ReportingAPI.readers
        )) { request in
            _ = try request.caller
            let model = try await find(request)
            return try Response.json(try StoredStatusReport(model))
        }
        router.register(APIOperation(
            method: .GET, path: ["initiatives", "{id}", "status-draft"], operationID: "getStatusDraft",
            summary: "A status update for the current period, prefilled with what changed since the last one", tag: "reporting",
            parameters: [.id], responses: [200: ("The draft; submit it (edited) to POST /api/v1/status-updates.", draft)],
            access: "the initiative's owner, pmo and admin"
        )) { request in
            let caller = try request.caller
            let id = try request.idParameter()
            guard let initiative = try await InitiativeModel.find(id, on: request.db) else { throw Problem.notFound("Initiative \(id)") }
            guard caller.isPortfolioStaff || (caller.role == .owner && initiative.ownerID == caller.userID) else {
                throw Problem.forbidden("Only the initiative's owner and the PMO report its status.")
            }
            let snapshot = try await request.snapshot(cadence: StatusReports.cadence)
            guard let draft = StatusDraft.prefill(id, snapshot: snapshot, index: PortfolioIndex(snapshot)) else {
                throw Problem.notFound("Initiative \(id)")
            }
            return try Response.json(draft)
        }
    }

    static func find(_ request: Request) async throws -> StatusReportModel {
        let id = try request.idParameter()
        guard let model = try await StatusReportModel.find(id, on: request.db) else { throw Problem.notFound("Status report \(id)") }
        return model
    }

    static func markdownResponse(_ report: StatusReport) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/markdown; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: report.markdown))
    }
}
