import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

/// A browser's view of one response: status, headers, the body as text, and the cookies it sets.
struct WebResponse {
    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: String

    var location: String? { headers.first(name: .location) }

    /// The raw `Set-Cookie` line for `name`, with its attributes (`HttpOnly`, `SameSite=Lax`, …).
    func setCookieLine(_ name: String) -> String? {
        headers[.setCookie].first { $0.hasPrefix("\(name)=") }
    }

    /// The value a `Set-Cookie` line gives `name` (empty when it expires the cookie).
    func cookieValue(_ name: String) -> String? {
        guard let line = setCookieLine(name) else { return nil }
        let pair = line.split(separator: ";", maxSplits: 1).first.map(String.init) ?? line
        return String(pair.dropFirst(name.count + 1))
    }

    /// Whether a `Set-Cookie` line for `name` gives it a value that a browser keeps.
    func setsCookie(_ name: String) -> Bool {
        guard let line = setCookieLine(name), let value = cookieValue(name), !value.isEmpty else { return false }
        let lowered = line.lowercased()
        return !lowered.contains("max-age=0") && !lowered.contains("expires=thu, 01 jan 1970")
    }
}

/// A signed-in browser: the session cookie to send and the CSRF token its pages carry.
struct WebSession: Sendable {
    var token: String
    var csrf: String

    var cookieHeader: String { "\(AuthenticationMiddleware.sessionCookie)=\(token)" }
}

/// `application/x-www-form-urlencoded` bodies, encoded the way a browser does.
enum FormEncoding {
    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}

extension Application {
    /// Sends a request the way a browser would: with the session cookie (and any other cookies),
    /// and a form body when `form` is given (or a JSON one, as a page's script would send). Redirects
    /// are not followed.
    func page(
        _ method: HTTPMethod, _ path: String, session: WebSession? = nil, cookies: [String] = [],
        form: [(String, String)]? = nil, json: JSONValue? = nil, headers extra: HTTPHeaders = [:]
    ) async throws -> WebResponse {
        var headers = extra
        let cookieLine = (session.map { [$0.cookieHeader] } ?? []) + cookies
        if !cookieLine.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookieLine.joined(separator: "; ")) }
        var body: ByteBuffer?
        if let form {
            headers.replaceOrAdd(name: .contentType, value: "application/x-www-form-urlencoded")
            body = ByteBuffer(string: FormEncoding.encode(form))
        } else if let json {
            headers.contentType = .json
            body = ByteBuffer(string: json.jsonText)
        }
        let response = try await testing().sendRequest(method, path, headers: headers, body: body)
        return WebResponse(status: response.status, headers: response.headers, body: response.body.string)
    }

    /// Fetches the sign-in form: its CSRF value and the cookie that must come back with it.
    func loginForm(next: String? = nil) async throws -> (csrf: String, cookie: String) {
        let path = next.map { "/login?next=\(FormEncoding.escape($0))" } ?? "/login"
        let form = try await page(.GET, path)
        let csrf = try #require(form.cookieValue(SessionController.loginCSRFCookie), "GET /login sets no CSRF cookie")
        return (csrf, "\(SessionController.loginCSRFCookie)=\(csrf)")
    }

    /// Posts the sign-in form with a fresh CSRF pair.
    func submitLogin(email: String, password: String = Fixture.password, next: String = "/", headers: HTTPHeaders = [:]) async throws -> WebResponse {
        let (csrf, cookie) = try await loginForm()
        return try await page(
            .POST, "/login", cookies: [cookie],
            form: [("email", email), ("password", password), ("csrf", csrf), ("next", next)], headers: headers)
    }

    /// Signs `person` in through the login form and returns the session, with the CSRF token read from
    /// the hidden `csrf` input of the overview page.
    func signIn(_ person: Fixture.Person, password: String = Fixture.password) async throws -> WebSession {
        try await signIn(email: person.email, password: password)
    }

    func signIn(email: String, password: String = Fixture.password) async throws -> WebSession {
        let response = try await submitLogin(email: email, password: password)
        try #require(response.status == .seeOther, "sign-in of \(email) answered \(response.status)")
        let token = try #require(response.cookieValue(AuthenticationMiddleware.sessionCookie), "sign-in set no session cookie")
        let home = try await page(.GET, "/", session: WebSession(token: token, csrf: ""))
        let csrf = try #require(PageHTML.hiddenValue("csrf", in: home.body), "the overview page has no csrf input")
        return WebSession(token: token, csrf: csrf)
    }
}

/// Just enough HTML reading for tests: tags, attributes, forms and text.
enum PageHTML {
    struct Tag {
        var name: String
        var attributes: [String: String]
        /// For `<textarea>`, `<select>` and `<label>`: what is between the tags.
        var inner: String = ""

        subscript(_ attribute: String) -> String? { attributes[attribute] }
    }

    /// The start tags named `name`, with their attributes (values unescaped).
    static func tags(_ name: String, in html: String) -> [Tag] {
        matches("<\(name)\\b([^>]*)>", in: html).map { Tag(name: name, attributes: attributes($0[1])) }
    }

    /// Elements with content (`textarea`, `select`, `label`, `option`, `a`, …).
    static func elements(_ name: String, in html: String) -> [Tag] {
        matches("<\(name)\\b([^>]*)>(.*?)</\(name)>", in: html).map {
            Tag(name: name, attributes: attributes($0[1]), inner: $0[2])
        }
    }

    /// The value of the first `<input name="…">`.
    static func hiddenValue(_ name: String, in html: String) -> String? {
        tags("input", in: html).first { $0["name"] == name }?["value"]
    }

    /// The HTML of the form whose `action` is `action`.
    static func form(action: String, in html: String) -> String? {
        elements("form", in: html).first { $0["action"] == action }.map(\.inner)
    }

    /// What a browser would submit for the form: inputs, text areas and the selected options (an option
    /// without a `value` attribute submits its text, as the HTML standard says).
    static func formValues(_ form: String) -> [(String, String)] {
        var values: [(String, String)] = []
        for input in tags("input", in: form) {
            guard let name = input["name"], !["submit", "button", "reset"].contains(input["type"] ?? "text") else { continue }
            values.append((name, input["value"] ?? ""))
        }
        for area in elements("textarea", in: form) {
            guard let name = area["name"] else { continue }
            values.append((name, unescape(area.inner)))
        }
        for select in elements("select", in: form) {
            guard let name = select["name"] else { continue }
            let options = elements("option", in: select.inner)
            guard let chosen = options.first(where: { $0["selected"] != nil }) ?? options.first else { continue }
            // As browsers do: an option without a value attribute submits its text.
            values.append((name, chosen["value"] ?? text(chosen.inner)))
        }
        return values
    }

    /// The visible text, tags removed and entities decoded, with runs of white space collapsed.
    static func text(_ html: String) -> String {
        let stripped = html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        return unescape(stripped).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x27;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Inputs a person fills in (not hidden ones) that no `<label for=…>` names.
    static func unlabelledControls(in html: String) -> [String] {
        let labelled = Set(tags("label", in: html).compactMap { $0["for"] })
        let controls = tags("input", in: html).filter { ($0["type"] ?? "text") != "hidden" }
            + tags("select", in: html) + tags("textarea", in: html)
        return controls.compactMap { control in
            guard let id = control["id"], labelled.contains(id) else {
                return "<\(control.name) name=\"\(control["name"] ?? "")\" id=\"\(control["id"] ?? "")\">"
            }
            return nil
        }
    }

    /// Every `id` attribute on the page, in order (an id used twice breaks its label).
    static func ids(in html: String) -> [String] {
        matches(#"<[A-Za-z][^>]*?\sid="([^"]*)""#, in: html).map { $0[1] }
    }

    /// Where a page falls short of the app's accessibility basics: a `lang`, a `<main>` landmark,
    /// a label for every control, and unique ids.
    static func accessibilityProblems(in html: String) -> [String] {
        var problems: [String] = []
        if tags("html", in: html).first?["lang"]?.isEmpty ?? true { problems.append("<html> has no lang") }
        if tags("main", in: html).isEmpty { problems.append("no <main> landmark") }
        problems += unlabelledControls(in: html).map { "unlabelled control \($0)" }
        var seen: Set<String> = []
        for id in ids(in: html) where !seen.insert(id).inserted { problems.append("id \(id) is used twice") }
        return problems
    }

    private static func attributes(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for match in matches(#"([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"#, in: text) {
            let value = match[2].isEmpty ? (match[3].isEmpty ? match[4] : match[3]) : match[2]
            result[match[1].lowercased()] = unescape(value)
        }
        return result
    }

    /// Every match of `pattern`, each as its groups (group 0 is the whole match; a missing group is "").
    private static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators, .caseInsensitive]) else {
            return []
        }
        let source = text as NSString
        return expression.matches(in: text, range: NSRange(location: 0, length: source.length)).map { match in
            (0..<match.numberOfRanges).map { index in
                let range = match.range(at: index)
                return range.location == NSNotFound ? "" : source.substring(with: range)
            }
        }
    }
}
