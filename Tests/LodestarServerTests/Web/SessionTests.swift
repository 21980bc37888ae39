import Foundation
import LodestarCore
@testable import LodestarServer
import SQLKit
import Testing
import VaporTesting

/// Signing in and out of the web app, and what protects it: the login form's double-submit CSRF
/// cookie, the session cookie's flags, throttling, the open-redirect guard and CSRF on cookie requests.
///
/// The in-memory test client has no remote address, so every request comes from the same client
/// address ("unknown"); the assertions hold for that (the per-address limit is 20 failures).
@Suite("Web sessions")
struct SessionTests {
    static let session = AuthenticationMiddleware.sessionCookie
    static let loginCSRF = SessionController.loginCSRFCookie

    @Test("GET /login hands out a CSRF cookie and the same value in the form")
    func loginForm() async throws {
        try await withTestApp { app, _ in
            let form = try await app.page(.GET, "/login")
            #expect(form.status == .ok)
            #expect(form.headers.contentType == .html)
            let csrf = try #require(form.cookieValue(Self.loginCSRF))
            #expect(csrf.count >= 40)
            #expect(PageHTML.hiddenValue("csrf", in: form.body) == csrf)
            let line = try #require(form.setCookieLine(Self.loginCSRF))
            #expect(line.contains("HttpOnly"))
            #expect(line.contains("Path=/login"))
            // The form is labelled and sends a password field, not a text one.
            #expect(PageHTML.unlabelledControls(in: form.body).isEmpty)
            #expect(PageHTML.tags("input", in: form.body).contains { $0["name"] == "password" && $0["type"] == "password" })
            #expect(!form.setsCookie(Self.session))

            // Each visitor gets a value of their own.
            let other = try await app.page(.GET, "/login")
            #expect(other.cookieValue(Self.loginCSRF) != csrf)
        }
    }

    @Test("the right credentials start a session: 303 to next, an HttpOnly SameSite=Lax cookie, and the pages open")
    func signIn() async throws {
        try await withTestApp { app, people in
            let (csrf, cookie) = try await app.loginForm()
            let response = try await app.page(
                .POST, "/login", cookies: [cookie],
                form: [("email", people.pmo.email), ("password", Fixture.password), ("csrf", csrf), ("next", "/initiatives?status=active")])
            #expect(response.status == .seeOther)
            #expect(response.location == "/initiatives?status=active")
            let line = try #require(response.setCookieLine(Self.session))
            #expect(line.contains("HttpOnly"))
            #expect(line.contains("SameSite=Lax"))
            #expect(line.contains("Path=/"))
            #expect(!line.contains("Secure"), "the test app does not ask for secure cookies")
            let token = try #require(response.cookieValue(Self.session))
            #expect(token.count >= 40)
            // The session token is stored only as a digest.
            let stored = try await SessionModel.query(on: app.db).all()
            #expect(stored.count == 1)
            #expect(stored.first?.tokenHash == Secrets.digest(token))

            let session = WebSession(token: token, csrf: "")
            let home = try await app.page(.GET, "/", session: session)
            #expect(home.status == .ok)
            #expect(home.body.contains("Executive dashboard"))
            #expect(home.body.contains("Pmo ("), "the header names who is signed in")
            #expect(try await app.page(.GET, "/initiatives", session: session).status == .ok)
            #expect(try await app.page(.GET, "/objectives", session: session).status == .ok)
            #expect(try await app.page(.GET, "/account/tokens", session: session).status == .ok)
            // The session also works for the API (reads need no CSRF token).
            let me = try await app.page(.GET, "/api/v1/me", session: session)
            #expect(me.status == .ok)
            #expect(me.body.contains(people.pmo.email))
            // A signed-in visitor of /login goes where they were going.
            let again = try await app.page(.GET, "/login?next=/objectives", session: session)
            #expect(again.status == .seeOther)
            #expect(again.location == "/objectives")
            // Email addresses are matched case-insensitively.
            let shouted = try await app.submitLogin(email: "  PMO@Example.org ")
            #expect(shouted.status == .seeOther)
            #expect(shouted.setsCookie(Self.session))
        }
    }

    @Test("after signing in, the login CSRF cookie is cleared at the path it was set on")
    func loginCSRFCookieIsCleared() async throws {
        try await withTestApp { app, people in
            let response = try await app.submitLogin(email: people.pmo.email)
            #expect(response.status == .seeOther)
            let line = try #require(response.setCookieLine(Self.loginCSRF))
            #expect(!response.setsCookie(Self.loginCSRF))
            // A cookie is only replaced at the path it was set on; expired at "/", the /login one would stay.
            #expect(line.contains("Path=/login"), "Set-Cookie: \(line)")
        }
    }

    @Test("a wrong password or an unknown account is a 401 page with an error and no session")
    func wrongCredentials() async throws {
        try await withTestApp { app, people in
            let wrong = try await app.submitLogin(email: people.pmo.email, password: "not the password")
            #expect(wrong.status == .unauthorized)
            #expect(!wrong.setsCookie(Self.session))
            let error = try #require(PageHTML.elements("p", in: wrong.body).first { $0["id"] == "login-error" })
            #expect(error["role"] == "alert")
            #expect(PageHTML.text(error.inner) == "The email or password is not right.")
            // The form is shown again, with the email kept and a usable CSRF value.
            #expect(PageHTML.hiddenValue("email", in: wrong.body) == people.pmo.email)
            #expect(PageHTML.hiddenValue("csrf", in: wrong.body)?.isEmpty == false)

            // An unknown account gets the same answer, so accounts cannot be discovered.
            let unknown = try await app.submitLogin(email: "nobody@example.org")
            #expect(unknown.status == .unauthorized)
            #expect(!unknown.setsCookie(Self.session))
            #expect(unknown.body.contains("The email or password is not right."))

            // A disabled account cannot sign in even with its password.
            let user = try #require(try await UserModel.find(people.viewer.id, on: app.db))
            user.disabled = true
            try await user.save(on: app.db)
            let disabled = try await app.submitLogin(email: people.viewer.email)
            #expect(disabled.status == .unauthorized)
            #expect(!disabled.setsCookie(Self.session))
            #expect(try await SessionModel.query(on: app.db).count() == 0)
        }
    }

    @Test("a missing or mismatched login CSRF value is a 403 and signs nobody in")
    func loginCSRF() async throws {
        try await withTestApp { app, people in
            let (csrf, cookie) = try await app.loginForm()
            let credentials = [("email", people.pmo.email), ("password", Fixture.password), ("next", "/")]

            let mismatched = try await app.page(.POST, "/login", cookies: [cookie], form: credentials + [("csrf", "forged")])
            #expect(mismatched.status == .forbidden)
            #expect(!mismatched.setsCookie(Self.session))
            #expect(mismatched.body.contains("expired"))

            let noCookie = try await app.page(.POST, "/login", form: credentials + [("csrf", csrf)])
            #expect(noCookie.status == .forbidden)
            #expect(!noCookie.setsCookie(Self.session))

            let noField = try await app.page(.POST, "/login", cookies: [cookie], form: credentials)
            #expect(!noField.setsCookie(Self.session))
            #expect(noField.status == .forbidden)

            #expect(try await SessionModel.query(on: app.db).count() == 0)
            // The right pair still works afterwards: CSRF failures are not counted as password failures.
            let good = try await app.page(.POST, "/login", cookies: [cookie], form: credentials + [("csrf", csrf)])
            #expect(good.status == .seeOther)
            #expect(good.setsCookie(Self.session))

            // An empty cookie and an empty field are not a matching pair.
            let emptyBoth = try await app.page(.POST, "/login", cookies: ["\(Self.loginCSRF)="], form: credentials + [("csrf", "")])
            #expect(emptyBoth.status == .forbidden)
            #expect(!emptyBoth.setsCookie(Self.session))
        }
    }

    @Test("next may only lead to a path on this site")
    func openRedirectGuard() async throws {
        try await withTestApp { app, people in
            for (next, expected) in [
                ("//evil.example", "/"), ("https://evil.example/", "/"), ("/\\evil.example", "/"), ("evil.example", "/"),
                ("", "/"), ("/initiatives", "/initiatives"), ("/objectives?x=1", "/objectives?x=1"),
            ] {
                let response = try await app.submitLogin(email: people.pmo.email, next: next)
                #expect(response.status == .seeOther, "next=\(next)")
                #expect(response.location == expected, "next=\(next)")
            }
            // The form carries a guarded next too.
            let form = try await app.page(.GET, "/login?next=//evil.example")
            #expect(PageHTML.hiddenValue("next", in: form.body) == "/")
        }
    }

    @Test("next with a tab or line break cannot become a protocol-relative URL")
    func openRedirectWithControlCharacters() async throws {
        try await withTestApp { app, people in
            // Browsers drop tabs and line breaks from a URL, so "/\t/evil.example" is followed as "//evil.example".
            let response = try await app.submitLogin(email: people.pmo.email, next: "/\t/evil.example")
            #expect(response.status == .seeOther)
            let browserView = (response.location ?? "").filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
            #expect(!browserView.hasPrefix("//"), "Location: \(response.location ?? "")")
        }
    }

    @Test("what the login page echoes back (next, email) is HTML-escaped")
    func loginPageEscapesEchoedValues() async throws {
        try await withTestApp { app, _ in
            let payload = "<script>alert(1)</script>"
            let viaNext = try await app.page(.GET, "/login?next=\(FormEncoding.escape("/\"><" + "script>alert(1)</script>"))")
            #expect(viaNext.status == .ok)
            #expect(!viaNext.body.contains(payload))
            let (csrf, cookie) = try await app.loginForm()
            let viaEmail = try await app.page(
                .POST, "/login", cookies: [cookie],
                form: [("email", "\"><" + "script>alert(1)</script>"), ("password", "wrong password"), ("csrf", csrf), ("next", "/")])
            #expect(viaEmail.status == .unauthorized)
            #expect(!viaEmail.body.contains(payload))
        }
    }

    @Test("5 wrong passwords lock the account for 15 minutes (429 with Retry-After), not the other accounts")
    func throttling() async throws {
        try await withTestApp { app, people in
            for attempt in 1...5 {
                let wrong = try await app.submitLogin(email: people.owner.email, password: "guess number \(attempt)")
                #expect(wrong.status == .unauthorized, "attempt \(attempt)")
            }
            let locked = try await app.submitLogin(email: people.owner.email)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers.first(name: .retryAfter) == "900")
            #expect(!locked.setsCookie(Self.session))
            #expect(locked.body.contains("Too many failed sign-ins"))
            // Differently spelled, the same account is still locked.
            #expect(try await app.submitLogin(email: "Owner@Example.org").status == .tooManyRequests)

            // Another account signs in. X-Forwarded-For is ignored without trustProxy, so this comes from
            // the same address, which has 5 (+0) failures: under its limit of 20.
            let other = try await app.submitLogin(email: people.pmo.email, headers: ["X-Forwarded-For": "203.0.113.7"])
            #expect(other.status == .seeOther)
            #expect(other.setsCookie(Self.session))
        }
    }

    @Test("20 failures from one address lock that address, whichever accounts were tried")
    func addressThrottling() async throws {
        try await withTestApp { app, people in
            for account in 1...4 {
                for attempt in 1...5 {
                    let wrong = try await app.submitLogin(email: "guess\(account)@example.org", password: "attempt \(attempt) password")
                    #expect(wrong.status == .unauthorized)
                }
            }
            let blocked = try await app.submitLogin(email: people.pmo.email)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers.first(name: .retryAfter) != nil)
            #expect(!blocked.setsCookie(Self.session))
        }
    }

    @Test("anonymous pages redirect to sign-in; the anonymous API gets a 401 problem")
    func anonymous() async throws {
        try await withTestApp { app, people in
            let list = try await app.page(.GET, "/initiatives")
            #expect(list.status == .seeOther)
            #expect(list.location == "/login?next=/initiatives")
            let id = UUID()
            let one = try await app.page(.GET, "/initiatives/\(id)/edit")
            #expect(one.status == .seeOther)
            #expect(one.location == "/login?next=/initiatives/\(id)/edit")
            let home = try await app.page(.GET, "/")
            #expect(home.status == .seeOther)
            #expect(home.location == "/login")
            #expect(try await app.page(.GET, "/account/tokens").location == "/login?next=/account/tokens")

            // The redirect's next survives the sign-in.
            let (csrf, cookie) = try await app.loginForm(next: "/initiatives")
            let form = try await app.page(.GET, "/login?next=/initiatives", cookies: [cookie])
            let next = try #require(PageHTML.hiddenValue("next", in: form.body))
            #expect(next == "/initiatives")
            let signedIn = try await app.page(
                .POST, "/login", cookies: [cookie],
                form: [("email", people.viewer.email), ("password", Fixture.password), ("csrf", csrf), ("next", next)])
            #expect(signedIn.location == "/initiatives")

            let api = try await app.page(.GET, "/api/v1/initiatives")
            #expect(api.status == .unauthorized)
            #expect(api.headers.contentType?.type == "application")
            #expect(api.headers.contentType?.subType == "problem+json")
            #expect(api.headers.first(name: .wwwAuthenticate) == "Bearer")
            #expect(api.body.contains("\"status\":401"))
            // A cookie that names no session is anonymous too.
            let stale = try await app.page(.GET, "/api/v1/initiatives", session: WebSession(token: "made-up", csrf: ""))
            #expect(stale.status == .unauthorized)
        }
    }

    @Test("with a session cookie, unsafe requests need the session's CSRF token")
    func csrfOnCookieRequests() async throws {
        try await withTestApp { app, people in
            let session = try await app.signIn(people.pmo)
            let created = try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: InitiativeAPITests.sample(owner: people.owner.id))
            let id = try #require(created.id)
            let edit = try await app.page(.GET, "/initiatives/\(id)/edit", session: session)
            #expect(edit.status == .ok)
            let formHTML = try #require(PageHTML.form(action: "/initiatives/\(id)/edit", in: edit.body))
            #expect(PageHTML.hiddenValue("csrf", in: formHTML) == session.csrf)
            var values = PageHTML.formValues(formHTML).filter { $0.0 != "csrf" }
            values = values.map { $0.0 == "name" ? ("name", "Renamed without a token") : $0 }

            // The form without its csrf field, and with somebody else's.
            let withoutToken = try await app.page(.POST, "/initiatives/\(id)/edit", session: session, form: values)
            #expect(withoutToken.status == .forbidden)
            #expect(withoutToken.headers.contentType == .html)
            #expect(withoutToken.body.contains("Form expired"))
            let other = try await app.signIn(people.admin)
            let wrongToken = try await app.page(.POST, "/initiatives/\(id)/edit", session: session, form: values + [("csrf", other.csrf)])
            #expect(wrongToken.status == .forbidden)
            var unchanged = try await app.api(.GET, "/api/v1/initiatives/\(id)", as: people.pmo)
            #expect(unchanged.json["name"] == .string("Modernise billing"))
            #expect(unchanged.version == 1)

            // The API with the cookie: no token → 403 problem; the session's token in X-CSRF-Token → 200.
            let patch: JSONValue = .object(["name": .string("Renamed through the API")])
            let refused = try await app.page(.PATCH, "/api/v1/initiatives/\(id)", session: session, json: patch, headers: ["If-Match": "\"1\""])
            #expect(refused.status == .forbidden)
            #expect(refused.headers.contentType?.subType == "problem+json")
            #expect(refused.body.contains("/problems/csrf"))
            let forged = try await app.page(
                .PATCH, "/api/v1/initiatives/\(id)", session: session, json: patch, headers: ["If-Match": "\"1\"", "X-CSRF-Token": other.csrf])
            #expect(forged.status == .forbidden)
            unchanged = try await app.api(.GET, "/api/v1/initiatives/\(id)", as: people.pmo)
            #expect(unchanged.version == 1)

            let accepted = try await app.page(
                .PATCH, "/api/v1/initiatives/\(id)", session: session, json: patch, headers: ["If-Match": "\"1\"", "X-CSRF-Token": session.csrf])
            #expect(accepted.status == .ok)
            let changed = try await app.api(.GET, "/api/v1/initiatives/\(id)", as: people.pmo)
            #expect(changed.json["name"] == .string("Renamed through the API"))
            // The audit log names the person behind the session.
            let audit = try await app.api(.GET, "/api/v1/audit?entityID=\(id)&action=update", as: people.pmo)
            guard case .array(let entries)? = audit.json["items"] else { Issue.record("no audit entries: \(audit.text)"); return }
            #expect(entries.first?["actorEmail"] == .string(people.pmo.email))

            // Safe requests need no token.
            #expect(try await app.page(.GET, "/api/v1/initiatives/\(id)", session: session).status == .ok)
        }
    }

    @Test("signing out ends the session; signing out needs the CSRF token")
    func logout() async throws {
        try await withTestApp { app, people in
            let session = try await app.signIn(people.executive)
            #expect(try await app.page(.GET, "/", session: session).status == .ok)

            // A foreign site cannot sign the user out.
            let forced = try await app.page(.POST, "/logout", session: session, form: [])
            #expect(forced.status == .forbidden)
            #expect(try await app.page(.GET, "/", session: session).status == .ok)

            let signOut = try await app.page(.POST, "/logout", session: session, form: [("csrf", session.csrf)])
            #expect(signOut.status == .seeOther)
            #expect(signOut.location == "/login")
            let line = try #require(signOut.setCookieLine(Self.session))
            #expect(!signOut.setsCookie(Self.session), "Set-Cookie: \(line)")
            #expect(try await SessionModel.query(on: app.db).count() == 0)

            // The old cookie, replayed, is worth nothing.
            let replayed = try await app.page(.GET, "/", session: session)
            #expect(replayed.status == .seeOther)
            #expect(replayed.location == "/login")
            #expect(try await app.page(.GET, "/api/v1/me", session: session).status == .unauthorized)
            let write = try await app.page(
                .PATCH, "/api/v1/users/\(people.executive.id)", session: session,
                json: .object(["name": .string("Nobody")]), headers: ["If-Match": "\"1\"", "X-CSRF-Token": session.csrf])
            #expect(write.status == .unauthorized)
        }
    }

    @Test("sessions end when they expire, and when the password changes")
    func sessionEnd() async throws {
        try await withTestApp { app, people in
            let expiring = try await app.signIn(people.viewer)
            let stored = try #require(try await SessionModel.query(on: app.db).first())
            stored.expiresAt = Date().addingTimeInterval(-1)
            try await stored.save(on: app.db)
            #expect(try await app.page(.GET, "/", session: expiring).status == .seeOther)

            let session = try await app.signIn(people.owner)
            #expect(try await app.page(.GET, "/", session: session).status == .ok)
            let changed = try await app.api(
                .PATCH, "/api/v1/users/\(people.owner.id)", as: people.admin,
                json: AnyBody(.object(["password": .string("a brand new passphrase")])), ifMatch: 1)
            #expect(changed.status == .ok)
            #expect(try await app.page(.GET, "/", session: session).status == .seeOther)
            #expect(try await app.submitLogin(email: people.owner.email).status == .unauthorized)
            #expect(try await app.submitLogin(email: people.owner.email, password: "a brand new passphrase").status == .seeOther)
        }
    }

    @Test("passwords are stored as bcrypt hashes")
    func passwordsAreHashed() async throws {
        try await withTestApp { app, people in
            let password = "a long and secret passphrase"
            let created = try await app.api(
                .POST, "/api/v1/users", as: people.admin,
                json: AnyBody(.object([
                    "email": .string("new.analyst@example.org"), "name": .string("New Analyst"),
                    "role": .string("pmo"), "password": .string(password),
                ])))
            #expect(created.status == .created)
            #expect(!created.text.contains(password))
            #expect(created.json["passwordHash"] == nil)

            struct Row: Decodable {
                var email: String
                var password_hash: String
            }
            let sql = try #require(app.db as? any SQLDatabase)
            let rows = try await sql.raw("SELECT email, password_hash FROM users").all(decoding: Row.self)
            #expect(rows.count == 7)
            for row in rows {
                #expect(row.password_hash.hasPrefix("$2"), "\(row.email)")
                #expect(row.password_hash.count == 60, "\(row.email)")
                #expect(!row.password_hash.contains(password) && !row.password_hash.contains(Fixture.password))
            }
            let hash = try #require(rows.first { $0.email == "new.analyst@example.org" }?.password_hash)
            #expect(try Bcrypt.verify(password, created: hash))
            // The new account signs in with its password.
            let session = try await app.signIn(email: "new.analyst@example.org", password: password)
            #expect(try await app.page(.GET, "/", session: session).body.contains("New Analyst"))
        }
    }
}
