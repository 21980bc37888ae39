import Fluent
import LodestarCore
import Vapor

/// Outgoing webhooks, configured by admins: subscribe a URL to events; admins and the PMO read the delivery log.
enum WebhookController {
    struct WebhookInput: Content {
        var url: String
        var events: [WebhookEvent]
        var description: String?
        var active: Bool?
    }

    struct CreatedWebhook: Content {
        var webhook: WebhookBody
        /// Shown once: receivers check `X-Lodestar-Signature` (sha256=HMAC of the body) with it.
        var secret: String
    }

    static func register(on router: APIRouter) {
        let docs = router.documentation
        let webhook = docs.schema("Webhook", SchemaRecorder.schema(for: WebhookBody.self))
        let input = docs.schema("WebhookInput", SchemaRecorder.schema(for: WebhookInput.self))
        let created = docs.schema("CreatedWebhook", SchemaRecorder.schema(for: CreatedWebhook.self))
        let delivery = docs.schema("WebhookDelivery", SchemaRecorder.schema(for: WebhookDeliveryBody.self))
        let admin = "admin"
        // The PMO watches deliveries (a failing receiver means unseen escalations); only admins configure.
        let readers = "admin and pmo"
        let tag = "webhooks"

        router.register(APIOperation(
            method: .GET, path: ["webhooks"], operationID: "listWebhooks", summary: "Outgoing webhooks", tag: tag,
            responses: [200: ("Webhooks (secrets are never shown again).", .object(["type": .string("array"), "items": webhook]))], access: readers
        )) { request in
            try request.caller.require([.admin, .pmo], to: "read webhooks")
            return try Response.json(try await WebhookModel.query(on: request.db).sort(\.$url).all().map(WebhookBody.init))
        }
        router.register(APIOperation(
            method: .POST, path: ["webhooks"], operationID: "createWebhook", summary: "Subscribe a URL to events (its signing secret is shown once)",
            tag: tag, requestSchema: input, responses: [201: ("The webhook and its secret.", created)], access: admin
        )) { request in
            let caller = try request.caller
            try caller.require([.admin], to: "manage webhooks")
            let (model, secret) = try await create(try request.jsonBody(WebhookInput.self), by: caller, on: request.db)
            return try Response.json(CreatedWebhook(webhook: WebhookBody(model), secret: secret), status: .created)
        }
        router.register(APIOperation(
            method: .DELETE, path: ["webhooks", "{id}"], operationID: "deleteWebhook", summary: "Remove a webhook and its delivery log", tag: tag,
            parameters: [.id], responses: [204: ("Removed.", nil)], access: admin
        )) { request in
            let caller = try request.caller
            try caller.require([.admin], to: "manage webhooks")
            try await delete(try request.idParameter(), by: caller, on: request.db)
            return Response(status: .noContent)
        }
        router.register(APIOperation(
            method: .GET, path: ["webhooks", "{id}", "deliveries"], operationID: "listWebhookDeliveries", summary: "A webhook's delivery log, newest first",
            tag: tag, parameters: [.id] + APIOperation.Parameter.pagination,
            responses: [200: ("A page of deliveries.", SchemaRecorder.listSchema(items: delivery))], access: readers
        )) { request in
            try request.caller.require([.admin, .pmo], to: "read webhook deliveries")
            let id = try request.idParameter()
            guard try await WebhookModel.find(id, on: request.db) != nil else { throw Problem.notFound("Webhook \(id)") }
            let query = try ListQuery(request, listing: Listing(sorts: ["createdAt": "created_at"], defaultSort: "createdAt"))
            let builder = WebhookDeliveryModel.query(on: request.db).filter(\.$webhookID == id)
            let total = try await builder.copy().count()
            let items = try await builder.sort(\.$createdAt, .descending).sort(\.$id).range(query.window).all()
            return try Response.json(Page(items: items.map(WebhookDeliveryBody.init), total: total, limit: query.limit, offset: query.offset))
        }
    }

    /// Removes a webhook and its delivery log (audited).
    static func delete(_ id: UUID, by caller: Caller, on database: any Database) async throws {
        try caller.require([.admin], to: "manage webhooks")
        guard let model = try await WebhookModel.find(id, on: database) else { throw Problem.notFound("Webhook \(id)") }
        try await database.transaction { database in
            try await model.delete(on: database)
            try await AuditLog.record(.delete, entity: "webhooks", id: id, before: try JSONValue(encoding: WebhookBody(model)), after: nil,
                                      by: caller, on: database)
        }
    }

    static func create(_ input: WebhookInput, by caller: Caller, on database: any Database) async throws -> (WebhookModel, String) {
        var issues: [FieldIssue] = []
        let url = input.url.trimmingCharacters(in: .whitespaces)
        if let components = URLComponents(string: url), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
           !(components.host ?? "").isEmpty, url.count <= 2000 {
        } else {
            issues.append(FieldIssue("url", "must be an http or https URL"))
        }
        if input.events.isEmpty { issues.append(FieldIssue("events", "subscribe to at least one event")) }
        if (input.description ?? "").count > 200 { issues.append(FieldIssue("description", "must be at most 200 characters")) }
        if !issues.isEmpty { throw Problem.validation(issues) }
        let secret = "whsec_" + Secrets.token()
        let model = WebhookModel()
        model.id = UUID()
        model.version = 1
        model.url = url
        model.secret = secret
        model.events = StoredJSON.encode(Array(Set(input.events)).sorted { $0.rawValue < $1.rawValue })
        model.active = input.active ?? true
        model.description = input.description ?? ""
        try await database.transaction { database in
            try await model.create(on: database)
            try await AuditLog.record(.create, entity: "webhooks", id: model.id!, before: nil, after: try JSONValue(encoding: WebhookBody(model)),
                                      by: caller, on: database)
        }
        return (model, secret)
    }
}
