import ArgumentParser
import Foundation
import LodestarServer

struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the Model Context Protocol over stdin/stdout, for AI desktop assistants.",
        discussion: """
            Runs as the user whose API token is in LODESTAR_TOKEN, with that user's permissions; every tool call is \
            audited. LODESTAR_URL (e.g. https://lodestar.example.org) makes links in answers absolute. Logs go to \
            standard error. The running app serves the same protocol over HTTP at /mcp.
            """)

    @OptionGroup var storage: DatabaseOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        try await AssistantStdio.serve(try storage.config(), token: environment["LODESTAR_TOKEN"], baseURL: environment["LODESTAR_URL"])
    }
}
