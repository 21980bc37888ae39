import Fluent
import LodestarCore
import Vapor

/// The pages of health, reporting, delivery and outcomes. Every page requires a signed-in user;
/// only the PMO and admins see and use the forms that change thresholds or build reports.
enum ReportingPages {
    static func register(on app: Application) {
        let dashboard: @Sendable (Request) async throws -> Response = { request in
            let caller = try request.caller
            return DashboardPage.view(try await Dashboard.compute(request), caller: caller).response()
        }
        app.get(use: dashboard)
        app.get("dashboard", use: dashboard)
        app.get("delivery") { request async throws -> Response in try await DeliveryPage.show(request) }
        app.get("outcomes") { request async throws -> Response in try await OutcomesPage.show(request) }
        app.get("reports") { request async throws -> Response in try await StatusReportPages.list(request) }
        app.post("reports") { request async throws -> Response in try await StatusReportPages.build(request) }
        app.get("reports", ":id") { request async throws -> Response in try await StatusReportPages.show(request) }
        app.get("reports", ":id", "markdown") { request async throws -> Response in try await StatusReportPages.markdown(request) }
        app.get("health-rules") { request async throws -> Response in try await HealthRulesPage.show(request) }
        app.get("initiatives", ":id", "status-update") { request async throws -> Response in try await StatusUpdatePage.show(request) }
        app.post("initiatives", ":id", "status-update") { request async throws -> Response in try await StatusUpdatePage.submit(request) }
        app.post("health-rules", ":rule") { request async throws -> Response in try await HealthRulesPage.submit(request) }
    }
}
