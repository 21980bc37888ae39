import Fluent
import LodestarCore
import Vapor

/// Turns every error into a response a client can act on: `application/problem+json` for the API,
/// an error page for the web app. Nothing internal (SQL, stack, input) ever reaches the client.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let problem = Self.problem(for: error, request: request)
            if problem.status.code >= 500 {
                request.logger.report(error: error)
            }
            if request.wantsHTML {
                return ErrorPage.response(for: problem, request: request)
            }
            return Self.response(for: problem)
        }
    }

    static func response(for problem: Problem) -> Response {
        var headers = problem.headers
        headers.contentType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
        let data = (try? JSONEncoder.api.encode(problem.body)) ?? Data()
        return Response(status: problem.status, headers: headers, body: .init(data: data))
    }

    static func problem(for error: any Error, request: Request) -> Problem {
        switch error {
            case let problem as Problem:
                return problem
            case let error as DecodingError:
                return Problem.validation([error.fieldIssue])
            case let error as any DatabaseError where error.isConstraintFailure:
                return .conflict("The change conflicts with existing records: a value that must be unique is taken, or other records still refer to this one.")
            case let abort as any AbortError:
                return Problem(
                    status: abort.status, slug: abort.status.slug, title: abort.status.reasonPhrase,
                    detail: abort.status.code >= 500 ? "The server could not complete the request." : abort.reason,
                    headers: abort.headers)
            default:
                return Problem(
                    status: .internalServerError, slug: "internal", title: "Internal error",
                    detail: "The server could not complete the request (request id \(request.id)). Nothing was changed.")
        }
    }
}

extension HTTPResponseStatus {
    var slug: String {
        reasonPhrase.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
    }
}

extension DecodingError {
    /// Names the offending field by its JSON path, e.g. `options[2]`, so the client knows what to fix.
    var fieldIssue: FieldIssue {
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return text.isEmpty ? "body" : text
        }
        switch self {
            case .keyNotFound(let key, let context):
                return FieldIssue(path(context.codingPath + [key]), "is required")
            case .valueNotFound(_, let context):
                return FieldIssue(path(context.codingPath), "must not be null")
            case .typeMismatch(let type, let context):
                return FieldIssue(path(context.codingPath), "must be \(Self.describe(type))")
            case .dataCorrupted(let context):
                let reason = context.codingPath.isEmpty ? "is not valid JSON" : context.debugDescription
                return FieldIssue(path(context.codingPath), reason)
            @unknown default:
                return FieldIssue("body", "could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
            case is String.Type: "a string"
            case is Int.Type, is Int64.Type: "an integer"
            case is Double.Type, is Float.Type: "a number"
            case is Bool.Type: "true or false"
            case is [Any].Type: "an array"
            default: "a value of the documented type"
        }
    }
}

extension Request {
    /// Pages get HTML errors; the API, and clients that ask for JSON, get problem documents.
    var wantsHTML: Bool {
        let path = url.path
        if path.hasPrefix("/api/") || path == "/openapi.json" || path.hasPrefix("/mcp") { return false }
        return !(headers.first(name: .accept) ?? "").contains("application/json")
    }
}

extension JSONEncoder {
    static let api: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}

extension JSONDecoder {
    static let api: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
