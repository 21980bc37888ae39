import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

/// Runs the Selenium flow in `Tests/browser` against a live server, when chromium, chromedriver and
/// Python's selenium are installed (CI installs them); skipped, and says so, otherwise.
@Suite("Browser")
struct BrowserTests {
    static let browserAvailable: Bool = {
        let files = FileManager.default
        guard files.isExecutableFile(atPath: "/usr/bin/chromium"), files.isExecutableFile(atPath: "/usr/bin/chromedriver") else { return false }
        return (try? run("/usr/bin/env", ["python3", "-c", "import selenium"]).status) == 0
    }()

    static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("browser/portfolio_flow.py").path
    }

    @Test("sign in, open the portfolio and an initiative, edit it through the form, see it saved",
          .enabled(if: browserAvailable, "skipped: chromium, chromedriver or python3 selenium is not installed"))
    func portfolioFlow() async throws {
        try await withTestApp(.sqlite) { app, people in
            let initiative = Initiative(code: "INI-BROWSER", name: "Customer data hub", ownerID: people.owner.id, status: .active, capexBudget: 250_000)
            let created = try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: initiative)
            #expect(created.status == .created)

            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = app.http.server.shared.localAddress?.port ?? 0
            let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("lodestar-browser").path
            try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)

            let result = try await Task.detached {
                try Self.run("/usr/bin/env", [
                    "python3", Self.scriptPath, "--base-url", "http://127.0.0.1:\(port)", "--email", people.pmo.email,
                    "--password", Fixture.password, "--initiative", "Customer data hub", "--screenshots", screenshots,
                ])
            }.value
            await app.server.shutdown()
            #expect(result.status == 0, "browser flow output:\n\(result.output)")

            let saved = try await app.api(.GET, "/api/v1/initiatives/\(created.id!)", as: people.viewer)
            #expect(saved.json["name"] == .string("Customer data hub (renamed in browser)"))
            #expect(saved.json["capexBudget"] == .number(1_234_567))
        }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
