import Fluent
import NIOConcurrencyHelpers
import LodestarCore
import Plot
import Vapor

/// Signing in and out of the web app.
enum SessionController {
    static let loginCSRFCookie = "lodestar_login_csrf"

    struct LoginForm: Content {
        var email: String?
        var password: String?
        var csrf: String?
        var next: String?
    }

    static func register(on app: Application) {
        app.get("login") { request async throws -> Response in
            if request.optionalCaller != nil { return request.redirect(to: safeNext(request.query[String.self, at: "next"])) }
            return loginPage(request, email: "", message: nil, status: .ok)
        }
        app.post("login") { request async throws -> Response in try await login(request) }
        app.post("logout") { request async throws -> Response in
            if case .session(let id, _)? = request.optionalCaller?.credential {
                try await SessionModel.query(on: request.db).filter(\.$id == id).delete()
            }
            let response = request.redirect(to: "/login", redirectType: .normal)
            response.cookies[AuthenticationMiddleware.sessionCookie] = .expired
            return response
        }
    }

    static func login(_ request: Request) async throws -> Response {
        let form = (try? request.content.decode(LoginForm.self)) ?? LoginForm()
        let email = form.email ?? "", password = form.password ?? ""
        guard let expected = request.cookies[loginCSRFCookie]?.string, !expected.isEmpty,
              let supplied = form.csrf, Secrets.constantTimeEqual(expected, supplied)
        else {
            return loginPage(request, email: email, message: "The sign-in form expired. Please try again.", status: .forbidden)
        }
        let address = request.clientAddress
        do {
            try await LoginThrottle.check(email: email, address: address, on: request.db)
        } catch let problem as Problem {
            let response = loginPage(request, email: email, message: problem.detail, status: problem.status)
            for (name, value) in problem.headers { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        }
        let normalised = UserModel.normalise(email: email)
        let user = try await UserModel.query(on: request.db).filter(\.$email == normalised).first()
        // An unknown email costs the same hash check as a known one, so timing does not reveal accounts.
        let hash: String
        if let user { hash = user.passwordHash } else { hash = try await decoyHash(request) }
        let verified = (try? await request.password.async.verify(password, created: hash)) ?? false
        guard let user, verified, !user.disabled else {
            try await LoginThrottle.recordFailure(email: normalised, address: address, on: request.db)
            return loginPage(request, email: email, message: "The email or password is not right.", status: .unauthorized)
        }
        try await LoginThrottle.clear(email: normalised, on: request.db)
        let response = request.redirect(to: safeNext(form.next), redirectType: .normal)
        try await startSession(for: user, on: request, response: response)
        response.cookies[loginCSRFCookie] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/login")
        return response
    }

    static func startSession(for user: UserModel, on request: Request, response: Response) async throws {
        // Expired sessions can never be used again; dropping them at sign-in keeps the table small.
        try await SessionModel.query(on: request.db).filter(\.$expiresAt < Date()).delete()
        let token = Secrets.token()
        let expiry = Date().addingTimeInterval(request.config.sessionLifetime)
        try await SessionModel(tokenHash: Secrets.digest(token), userID: user.id!, csrfToken: Secrets.token(), expiresAt: expiry)
            .create(on: request.db)
        response.cookies[AuthenticationMiddleware.sessionCookie] = HTTPCookies.Value(
            string: token, expires: expiry, maxAge: Int(request.config.sessionLifetime), path: "/",
            isSecure: request.isSecureTransport, isHTTPOnly: true, sameSite: .lax)
    }

    /// Only paths on this site: an open redirect would let a link send a signed-in user anywhere.
    /// Browsers drop tabs and newlines and read `\` as `/`, so only plain URL characters pass.
    static func safeNext(_ next: String?) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-_.~?=&%+")
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.count <= 500, next.allSatisfy(allowed.contains)
        else { return "/" }
        return next
    }

    /// A hash at the configured cost, made once per process, to check unknown emails against.
    private static func decoyHash(_ request: Request) async throws -> String {
        if let hash = decoy.withLockedValue({ $0 }) { return hash }
        let hash = try await request.password.async.hash(Secrets.token())
        decoy.withLockedValue { $0 = hash }
        return hash
    }

    private static let decoy = NIOLockedValueBox<String?>(nil)

    static func loginPage(_ request: Request, email: String, message: String?, status: HTTPResponseStatus) -> Response {
        let csrf = request.cookies[loginCSRFCookie]?.string ?? Secrets.token()
        let next = safeNext(request.query[String.self, at: "next"] ?? (try? request.content.get(String.self, at: "next")))
        let page = Layout(
            title: "Sign in", caller: nil, area: nil,
            content: .div(
                .class("panel narrow"),
                .h1(.text("Sign in to Lodestar")),
                .unwrap(message) { .p(.class("error"), .id("login-error"), .attribute(named: "role", value: "alert"), .text($0)) },
                .form(
                    .method(.post), .action("/login"),
                    .input(.type(.hidden), .name("csrf"), .value(csrf.attributeEscaped)),
                    .input(.type(.hidden), .name("next"), .value(next.attributeEscaped)),
                    .label(.for("email"), .text("Email")),
                    .input(.type(.email), .name("email"), .id("email"), .value(email.attributeEscaped), .required(true),
                           .attribute(named: "autocomplete", value: "username"), .autofocus(email.isEmpty)),
                    .label(.for("password"), .text("Password")),
                    .input(.type(.password), .name("password"), .id("password"), .required(true),
                           .attribute(named: "autocomplete", value: "current-password")),
                    .button(.type(.submit), .class("primary"), .text("Sign in"))
                )
            ))
        let response = page.response(status: status)
        response.cookies[loginCSRFCookie] = HTTPCookies.Value(
            string: csrf, maxAge: 3600, path: "/login", isSecure: request.isSecureTransport, isHTTPOnly: true, sameSite: .strict)
        return response
    }
}
