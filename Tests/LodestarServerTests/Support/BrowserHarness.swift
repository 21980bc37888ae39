import Foundation
@testable import LodestarServer
import Testing
import Vapor

/// Runs a Selenium flow from `Tests/browser` against a test app served on a free loopback port.
/// Flows need chromium, chromedriver and Python's selenium (CI installs them); tests that use this
/// are enabled with `.enabled(if: BrowserHarness.available, BrowserHarness.skipMessage)`.
enum BrowserHarness {
    static let skipMessage: Comment = "skipped: chromium, chromedriver or python3 selenium is not installed"

    static let available: Bool = {
        let files = FileManager.default
        guard files.isExecutableFile(atPath: "/usr/bin/chromium"), files.isExecutableFile(atPath: "/usr/bin/chromedriver") else { return false }
        return (try? run("/usr/bin/env", ["python3", "-c", "import selenium"]).status) == 0
    }()

    static var scriptsFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("browser")
    }

    /// Serves `app`, runs `script` signed in as `user` with `arguments` added, stops the server and
    /// returns the flow's exit status and output.
    static func runFlow(_ script: String, on app: Application, as user: Fixture.Person, arguments: [String] = [])
        async throws -> (status: Int32, output: String)
    {
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = app.http.server.shared.localAddress?.port ?? 0
        let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("lodestar-browser").path
        try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
        let path = scriptsFolder.appendingPathComponent(script).path
        let result = await Task.detached {
            Result {
                try run("/usr/bin/env", [
                    "python3", path, "--base-url", "http://127.0.0.1:\(port)", "--email", user.email,
                    "--password", Fixture.password, "--screenshots", screenshots,
                ] + arguments)
            }
        }.value
        await app.server.shutdown()
        return try result.get()
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
