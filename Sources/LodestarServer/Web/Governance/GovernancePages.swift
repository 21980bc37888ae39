import Fluent
import LodestarCore
import Plot
import Vapor

/// The governance pages: the gates board, one initiative's gate review, the decision log and the
/// RAID register. Reading is for everyone signed in; each form's handler checks who may act.
enum GovernancePages {
    static func register(on app: Application) {
        app.get("governance") { request async throws -> Response in try await GatesBoardPage.show(request) }
        app.post("governance", "tiers", "apply") { request async throws -> Response in
            let caller = try request.caller
            return try await GovernanceForms.handle(request, back: "/governance", again: { try await GatesBoardPage.show(request, errors: $0) }) {
                _ = try await TierService.apply(by: caller, on: request.db)
                return .tiersApplied
            }
        }
        app.get("governance", "initiatives", ":id") { request async throws -> Response in try await GateReviewPage.show(request) }
        app.post("governance", "initiatives", ":id", "tier-override") { request async throws -> Response in
            let caller = try request.caller
            let id = try request.idParameter()
            let form = try request.content.decode([String: String].self)
            return try await GovernanceForms.handle(request, back: "/governance/initiatives/\(id)", again: { try await GateReviewPage.show(request, errors: $0) }) {
                guard let tier = GovernanceTier(rawValue: form["tier"] ?? "") else {
                    throw Problem.validation([FieldIssue("tier", "choose light, standard or full")])
                }
                try await TierService.override(id, tier: tier, reason: form["reason"] ?? "", by: caller, on: request.db)
                return .tierOverridden
            }
        }
        app.post("governance", "initiatives", ":id", "gate-reviews") { request async throws -> Response in
            let caller = try request.caller
            let id = try request.idParameter()
            let form = try request.content.decode([String: String].self)
            return try await GovernanceForms.handle(request, back: "/governance/initiatives/\(id)", again: { try await GateReviewPage.show(request, errors: $0) }) {
                let attested = EvidenceKind.allCases.filter { form["attest_\($0.rawValue)"] != nil }
                let neededBy = try GovernanceForms.day(form["neededBy"], field: "neededBy")
                let review = try await GateService.request(
                    id, GateService.ReviewRequest(attested: attested, neededBy: neededBy, fastTrack: form["fastTrack"] != nil),
                    by: caller, today: Day.today(), on: request.db)
                return review.fastTracked ? .fastTracked : .reviewRequested
            }
        }
        app.post("governance", "gate-reviews", ":id", "outcome") { request async throws -> Response in
            let caller = try request.caller
            let id = try request.idParameter()
            let form = try request.content.decode([String: String].self)
            guard let initiativeID = try await GateReviewModel.find(id, on: request.db)?.initiativeID else { throw Problem.notFound("Gate review \(id)") }
            return try await GovernanceForms.handle(request, back: "/governance/initiatives/\(initiativeID)",
                                                    again: { try await GateReviewPage.show(request, initiativeID: initiativeID, errors: $0) }) {
                guard let outcome = GateOutcome(rawValue: form["outcome"] ?? "") else {
                    throw Problem.validation([FieldIssue("outcome", "choose an outcome")])
                }
                _ = try await GateService.decide(
                    id, GateService.OutcomeRequest(outcome: outcome, rationale: form["rationale"] ?? "", conditions: form["conditions"]),
                    by: caller, today: Day.today(), on: request.db)
                return .gateDecided
            }
        }
        app.get("governance", "decisions") { request async throws -> Response in try await DecisionLogPage.show(request) }
        app.post("governance", "decisions", ":id", "decide") { request async throws -> Response in
            let caller = try request.caller
            let id = try request.idParameter()
            let form = try request.content.decode([String: String].self)
            return try await GovernanceForms.handle(request, back: "/governance/decisions", again: { try await DecisionLogPage.show(request, errors: $0) }) {
                guard let version = form["version"].flatMap(Int.init) else { throw Problem.badRequest("The form has no version; reload the page.") }
                _ = try await DecisionService.decide(
                    id, version: version, DecisionService.DecideRequest(outcome: form["outcome"] ?? "", rationale: form["rationale"] ?? ""),
                    by: caller, today: Day.today(), on: request.db)
                return .decisionRecorded
            }
        }
        app.get("governance", "raid") { request async throws -> Response in try await RAIDRegisterPage.show(request) }
        WebhooksPage.register(on: app)
        app.post("governance", "raid", ":id", "escalation") { request async throws -> Response in
            let caller = try request.caller
            let id = try request.idParameter()
            let form = try request.content.decode([String: String].self)
            return try await GovernanceForms.handle(request, back: "/governance/raid", again: { try await RAIDRegisterPage.show(request, errors: $0) }) {
                guard let level = EscalationLevel(rawValue: form["level"] ?? "") else {
                    throw Problem.validation([FieldIssue("level", "choose a level")])
                }
                _ = try await EscalationService.move(id, EscalationService.MoveRequest(level: level, reason: form["reason"] ?? ""),
                                                     by: caller, today: Day.today(), on: request.db)
                return .itemMoved
            }
        }
    }

    /// The local navigation between the governance pages.
    static func tabs(_ current: String, caller: Caller) -> Node<HTML.BodyContext> {
        var pages = [("/governance", "Gates"), ("/governance/decisions", "Decisions"), ("/governance/raid", "RAID and escalations")]
        if caller.isPortfolioStaff { pages.append(("/governance/webhooks", "Webhooks")) }
        return .nav(.class("tabs"), .attribute(named: "aria-label", value: "Governance"),
                    .ul(.forEach(pages) { page in
                        .li(.a(.href(page.0), .text(page.1), .if(page.0 == current, .attribute(named: "aria-current", value: "page"))))
                    }))
    }

    /// The result of the last form, shown once at the top of the page it returned to.
    static func flash(_ request: Request, errors: [String]) -> Node<HTML.BodyContext> {
        if !errors.isEmpty {
            return .div(.id("form-errors"), .class("error panel"), .attribute(named: "role", value: "alert"),
                        .p(.text("Nothing was changed:")), .ul(.forEach(errors) { .li(.text($0)) }))
        }
        if let done = request.query[String.self, at: "done"].flatMap(GovernanceForms.Outcome.init(rawValue:)) {
            return .p(.id("flash"), .class("flash"), .attribute(named: "role", value: "status"), .text(done.message))
        }
        return .empty
    }
}

/// Runs a form's action and sends the browser back with what happened: the message on success, the
/// problem's reasons (field by field) when refused.
enum GovernanceForms {
    /// What a form did, named in the redirect so the page can say it (and nothing else can be said).
    enum Outcome: String {
        case tiersApplied = "tiers-applied", tierOverridden = "tier-overridden", reviewRequested = "review-requested"
        case fastTracked = "fast-tracked", gateDecided = "gate-decided", decisionRecorded = "decision-recorded", itemMoved = "item-moved"

        var message: String {
            switch self {
                case .tiersApplied: "Tier rules applied."
                case .tierOverridden: "Tier overridden."
                case .reviewRequested: "Review requested: the gate decision is waiting on its maker."
                case .fastTracked: "Fast-tracked: the gate is passed."
                case .gateDecided: "Gate decided."
                case .decisionRecorded: "Decision recorded."
                case .itemMoved: "Escalation level changed."
            }
        }
    }

    /// Success: back to `back` with the outcome. Refused: the page again (same status), saying why,
    /// field by field, with nothing changed.
    static func handle(
        _ request: Request, back: String, again: ([String]) async throws -> Response, _ action: () async throws -> Outcome
    ) async throws -> Response {
        do {
            let outcome = try await action()
            return request.redirect(to: "\(back)?done=\(outcome.rawValue)", redirectType: .normal)
        } catch let problem as Problem where (400..<500).contains(problem.status.code) && problem.status != .unauthorized && problem.slug != "csrf" {
            let response = try await again(problem.issues.isEmpty ? [problem.detail] : problem.issues.map(\.description))
            response.status = problem.status
            return response
        }
    }

    static func day(_ raw: String?, field: String) throws -> Day? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        guard let day = Day(text) else { throw Problem.validation([FieldIssue(field, "must be a date such as 2027-03-31")]) }
        return day
    }

    /// A labelled text input whose id is unique on a page that repeats the form per row.
    static func field(_ label: String, name: String, id: String, required: Bool = false) -> Node<HTML.FormContext> {
        .div(.class("field"), .label(.for(id), .text(label)), .input(.type(.text), .name(name), .id(id), .required(required)))
    }

    static func csrf(_ caller: Caller) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? ""))
    }
}
