import Fluent
import LodestarCore
import Vapor

/// Identifies the caller from a bearer token or the session cookie, and enforces CSRF protection for
/// unsafe requests that ride on a cookie (a bearer token cannot be sent by a foreign site).
struct AuthenticationMiddleware: AsyncMiddleware {
    static let sessionCookie = "lodestar_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Anonymous survey pages never learn who is asking, even from a signed-in browser (see SurveyPages).
        if SurveyPages.isAnonymous(request.url.path) { return try await next.respond(to: request) }
        if let bearer = request.headers.bearerAuthorization {
            request.optionalCaller = try await Self.caller(forToken: bearer.token, on: request.db)
            guard request.optionalCaller != nil else {
                throw Problem(status: .unauthorized, slug: "invalid-token", title: "Invalid token",
                              detail: "The API token is unknown or revoked.", headers: ["WWW-Authenticate": "Bearer"])
            }
        } else if let cookie = request.cookies[Self.sessionCookie]?.string {
            request.optionalCaller = try await Self.caller(forSession: cookie, on: request.db)
            if let caller = request.optionalCaller, request.method.isUnsafe {
                try await Self.verifyCSRF(request, expected: caller.csrfToken)
            }
        }
        return try await next.respond(to: request)
    }

    static func caller(forToken token: String, on database: any Database) async throws -> Caller? {
        guard let holder = try await TokenHolder.find(digest: Secrets.digest(token), on: database), !holder.disabled,
              let role = Role(rawValue: holder.role)
        else { return nil }
        // Recording use at most once a minute keeps a busy token from turning every read into a write.
        if (holder.lastUsedAt ?? .distantPast) < Date().addingTimeInterval(-60) {
            try await TokenHolder.recordUse(of: holder.tokenID, on: database)
        }
        return Caller(userID: holder.userID, email: holder.email, name: holder.name, role: role, credential: .apiToken(id: holder.tokenID))
    }

    static func caller(forSession token: String, on database: any Database) async throws -> Caller? {
        guard let session = try await SessionModel.query(on: database)
            .filter(\.$tokenHash == Secrets.digest(token))
            .filter(\.$expiresAt > Date())
            .with(\.$user)
            .first(),
            !session.user.disabled
        else { return nil }
        return Caller(user: session.user, credential: .session(id: session.id!, csrfToken: session.csrfToken))
    }

    static func verifyCSRF(_ request: Request, expected: String?) async throws {
        guard let expected else { return }
        var supplied = request.headers.first(name: "X-CSRF-Token")
        let isUpload = request.headers.contentType?.type == "multipart" && request.headers.contentType?.subType == "form-data"
        if supplied == nil, request.headers.contentType == .urlEncodedForm || isUpload {
            // Middleware runs before the route collects a streamed body; read it here to see the token.
            if request.body.data == nil { _ = try await request.body.collect(max: isUpload ? ImportReading.maxFileBytes + (1 << 20) : 1 << 20).get() }
            supplied = try? request.content.get(String.self, at: "csrf")
        }
        guard let supplied, Secrets.constantTimeEqual(supplied, expected) else { throw Problem.csrf }
    }
}

extension HTTPMethod {
    var isUnsafe: Bool { !(self == .GET || self == .HEAD || self == .OPTIONS) }
}
