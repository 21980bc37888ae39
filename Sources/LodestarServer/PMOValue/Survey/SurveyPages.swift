import Fluent
import LodestarCore
import Plot
import Vapor

/// The public response page at `/s/<token>`: no sign-in, no cookies, no record of who answered.
///
/// Safety without a session:
/// - The token is the credential: 256 random bits, stored only as a digest, single use, expiring at
///   the end of the wave. Unknown tokens are counted per client address (`SurveyThrottle`).
/// - CSRF: there is no session for a forged request to ride on, and a forged form would have to
///   contain the token, which only its holder knows (and the holder could simply answer). The form
///   repeats the token in a hidden field that must match the path, and the POST is refused when the
///   browser says it came from another site (`Origin` or `Sec-Fetch-Site`), so a page elsewhere
///   cannot submit a leaked link on a visitor's behalf.
/// - `AuthenticationMiddleware` skips these paths, so even a signed-in browser answers anonymously;
///   the site-wide `Referrer-Policy: same-origin` keeps the token out of other sites' logs.
enum SurveyPages {
    static func isAnonymous(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0].isEmpty && parts[1] == Substring(SurveyLinks.pathPrefix)
    }

    static func register(on app: Application) {
        app.get(PathComponent(stringLiteral: SurveyLinks.pathPrefix), ":token") { request async throws -> Response in
            try await show(request)
        }
        app.post(PathComponent(stringLiteral: SurveyLinks.pathPrefix), ":token") { request async throws -> Response in
            try await submit(request)
        }
    }

    static func show(_ request: Request) async throws -> Response {
        let token = request.parameters.get("token") ?? ""
        switch try await lookUp(token, request: request) {
            case .open(_, let wave, let survey):
                return form(token: token, wave: wave, survey: survey, values: [:], errors: [:]).response()
            case let other:
                return closed(other)
        }
    }

    static func submit(_ request: Request) async throws -> Response {
        let token = request.parameters.get("token") ?? ""
        guard isSameOrigin(request) else {
            return message("This form was sent from another site", "For your safety, answers are only accepted from this survey's own page. Open your link again and answer there.", status: .forbidden)
        }
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        guard let echoed = form["token"], Secrets.constantTimeEqual(echoed, token) else {
            return message("The form does not match its link", "Open your survey link again and answer on that page.", status: .forbidden)
        }
        let today = Day.today()
        let lookup = try await lookUp(token, request: request)
        guard case .open(let invitation, let wave, let survey) = lookup else { return closed(lookup) }
        let (answers, readIssues) = answers(from: form, survey: survey.fields)
        let issues = readIssues + survey.fields.issues(in: answers)
        if !issues.isEmpty {
            let errors = Dictionary(issues.map { ("q-\($0.field)", $0.reason) }, uniquingKeysWith: { "\($0); \($1)" })
            return self.form(token: token, wave: wave, survey: survey, values: form, errors: errors).response(status: .unprocessableEntity)
        }
        guard try await SurveyLinks.submit(token: token, answers: answers, invitation: invitation, today: today, on: request.db) else {
            return closed(.used)
        }
        return message("Thank you", "Your answers are saved. They cannot be traced back to you, and this link will not accept answers again.", status: .ok)
    }

    /// Looks the token up, counting unknown ones against the client's address.
    static func lookUp(_ token: String, request: Request) async throws -> SurveyLinks.Lookup {
        let address = request.clientAddress
        if try await SurveyThrottle.isLimited(address: address, on: request.db) {
            throw Problem.tooManyRequests(
                retryAfterSeconds: Int(SurveyThrottle.window), "Too many unknown survey links from your network. Wait 15 minutes and try your link again.")
        }
        let result = try await SurveyLinks.lookUp(token, today: Day.today(), on: request.db)
        if case .unknown = result { try await SurveyThrottle.recordFailure(address: address, on: request.db) }
        return result
    }

    /// A browser's own statement of where the form came from; a request without either header (an
    /// old browser, a script) has no site to be forged from and is judged by its token alone.
    static func isSameOrigin(_ request: Request) -> Bool {
        if let site = request.headers.first(name: "Sec-Fetch-Site"), site != "same-origin", site != "none" { return false }
        if let origin = request.headers.first(name: .origin) {
            // "null" is an opaque origin (a sandboxed frame, a data: page): never this survey's own page.
            guard let parts = URLComponents(string: origin), let host = parts.host, let own = request.headers.first(name: .host) else { return false }
            return (host + (parts.port.map { ":\($0)" } ?? "")).lowercased() == own.lowercased()
        }
        return true
    }

    /// The answers in a submitted form, with the reasons some could not be read.
    static func answers(from form: [String: String], survey: Survey) -> ([SurveyAnswer], [FieldIssue]) {
        var answers: [SurveyAnswer] = [], issues: [FieldIssue] = []
        for question in survey.questions {
            let raw = (form["q-\(question.key)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !raw.isEmpty else { continue }
            if question.scale != nil {
                guard let score = Int(raw) else { issues.append(FieldIssue(question.key, "choose one of the options")); continue }
                answers.append(SurveyAnswer(questionKey: question.key, score: score))
            } else {
                answers.append(SurveyAnswer(questionKey: question.key, text: raw))
            }
        }
        return (answers, issues)
    }

    static let agreement = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]

    static func form(token: String, wave: Record<SurveyWave>, survey: Record<Survey>, values: [String: String], errors: [String: String]) -> Layout {
        Layout(
            title: survey.title, caller: nil, area: nil,
            content: .div(
                .class("panel survey"),
                .h1(.text(survey.title)),
                .unwrap(survey.introduction.isEmpty ? nil : survey.introduction) { .p(.text($0)) },
                .p(.class("muted"), .text("\(wave.name), open until \(wave.closesOn). Every question is optional.")),
                .if(!errors.isEmpty,
                    .div(.class("error"), .attribute(named: "role", value: "alert"), .id("form-errors"),
                         .p(.text("Your answers were not saved. Please check:")),
                         .ul(.forEach(errors.sorted { $0.key < $1.key }) { field, reason in .li(.a(.href("#\(field)"), .text(reason))) }))),
                .form(
                    .method(.post), .action(SurveyLinks.path(for: token).attributeEscaped),
                    .input(.type(.hidden), .name("token"), .value(token.attributeEscaped)),
                    .forEach(survey.questions) { item in
                        question(item, value: values["q-\(item.key)"] ?? "", error: errors["q-\(item.key)"])
                    },
                    .div(.class("actions"), .button(.type(.submit), .class("primary"), .text("Send my answers")))
                )
            ))
    }

    static func question(_ question: SurveyQuestion, value: String, error: String?) -> Node<HTML.FormContext> {
        let name = "q-\(question.key)"
        guard let scale = question.scale else {
            return .div(
                .class(error == nil ? "field" : "field invalid"),
                .label(.for(name), .text(question.prompt)),
                .textarea(.name(name), .id(name), .attribute(named: "rows", value: "4"), .text(value)),
                .unwrap(error) { .p(.class("error"), .text($0)) })
        }
        return .fieldset(
            .id(name), .class(question.kind == .nps ? "scale nps" : "scale likert"),
            .element(named: "legend", text: question.prompt),
            .unwrap(error) { .p(.class("error"), .text($0)) },
            .if(question.kind == .nps, .p(.class("hint"), .text("0 = not at all likely, 10 = extremely likely"))),
            .div(.class("options"), .forEach(Array(scale)) { score in option(name: name, score: score, kind: question.kind, checked: value == String(score)) })
        )
    }

    static func option<Context: HTML.BodyContext>(name: String, score: Int, kind: SurveyQuestionKind, checked: Bool) -> Node<Context> {
        let id = "\(name)-\(score)"
        let label = kind == .likert ? "\(score) – \(agreement[score - 1])" : "\(score)"
        return .span(
            .class("option"), .input(.type(.radio), .name(name), .id(id), .value(String(score)), .checked(checked)), .label(.for(id), .text(label)))
    }

    static func closed(_ lookup: SurveyLinks.Lookup) -> Response {
        switch lookup {
            case .used:
                message("This link has been used", "Each link accepts one set of answers, and this one already has. Thank you for taking part.", status: .conflict)
            case .expired(let day):
                message("This survey has closed", "It closed on \(day). Thank you for your interest.", status: .gone)
            case .notYetOpen(let day):
                message("This survey is not open yet", "It opens on \(day). Please come back then.", status: .forbidden)
            case .unknown, .open:
                message("This link is not valid", "Check that you copied the whole link from your invitation.", status: .notFound)
        }
    }

    static func message(_ title: String, _ text: String, status: HTTPResponseStatus) -> Response {
        Layout(title: title, caller: nil, area: nil, content: .div(.class("panel narrow"), .h1(.text(title)), .p(.id("survey-message"), .text(text))))
            .response(status: status)
    }
}
