import Fluent
import LodestarCore
import Vapor

/// The pages of the web app. Every page requires a signed-in user; forms are CSRF-checked by
/// `AuthenticationMiddleware`.
enum WebRoutes {
    static func register(on app: Application) throws {
        SessionController.register(on: app)
        app.get("assets", "lodestar.css") { _ in Stylesheet.response() }

        ReportingPages.register(on: app)
        app.get("initiatives") { request async throws -> Response in
            let caller = try request.caller
            return PortfolioPage.view(try await PortfolioPage.query(request), caller: caller).response()
        }
        app.get("initiatives", ":id") { request async throws -> Response in
            let caller = try request.caller
            let model = try await InitiativePage.query(try request.idParameter(), caller: caller, on: request.db)
            let flash = request.query[String.self, at: "saved"] == nil ? nil : "Saved."
            return InitiativePage.view(model, caller: caller, flash: flash).response()
        }
        app.get("initiatives", ":id", "edit") { request async throws -> Response in
            let caller = try request.caller
            let id = try request.idParameter()
            guard let initiative = try await InitiativeModel.find(id, on: request.db) else { throw Problem.notFound("Initiative \(id)") }
            guard caller.isPortfolioStaff || (caller.role == .owner && initiative.ownerID == caller.userID) else {
                throw Problem.forbidden("Only the PMO and the initiative's owner may edit it.")
            }
            let model = InitiativeEditPage.Model(
                id: id, version: initiative.version, values: InitiativeEditPage.values(of: initiative.fields), errors: [:],
                notice: nil, people: try await InitiativeEditPage.people(on: request.db))
            return InitiativeEditPage.view(model, caller: caller).response()
        }
        app.post("initiatives", ":id", "edit") { request async throws -> Response in try await InitiativeEditPage.submit(request) }
        app.get("strategy") { request async throws -> Response in try await StrategyPage.view(request) }
        app.get("priorities") { request async throws -> Response in try await PrioritiesPage.view(request) }
        app.get("capacity") { request async throws -> Response in try await CapacityPage.view(request) }
        ScenarioPages.register(on: app)
        PlanningCyclePages.register(on: app)
        app.get("objectives") { request async throws -> Response in try await ObjectivePages.tree(request) }
        app.get("objectives", ":id") { request async throws -> Response in try await ObjectivePages.show(request) }
        app.get("account", "tokens") { request async throws -> Response in try await AccountPages.tokens(request) }
        app.post("account", "tokens") { request async throws -> Response in try await AccountPages.create(request) }
        app.post("account", "tokens", ":id", "revoke") { request async throws -> Response in try await AccountPages.revoke(request) }
    }
}
