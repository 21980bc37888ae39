import Foundation
import LodestarCore
import MCP
import Vapor

/// The Model Context Protocol over HTTP at `/mcp` (streamable HTTP, answering each POST with one
/// JSON response; no sessions, no server-sent events). The caller authenticates with an API token
/// as `Authorization: Bearer <token>`, exactly as for `/api/v1`.
///
/// Each POST gets a server of its own bound to the authenticated caller, so no state lives in this
/// process between requests and any instance behind a load balancer can answer any request.
enum AssistantHTTP {
    static func register(on app: Application) {
        app.on(.POST, "mcp", body: .collect(maxSize: "1mb")) { request in try await respond(to: request) }
        // Without sessions there is no stream to open or session to end (the specification's answer is 405).
        app.on(.GET, "mcp") { _ in methodNotAllowed() }
        app.on(.DELETE, "mcp") { _ in methodNotAllowed() }
    }

    static func respond(to request: Vapor.Request) async throws -> Vapor.Response {
        guard request.headers.bearerAuthorization != nil else {
            throw Problem(
                status: .unauthorized, slug: "unauthenticated", title: "API token required",
                detail: "Send an API token as `Authorization: Bearer <token>` (create one on the Account page).",
                headers: ["WWW-Authenticate": "Bearer"])
        }
        let session = AssistantSession(application: request.application, transport: "http", baseURL: baseURL(of: request), caller: try request.caller)
        let server = await AssistantServer.make(session: session)
        // Origins are not checked: a request must carry the bearer token, which a foreign page cannot read.
        let transport = StatelessHTTPServerTransport(validationPipeline: StandardValidationPipeline(validators: [
            AcceptHeaderValidator(mode: .jsonOnly), ContentTypeValidator(), ProtocolVersionValidator(),
        ]))
        try await server.start(transport: transport)
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name] = headers[name].map { "\($0), \(value)" } ?? value }
        let answer = await transport.handleRequest(MCP.HTTPRequest(
            method: "POST", headers: headers, body: request.body.data.map { Data($0.readableBytesView) }, path: request.url.path))
        await server.stop()
        var responseHeaders = HTTPHeaders()
        for (name, value) in answer.headers { responseHeaders.replaceOrAdd(name: name, value: value) }
        return Vapor.Response(
            status: HTTPResponseStatus(statusCode: answer.statusCode), headers: responseHeaders,
            body: answer.bodyData.map { Vapor.Response.Body(data: $0) } ?? .empty)
    }

    static func methodNotAllowed() -> Vapor.Response {
        Vapor.Response(status: .methodNotAllowed, headers: ["Allow": "POST"])
    }

    /// Where links in answers point: this server as the client reached it.
    static func baseURL(of request: Vapor.Request) -> String? {
        guard let host = request.headers.first(name: .host) else { return nil }
        let forwarded = request.application.config.trustProxy ? request.headers.first(name: "X-Forwarded-Proto") : nil
        let scheme = forwarded ?? (request.application.config.secureCookies ? "https" : "http")
        return "\(scheme)://\(host)"
    }
}
