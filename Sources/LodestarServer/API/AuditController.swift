import Fluent
import LodestarCore
import Vapor

/// Who changed what, when: readable by admin and pmo.
enum AuditController {
    static func register(on router: APIRouter) {
        let entry = router.documentation.schema("AuditEntry", SchemaRecorder.schema(for: AuditEntryBody.self))
        router.register(APIOperation(
            method: .GET, path: ["audit"], operationID: "listAuditEntries", summary: "List audit entries, newest first", tag: "audit",
            parameters: APIOperation.Parameter.pagination + [
                .query("entity", "Only this kind of record, e.g. `initiatives`.", .object(["type": .string("string")])),
                .query("entityID", "Only this record.", .object(["type": .string("string"), "format": .string("uuid")])),
                .query("actorID", "Only changes by this user.", .object(["type": .string("string"), "format": .string("uuid")])),
                .query("action", "Only this action.", .object(["type": .string("string"), "enum": .array(AuditAction.rawValues.map(JSONValue.string))])),
                .query("since", "Only changes at or after this instant (ISO 8601).", .object(["type": .string("string"), "format": .string("date-time")])),
                .query("until", "Only changes before this instant (ISO 8601).", .object(["type": .string("string"), "format": .string("date-time")])),
            ],
            responses: [200: ("A page of audit entries.", SchemaRecorder.listSchema(items: entry))], access: "admin and pmo"
        )) { request in
            let caller = try request.caller
            try caller.require([.admin, .pmo], to: "read the audit log")
            let listing = Listing(
                filters: [.text("entity", "entity"), .id("entityID", "entity_id"), .id("actorID", "actor_id"), .vocabulary("action", "action", AuditAction.self)],
                sorts: ["occurredAt": "occurred_at"], defaultSort: "-occurredAt")
            let query = try ListQuery(request, listing: listing)
            let builder = AuditEntryModel.query(on: request.db).filter(matching: query)
            var issues: [FieldIssue] = []
            for (name, isStart) in [("since", true), ("until", false)] {
                guard let raw = request.query[String.self, at: name] else { continue }
                guard let date = ISO8601DateFormatter().date(from: raw) else {
                    issues.append(FieldIssue(name, "must be an ISO 8601 instant such as 2026-11-21T09:00:00Z"))
                    continue
                }
                if isStart { builder.filter(\.$occurredAt >= date) } else { builder.filter(\.$occurredAt < date) }
            }
            if !issues.isEmpty { throw Problem.validation(issues) }
            let total = try await builder.copy().count()
            let entries = try await builder.sort(\.$occurredAt, .descending).sort(\.$id)
                .range(query.window).all()
            return try Response.json(Page(items: entries.map(AuditEntryBody.init), total: total, limit: query.limit, offset: query.offset))
        }
    }
}
