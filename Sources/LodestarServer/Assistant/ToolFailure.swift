import Foundation
import LodestarCore

/// Why a tool call could not be answered, in words an assistant can relay to the person asking.
///
/// These become tool results marked `isError` (not protocol errors): the MCP specification wants
/// failures of the call itself, including bad arguments, reported where the model can read them
/// and correct its call. An unknown tool name is a protocol error instead (see `AssistantCatalog`).
struct ToolFailure: Error, Sendable, Equatable {
    enum Kind: String, Codable, Sendable {
        case invalidArgument = "invalid_argument"
        case forbidden
        case notFound = "not_found"
        case conflict
        case unauthenticated
        case failed
    }

    var kind: Kind
    var message: String
    /// The argument at fault, for `invalidArgument`.
    var argument: String?

    static func invalid(_ argument: String, _ message: String) -> ToolFailure {
        ToolFailure(kind: .invalidArgument, message: "Argument '\(argument)' \(message).", argument: argument)
    }

    static func notFound(_ message: String) -> ToolFailure { ToolFailure(kind: .notFound, message: message) }

    /// The same refusals and checks the API gives, in the tool's terms.
    init(_ problem: Problem) {
        switch problem.status {
            case .forbidden: kind = .forbidden
            case .notFound: kind = .notFound
            case .unauthorized: kind = .unauthenticated
            case .conflict, .preconditionFailed: kind = .conflict
            case .unprocessableEntity, .badRequest: kind = .invalidArgument
            default: kind = .failed
        }
        message = problem.detail
        argument = problem.issues.first?.field
    }

    init(kind: Kind, message: String, argument: String? = nil) {
        self.kind = kind
        self.message = message
        self.argument = argument
    }
}
