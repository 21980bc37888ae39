import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

/// The official Python MCP client against both transports; see `Tests/assistant/official_client.py`.
@Suite("Assistant through the official Python MCP client")
struct AssistantOfficialClientTests {
    static let available: Bool = {
        BuiltExecutable.lodestar != nil && (try? BrowserHarness.run("/usr/bin/env", ["python3", "-c", "import mcp"]).status) == 0
    }()

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("assistant/official_client.py").path
    }

    @Test(
        "stdio and streamable HTTP give the dashboard's six answers to a client nobody here wrote",
        .enabled(if: available, "skipped: python3's mcp package is not installed (pip install mcp), or lodestar is not built"))
    func officialClientAgrees() async throws {
        let database = AssistantStdioTests.temporaryDatabase()
        defer { AssistantStdioTests.removeDatabase(database) }
        try await withTestApp(sqliteFile: database) { app, people in
            try await app.loadDemoPortfolio()
            let dashboard = try await app.api(.GET, "/api/v1/dashboard", as: people.executive)
            let expected = FileManager.default.temporaryDirectory.appendingPathComponent("lodestar-dashboard-\(UUID().uuidString).json")
            try Data(dashboard.text.utf8).write(to: expected)
            defer { try? FileManager.default.removeItem(at: expected) }

            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = app.http.server.shared.localAddress?.port ?? 0
            let arguments = [
                "python3", Self.script, "--lodestar", BuiltExecutable.lodestar!.path, "--database", database,
                "--url", "http://127.0.0.1:\(port)/mcp", "--token", people.executive.token, "--dashboard", expected.path,
            ]
            let result = await Task.detached { Result { try BrowserHarness.run("/usr/bin/env", arguments) } }.value
            await app.server.shutdown()
            let (status, output) = try result.get()
            #expect(status == 0, "\(output)")
            #expect(output.contains("stdio: ") && output.contains("http: "), "\(output)")
        }
    }
}
