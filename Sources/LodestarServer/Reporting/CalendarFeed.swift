import Fluent
import LodestarCore
import Vapor

/// A user's secret calendar-feed URL; the database keeps only the token's digest.
final class CalendarFeedModel: Model, @unchecked Sendable {
    static let schema = "calendar_feeds"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

enum CalendarFeed {
    struct Created: Content {
        /// The feed's path; calendar apps subscribe to it. Shown once: creating another revokes it.
        var path: String
    }

    static func registerAPI(on router: APIRouter) {
        let created = router.documentation.schema("CalendarFeed", SchemaRecorder.schema(for: Created.self))
        router.register(APIOperation(
            method: .POST, path: ["calendar-feed"], operationID: "createCalendarFeed",
            summary: "Create (or replace) your secret iCalendar feed of milestones, gate reviews and decision deadlines", tag: "reporting",
            responses: [201: ("The feed's secret path; any earlier one stops working.", created)],
            access: "any signed-in user, for themselves"
        )) { request in
            let caller = try request.caller
            let token = Secrets.token()
            try await request.db.transaction { database in
                try await CalendarFeedModel.query(on: database).filter(\.$userID == caller.userID).delete()
                let feed = CalendarFeedModel()
                feed.userID = caller.userID
                feed.tokenHash = Secrets.digest(token)
                try await feed.create(on: database)
                try await AuditLog.record(.create, entity: "calendar-feeds", id: feed.id!, before: nil,
                                          after: .object(["userID": .string(caller.userID.uuidString)]), by: caller, on: database)
            }
            return try Response.json(Created(path: "/calendar/\(token).ics"), status: .created)
        }
    }

    /// `GET /calendar/<token>.ics`: the token is the credential, so calendar apps need no sign-in.
    static func registerFeed(on app: Application) {
        app.get("calendar", ":file") { request async throws -> Response in
            let file = request.parameters.get("file") ?? ""
            guard file.hasSuffix(".ics") else { throw Problem.notFound("This calendar") }
            let token = String(file.dropLast(4))
            guard let feed = try await CalendarFeedModel.query(on: request.db).filter(\.$tokenHash == Secrets.digest(token)).first(),
                  let user = try await UserModel.find(feed.userID, on: request.db), !user.disabled
            else { throw Problem.notFound("This calendar") }
            let snapshot = try await request.snapshot()
            let events = CalendarEvents.events(for: user.id!, everything: user.role == .pmo || user.role == .admin, snapshot: snapshot)
            let base = "\(request.url.scheme ?? "http")://\(request.headers.first(name: .host) ?? "localhost")"
            let text = CalendarEvents.iCalendar(events, name: "Lodestar: \(user.name)", baseURL: base, stamp: Date())
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
            headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return Response(status: .ok, headers: headers, body: .init(string: text))
        }
    }
}
