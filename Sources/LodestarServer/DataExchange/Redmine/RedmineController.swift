import Fluent
import Foundation
import LodestarCore
import Vapor

/// `/api/v1/connectors/redmine`: the connection (admin sets it, pmo reads it) and its sync (admin, pmo).
enum RedmineController {
    static func register(on router: APIRouter) {
        let settings = router.documentation.schema("RedmineSettings", SchemaRecorder.schema(for: RedmineSync.Settings.self))
        let change = router.documentation.schema("RedmineSettingsChange", SchemaRecorder.schema(for: RedmineSync.Change.self))
        router.register(APIOperation(
            method: .GET, path: ["connectors", "redmine"], operationID: "getRedmineConnection",
            summary: "The Redmine connection (the API key is never returned)", tag: "connectors",
            responses: [200: ("The connection.", settings)], access: "admin and pmo"
        )) { request in
            let current = try await sync(request).settings()
            return try Response.json(current ?? RedmineSync.Settings(url: nil, hasAPIKey: false, lastSyncedAt: nil))
        }
        router.register(APIOperation(
            method: .PUT, path: ["connectors", "redmine"], operationID: "putRedmineConnection",
            summary: "Set the Redmine URL and API key (stored encrypted)", tag: "connectors", requestSchema: change,
            responses: [200: ("The connection.", settings)], access: "admin"
        )) { request in
            try Response.json(try await sync(request).configure(try request.jsonBody(RedmineSync.Change.self)))
        }
        router.register(APIOperation(
            method: .POST, path: ["connectors", "redmine", "sync"], operationID: "syncRedmine",
            summary: "Sync from Redmine now: projects → initiatives, versions → milestones, issues → progress and RAID items; only issues changed since the last sync are read",
            tag: "connectors", parameters: [.query("dryRun", "`true` to see what would change without writing.", .object(["type": .string("boolean")]))],
            responses: [200: ("What the sync changed.", APIDocumentation.ref("ImportOutcome"))], access: "admin and pmo"
        )) { request in
            let dryRun = request.query[Bool.self, at: "dryRun"] ?? false
            return try Response.json(try await sync(request).run(commit: !dryRun))
        }
    }

    static func sync(_ request: Request) throws -> RedmineSync {
        RedmineSync(caller: try request.caller, database: request.db, client: request.client, box: try SecretBox.configured(for: request.application))
    }
}
