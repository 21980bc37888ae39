import Fluent
import Foundation
import LodestarCore
import Vapor

/// Whom an assistant acts for and where it reads: every tool, resource and prompt runs through one.
///
/// The caller is resolved on every call, so a token revoked or an account disabled mid-conversation
/// stops the very next call (over stdio a session lasts as long as the desktop app is open).
struct AssistantSession: Sendable {
    let application: Application
    /// `stdio` or `http`, for the audit trail.
    let transport: String
    /// Links to records are made absolute with this (e.g. `https://lodestar.example.org`) when known.
    let baseURL: String?
    private let resolveCaller: @Sendable () async throws -> Caller

    init(application: Application, transport: String, baseURL: String?, caller: @escaping @Sendable () async throws -> Caller) {
        self.application = application
        self.transport = transport
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        resolveCaller = caller
    }

    /// A session for a caller already authenticated (an HTTP request).
    init(application: Application, transport: String, baseURL: String?, caller: Caller) {
        self.init(application: application, transport: transport, baseURL: baseURL, caller: { caller })
    }

    /// A session for an API token, looked up again on every call.
    static func forToken(_ token: String, application: Application, baseURL: String?) -> AssistantSession {
        AssistantSession(application: application, transport: "stdio", baseURL: baseURL) {
            guard let caller = try await AuthenticationMiddleware.caller(forToken: token, on: application.db) else {
                throw ToolFailure(kind: .unauthenticated, message: "The API token is unknown, revoked, or its account is disabled. Create a new one on the Account page.")
            }
            return caller
        }
    }

    var database: any Database { application.db }

    func caller() async throws -> Caller { try await resolveCaller() }

    /// `path` (e.g. `/initiatives/<id>`) as a link the person can open.
    func link(_ path: String) -> String {
        guard let baseURL, path.hasPrefix("/") else { return path }
        return baseURL + path
    }
}
