import LodestarCore
import Vapor

/// An RFC 9457 problem: the one shape every API error takes, so clients handle failures uniformly.
struct Problem: Error, Sendable {
    var status: HTTPResponseStatus
    /// A stable slug; the `type` member is `/problems/<slug>`.
    var slug: String
    var title: String
    var detail: String
    var issues: [FieldIssue] = []
    var headers: HTTPHeaders = [:]

    static func validation(_ issues: [FieldIssue]) -> Problem {
        let fields = issues.map(\.field).uniqued().joined(separator: ", ")
        return Problem(
            status: .unprocessableEntity, slug: "validation", title: "The request has invalid fields",
            detail: "Check \(fields): \(issues.map(\.description).joined(separator: "; ")).", issues: issues)
    }

    static func notFound(_ what: String) -> Problem {
        Problem(status: .notFound, slug: "not-found", title: "Not found", detail: "\(what) does not exist.")
    }

    static func badRequest(_ detail: String) -> Problem {
        Problem(status: .badRequest, slug: "bad-request", title: "Bad request", detail: detail)
    }

    static let unauthenticated = Problem(
        status: .unauthorized, slug: "unauthenticated", title: "Authentication required",
        detail: "Sign in, or send an API token as `Authorization: Bearer <token>`.",
        headers: ["WWW-Authenticate": "Bearer"])

    static func forbidden(_ detail: String) -> Problem {
        Problem(status: .forbidden, slug: "forbidden", title: "Not allowed", detail: detail)
    }

    static func staleVersion(current: Int) -> Problem {
        Problem(
            status: .preconditionFailed, slug: "stale-version", title: "The record changed since you read it",
            detail: "Somebody else saved version \(current) first. Reload it, reapply your change and send it with `If-Match: \"\(current)\"`.")
    }

    static let versionRequired = Problem(
        status: .preconditionRequired, slug: "version-required", title: "Version required",
        detail: "Send the version you read as `If-Match: \"<version>\"` so that concurrent edits are never silently overwritten.")

    static func conflict(_ detail: String) -> Problem {
        Problem(status: .conflict, slug: "conflict", title: "Conflict", detail: detail)
    }

    static func tooManyRequests(retryAfterSeconds: Int, _ detail: String) -> Problem {
        Problem(
            status: .tooManyRequests, slug: "rate-limited", title: "Too many attempts", detail: detail,
            headers: ["Retry-After": String(retryAfterSeconds)])
    }

    static let csrf = Problem(
        status: .forbidden, slug: "csrf", title: "Form expired",
        detail: "The form's security token is missing or stale. Reload the page and submit again.")

    var body: ProblemBody {
        ProblemBody(
            type: "/problems/\(slug)", title: title, status: Int(status.code), detail: detail,
            errors: issues.isEmpty ? nil : issues)
    }
}

struct ProblemBody: Content, Equatable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var errors: [FieldIssue]?
}

extension Sequence where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
