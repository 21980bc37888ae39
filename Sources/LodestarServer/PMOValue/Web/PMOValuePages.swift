import Vapor

/// The PMO-value pages. Every page needs a signed-in user (surveys' results: admin, pmo and
/// executives); forms are for admin and pmo and carry the session's CSRF token. The anonymous survey
/// response pages are registered by `SurveyPages`.
enum PMOValuePages {
    static func register(on app: Application) {
        SurveyPages.register(on: app)
        let pmo = app.grouped("pmo")
        pmo.get { request async throws -> Response in try await PMOCharterPage.show(request) }
        pmo.post("kpis", "compute") { request async throws -> Response in try await PMOCharterPage.compute(request) }
        pmo.get("kpis", ":id") { request async throws -> Response in try await PMOKPIPage.show(request) }
        pmo.post("kpis", ":id", "measurements") { request async throws -> Response in try await PMOKPIPage.record(request) }
        pmo.get("surveys") { request async throws -> Response in try await PMOSurveyPages.list(request) }
        pmo.get("survey-waves", ":id") { request async throws -> Response in try await PMOSurveyPages.wave(request) }
        pmo.post("survey-waves", ":id", "links") { request async throws -> Response in try await PMOSurveyPages.issue(request) }
        pmo.get("improvements") { request async throws -> Response in try await PMOImprovementsPage.show(request) }
        pmo.get("improvements", "new") { request async throws -> Response in try await ImprovementItemForm.show(request) }
        pmo.post("improvements", "new") { request async throws -> Response in try await ImprovementItemForm.submit(request) }
        pmo.get("maturity") { request async throws -> Response in try await PMOMaturityPage.show(request) }
        pmo.get("maturity", "new") { request async throws -> Response in try await MaturityAssessmentForm.show(request) }
        pmo.post("maturity", "new") { request async throws -> Response in try await MaturityAssessmentForm.submit(request) }
        pmo.get("impact-report") { request async throws -> Response in try await ImpactReportPage.show(request) }
        pmo.get("impact-report.md") { request async throws -> Response in try await ImpactReportPage.markdown(request) }
    }
}
