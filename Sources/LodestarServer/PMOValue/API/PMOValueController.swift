import Fluent
import LodestarCore
import Vapor

/// The PMO-value API: the charter's records and chain, KPIs and their computation, surveys and
/// their results, the improvement backlog, maturity assessments and the impact report.
///
/// Who may do what: every signed-in user reads the charter, KPIs, backlog, maturity and the impact
/// report; admin and pmo change them, compute KPIs and issue survey links; survey results (which hold
/// free-text answers) are for admin, pmo and executives. Survey responses are anonymous and come only
/// through the public response page.
enum PMOValueController {
    /// The PMO-value records, each with the full resource contract (list, read, create, replace, patch, delete).
    static let resources: [EntityRegistry.Entry] = [
        EntityRegistry.Entry(PMOProblemModel.self),
        EntityRegistry.Entry(PMOServiceModel.self),
        EntityRegistry.Entry(PMOKPIModel.self),
        EntityRegistry.Entry(KPIMeasurementModel.self),
        EntityRegistry.Entry(ImprovementItemModel.self),
        EntityRegistry.Entry(MaturityAssessmentModel.self),
        EntityRegistry.Entry(SurveyModel.self),
        EntityRegistry.Entry(SurveyWaveModel.self),
    ]

    static let staff = "admin and pmo"
    static let everyone = "any signed-in user"
    static let resultReaders = "admin, pmo and executives"
    static let tag = "PMO value"

    static func register(on router: APIRouter) {
        for resource in resources { resource.register(router) }
        let documentation = router.documentation
        func schema<T: Decodable>(_ name: String, _ type: T.Type) -> JSONValue {
            documentation.schema(name, SchemaRecorder.schema(for: type))
        }
        func array(_ items: JSONValue) -> JSONValue { .object(["type": .string("array"), "items": items]) }
        let day = JSONValue.object(["type": .string("string"), "format": .string("date")])

        router.register(APIOperation(
            method: .GET, path: ["pmo-charter"], operationID: "getPMOCharter",
            summary: "The charter as a chain: problem → service → KPI → trend, with services lacking a KPI and problems no service addresses",
            tag: tag, responses: [200: ("The chain and its gaps.", schema("PMOCharter", PMOValueBodies.Charter.self))], access: everyone
        )) { request in
            _ = try request.caller
            return try Response.json(try await charter(on: request.db))
        }

        router.register(APIOperation(
            method: .GET, path: [PMOKPIModel.resource.path, "{id}", "trend"], operationID: "getPMOKPITrend",
            summary: "A PMO KPI's measurements, latest value and whether it meets its target", tag: tag, parameters: [.id],
            responses: [200: ("The trend.", schema("PMOKPITrend", PMOValueBodies.KPILine.self))], access: everyone
        )) { request in
            _ = try request.caller
            let id = try request.idParameter()
            guard let kpi = try await PMOKPIModel.find(id, on: request.db) else { throw Problem.notFound("PMO KPI \(id)") }
            let measurements = try await KPIMeasurementModel.query(on: request.db).filter(\.$kpiID == id).all().map(\.fields)
            return try Response.json(PMOValueBodies.KPILine(kpi.record, measurements: measurements))
        }

        router.register(APIOperation(
            method: .POST, path: ["pmo-kpi-computations"], operationID: "computePMOKPIs",
            summary: "Compute every portfolio-derived PMO KPI as of a day (default today) and store it as that day's measurement; running it again replaces the day's values",
            tag: tag, requestSchema: schema("PMOKPIComputationRequest", KPIComputation.ComputeRequest.self),
            responses: [200: ("One line per computed KPI.", array(schema("PMOKPIComputation", KPIComputation.Outcome.self)))], access: staff
        )) { request in
            let caller = try request.caller
            let body = try request.jsonBody(KPIComputation.ComputeRequest.self)
            return try Response.json(try await KPIComputation.run(asOf: body.asOf ?? Day.today(), by: caller, on: request.db))
        }

        router.register(APIOperation(
            method: .POST, path: [SurveyWaveModel.resource.path, "{id}", "invitations"], operationID: "issueSurveyLinks",
            summary: "Issue anonymous single-use response links for one stakeholder group of a wave; the links are shown only in this answer",
            tag: tag, parameters: [.id], requestSchema: schema("SurveyInvitationRequest", PMOValueBodies.InvitationRequest.self),
            responses: [201: ("The links, valid until the wave closes.", schema("SurveyLinks", PMOValueBodies.IssuedLinks.self))], access: staff
        )) { request in
            let caller = try request.caller
            let body = try request.jsonBody(PMOValueBodies.InvitationRequest.self)
            let issued = try await SurveyLinks.issue(
                waveID: try request.idParameter(), group: body.stakeholderGroup, count: body.count, by: caller, on: request.db)
            return try Response.json(issued, status: .created)
        }

        router.register(APIOperation(
            method: .GET, path: [SurveyWaveModel.resource.path, "{id}", "results"], operationID: "getSurveyWaveResults",
            summary: "A wave's NPS and satisfaction overall and by stakeholder group, per-question results and free-text answers",
            tag: tag, parameters: [.id], responses: [200: ("The results.", schema("SurveyWaveResults", PMOValueBodies.WaveResultsBody.self))],
            access: resultReaders
        )) { request in
            try request.caller.require([.admin, .pmo, .executive], to: "read survey results")
            return try Response.json(try await waveResults(try request.idParameter(), on: request.db))
        }

        router.register(APIOperation(
            method: .GET, path: [SurveyModel.resource.path, "{id}", "trend"], operationID: "getSurveyTrend",
            summary: "A survey's NPS and satisfaction wave by wave, oldest first", tag: tag, parameters: [.id],
            responses: [200: ("One line per wave.", array(schema("SurveyWaveTrend", PMOValueBodies.WaveTrend.self)))], access: resultReaders
        )) { request in
            try request.caller.require([.admin, .pmo, .executive], to: "read survey results")
            let waves = try await PMOValueQueries.waves(ofSurvey: try request.idParameter(), on: request.db)
            return try Response.json(waves.map { wave, results in
                PMOValueBodies.WaveTrend(
                    waveID: wave.id, name: wave.name, opensOn: wave.opensOn, closesOn: wave.closesOn, overall: results.overall,
                    groups: results.groups)
            })
        }

        router.register(APIOperation(
            method: .GET, path: ["pmo-impact-report"], operationID: "getPMOImpactReport",
            summary: "The PMO impact report for a date range (default: the year up to today), with its narrative",
            tag: tag,
            parameters: [
                .query("from", "First day (default: a year before `to`).", day),
                .query("to", "Last day (default: today).", day),
            ],
            responses: [200: ("The report.", schema("PMOImpactReport", ImpactReport.self))], access: everyone
        )) { request in
            _ = try request.caller
            let range = try reportRange(request)
            return try Response.json(try await PMOValueQueries.impactReport(from: range.from, to: range.to, on: request.db))
        }
    }

    static func charter(on database: any Database) async throws -> PMOValueBodies.Charter {
        let services = try await PMOServiceModel.query(on: database).all().map(\.record)
        return PMOValueBodies.Charter(
            try await PMOValueQueries.charter(on: database), services: services,
            measurements: try await PMOValueQueries.kpiMeasurements(on: database))
    }

    static func waveResults(_ waveID: UUID, on database: any Database) async throws -> PMOValueBodies.WaveResultsBody {
        let (wave, _, results) = try await PMOValueQueries.results(ofWave: waveID, on: database)
        let invitations = try await SurveyInvitationModel.query(on: database).filter(\.$waveID == waveID).all()
        let groups = Dictionary(grouping: invitations, by: \.stakeholderGroup).map { group, members in
            PMOValueBodies.GroupInvitations(group: group, issued: members.count, used: members.filter(\.used).count)
        }.sorted { $0.group < $1.group }
        return PMOValueBodies.WaveResultsBody(wave: wave.fields, waveID: waveID, results: results, invitations: groups)
    }

    /// `from` and `to` from the query string: a year up to today by default; bad values name the parameter.
    static func reportRange(_ request: Request) throws -> (from: Day, to: Day) {
        var issues: [FieldIssue] = []
        func day(_ name: String) -> Day? {
            guard let raw = request.query[String.self, at: name], !raw.isEmpty else { return nil }
            guard let value = Day(raw) else { issues.append(FieldIssue(name, "must be a date such as 2027-03-31")); return nil }
            return value
        }
        let to = day("to") ?? Day.today()
        let from = day("from") ?? to.adding(months: -12).adding(days: 1)
        if from > to { issues.append(FieldIssue("from", "must not be after to")) }
        if !issues.isEmpty { throw Problem.validation(issues) }
        return (from, to)
    }
}
