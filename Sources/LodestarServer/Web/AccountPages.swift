import Fluent
import LodestarCore
import Plot
import Vapor

/// The signed-in user's API tokens: create (the secret is shown once) and revoke.
enum AccountPages {
    static func tokens(_ request: Request, newSecret: String? = nil, error: String? = nil) async throws -> Response {
        let caller = try request.caller
        let tokens = try await AccountController.tokens(of: caller, on: request.db)
        return Layout(
            title: "API tokens", caller: caller, area: .account,
            content: .group(
                .h1(.text("API tokens")),
                .p(.text("Tokens let scripts and assistants use the API as you, with your role: send `Authorization: Bearer <token>`.")),
                .unwrap(newSecret) { secret in
                    .div(.class("flash"), .id("flash"), .attribute(named: "role", value: "status"),
                         .p(.text("Copy your new token now: it will not be shown again.")),
                         .p(.code(.id("new-token"), .text(secret))))
                },
                .form(
                    .method(.post), .action("/account/tokens"),
                    .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                    Components.field("Token name", name: "name", value: "", error: error, required: true, hint: "What will use it, e.g. 'weekly export script'."),
                    .button(.type(.submit), .class("primary"), .text("Create token"))
                ),
                tokens.isEmpty ? Components.empty("You have no tokens.") :
                .div(.class("table-wrap"), .table(
                    .thead(.tr(.th(.text("Name")), .th(.text("Starts with")), .th(.text("Created")), .th(.text("Last used")), .th(.text("State")))),
                    .tbody(.forEach(tokens) { token in
                        .tr(
                            .td(.text(token.name)), .td(.code(.text(token.prefix + "…"))),
                            .td(.text(token.createdAt.map { Day($0).description } ?? "—")),
                            .td(.text(token.lastUsedAt.map { Day($0).description } ?? "never")),
                            .td(token.revokedAt == nil
                                ? .form(.method(.post), .action("/account/tokens/\(token.id!)/revoke"),
                                        .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                                        .button(.type(.submit), .text("Revoke \(token.name)")))
                                : .text("Revoked"))
                        )
                    })))
            )).response(status: error == nil ? .ok : .unprocessableEntity)
    }

    static func create(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let name = (try? request.content.get(String.self, at: "name")) ?? ""
        do {
            let (_, secret) = try await AccountController.createToken(for: caller.userID, name: name, by: caller, on: request.db)
            return try await tokens(request, newSecret: secret)
        } catch let problem as Problem where problem.status == .unprocessableEntity {
            return try await tokens(request, error: problem.issues.first?.reason)
        }
    }

    static func revoke(_ request: Request) async throws -> Response {
        try await AccountController.revoke(try request.idParameter(), by: try request.caller, on: request.db)
        return request.redirect(to: "/account/tokens", redirectType: .normal)
    }
}
