import Foundation
import LodestarCore
import MCP
import Vapor

/// `lodestar mcp`: the Model Context Protocol over standard input and output, for desktop
/// assistants that start Lodestar as a subprocess. The person is whoever `LODESTAR_TOKEN` belongs to.
public enum AssistantStdio {
    public static func serve(_ config: AppConfig, token: String?, baseURL: String?) async throws {
        guard let token = token?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
            throw CommandError("""
                LODESTAR_TOKEN is not set. Create an API token (Account page, or `lodestar token create --email you@example.org`) \
                and give it to the assistant in the LODESTAR_TOKEN environment variable.
                """)
        }
        // Standard output carries the protocol, so the logs go to standard error.
        try await Commands.withDatabase(config, logToStandardError: true) { app in
            guard let caller = try await AuthenticationMiddleware.caller(forToken: token, on: app.db) else {
                throw CommandError("LODESTAR_TOKEN is unknown or revoked, or its account is disabled. Create a new token on the Account page.")
            }
            app.logger.info("lodestar mcp: serving \(caller.email) (\(caller.role.rawValue)) over stdio")
            let session = AssistantSession.forToken(token, application: app, baseURL: baseURL)
            let server = await AssistantServer.make(session: session)
            let transport = AnsweringTransport(StdioTransport(logger: app.logger), logger: app.logger)
            try await server.start(transport: transport)
            await server.waitUntilCompleted()
            await transport.waitUntilAnswered(timeout: 60)
            await server.stop()
        }
    }
}
