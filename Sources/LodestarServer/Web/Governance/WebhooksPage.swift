import Fluent
import LodestarCore
import Plot
import Vapor

/// Outgoing webhooks and their delivery logs: admins add and remove them, the PMO watches deliveries.
enum WebhooksPage {
    static func register(on app: Application) {
        app.get("governance", "webhooks") { request async throws -> Response in try await show(request) }
        app.post("governance", "webhooks") { request async throws -> Response in
            let caller = try request.caller
            try caller.require([.admin], to: "manage webhooks")
            let form = try request.content.decode([String: String].self)
            let input = WebhookController.WebhookInput(
                url: form["url"] ?? "", events: WebhookEvent.allCases.filter { form["event_\($0.rawValue)"] != nil },
                description: form["description"], active: true)
            do {
                let (_, secret) = try await WebhookController.create(input, by: caller, on: request.db)
                // Shown once, on this response only: it is never displayed again.
                return try await show(request, secret: secret, status: .created)
            } catch let problem as Problem where problem.status == .unprocessableEntity {
                return try await show(request, errors: problem.issues.map(\.description), status: .unprocessableEntity)
            }
        }
        app.post("governance", "webhooks", ":id", "delete") { request async throws -> Response in
            try await WebhookController.delete(try request.idParameter(), by: try request.caller, on: request.db)
            return request.redirect(to: "/governance/webhooks", redirectType: .normal)
        }
    }

    static func show(_ request: Request, secret: String? = nil, errors: [String] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        let caller = try request.caller
        try caller.require([.admin, .pmo], to: "see webhooks")
        let webhooks = try await WebhookModel.query(on: request.db).sort(\.$url).all()
        var logs: [UUID: [WebhookDeliveryModel]] = [:]
        for webhook in webhooks {
            logs[webhook.id!] = try await WebhookDeliveryModel.query(on: request.db).filter(\.$webhookID == webhook.id!)
                .sort(\.$createdAt, .descending).limit(10).all()
        }
        let isAdmin = caller.role == .admin
        return Layout(
            title: "Webhooks", caller: caller, area: .governance,
            content: .group(
                .h1(.text("Webhooks")),
                GovernancePages.tabs("/governance/webhooks", caller: caller),
                GovernancePages.flash(request, errors: errors),
                .unwrap(secret) { secret in
                    .div(.id("webhook-secret"), .class("flash"), .attribute(named: "role", value: "status"),
                         .p(.text("Webhook added. Its signing secret is shown only now; receivers check the X-Lodestar-Signature header (sha256=HMAC-SHA256 of the body) with it:")),
                         .p(.code(.text(secret))))
                },
                .if(webhooks.isEmpty, Components.empty("No webhook is configured.")),
                .forEach(webhooks) { webhook in
                    let body = WebhookBody(webhook)
                    let log = logs[webhook.id!] ?? []
                    return .section(
                        .class("panel"), .attribute(named: "aria-labelledby", value: "webhook-\(body.id)"),
                        .h2(.id("webhook-\(body.id)"), .text(body.url)),
                        .p(.text("Events: \(body.events.map(\.label).joined(separator: ", ")). \(body.description)")),
                        log.isEmpty ? Components.empty("Nothing delivered yet.") :
                        .div(.class("table-wrap"), .table(
                            .caption(.text("Latest deliveries")),
                            .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Event")), .th(.attribute(named: "scope", value: "col"), .text("Status")),
                                       .th(.class("number"), .attribute(named: "scope", value: "col"), .text("Attempts")),
                                       .th(.class("number"), .attribute(named: "scope", value: "col"), .text("Response")),
                                       .th(.attribute(named: "scope", value: "col"), .text("Last error")))),
                            .tbody(.forEach(log) { delivery in
                                .tr(.td(.text(delivery.event)), .td(.text(delivery.status)), .td(.class("number"), .text(String(delivery.attempts))),
                                    .td(.class("number"), .text(delivery.responseStatus.map(String.init) ?? "—")), .td(.text(delivery.lastError ?? "")))
                            }))),
                        .if(isAdmin, .form(.method(.post), .action("/governance/webhooks/\(body.id)/delete"), GovernanceForms.csrf(caller),
                                           .button(.type(.submit), .text("Remove this webhook"))))
                    )
                },
                .if(isAdmin, .form(
                    .id("add-webhook"), .method(.post), .action("/governance/webhooks"), GovernanceForms.csrf(caller),
                    .fieldset(
                        .element(named: "legend", text: "Add a webhook"),
                        Components.field("URL (http or https)", name: "url", value: "", type: .url, required: true),
                        .forEach(WebhookEvent.allCases) { event in
                            .div(.class("check"),
                                 .input(.type(.checkbox), .name("event_\(event.rawValue)"), .id("event_\(event.rawValue)")),
                                 .label(.for("event_\(event.rawValue)"), .text(event.label)))
                        },
                        Components.field("Description", name: "description", value: ""),
                        .button(.type(.submit), .class("primary"), .text("Add webhook"))
                    )))
            )).response(status: status)
    }
}
