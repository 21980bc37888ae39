import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import Vapor

/// Schemathesis (PyPI) generates valid and invalid requests for every operation of /openapi.json,
/// signed in as an admin (who may call them all) on a demo portfolio, and checks every answer: never
/// a 5xx, and status, content type and body always as documented.
@Suite("Hostile input: schemathesis against the OpenAPI document")
struct SchemathesisTests {
    static let available = (try? BrowserHarness.run("/usr/bin/env", ["schemathesis", "--version"]).status) == 0
    static let skipMessage: Comment = "skipped: schemathesis is not installed (python3 -m pip install schemathesis)"

    /// Generated requests per operation and phase: enough to reach every documented field and
    /// boundary on two cores within a few minutes.
    static let examplesPerOperation = 5

    @Test("Every operation answers generated input without a server error and as documented",
          .enabled(if: available, skipMessage))
    func everyOperationHoldsUpToGeneratedInput() async throws {
        try await withTestApp { app, people in
            _ = try await Commands.loadDemo(into: app, seed: 42, initiatives: 12)
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = app.http.server.shared.localAddress?.port ?? 0
            let report = FileManager.default.temporaryDirectory.appendingPathComponent("lodestar-schemathesis")
            try FileManager.default.createDirectory(at: report, withIntermediateDirectories: true)
            let arguments = [
                // Run in the report folder: schemathesis keeps a cache in its working directory.
                "-C", report.path, "schemathesis", "run", "http://127.0.0.1:\(port)/openapi.json",
                "--header", "Authorization: Bearer \(people.admin.token)",
                "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
                "--phases", "examples,coverage,fuzzing",
                "--max-examples", String(Self.examplesPerOperation),
                // One request at a time: this is about what each request does, not about load.
                "--workers", "1",
                "--seed", "20261122",
                "--request-timeout", "30",
                "--generation-database", "none",
                "--no-color",
                "--report", "junit", "--report-dir", report.path,
            ]
            let (status, output) = try await Task.detached { try BrowserHarness.run("/usr/bin/env", arguments) }.value
            await app.server.shutdown()
            // The summary (operations, phases, test cases, failures) goes into the test log for the record.
            print(output.components(separatedBy: "SUMMARY").last.map { "schemathesis SUMMARY" + $0 } ?? output)
            #expect(status == 0, "schemathesis found failures:\n\(output.suffix(20_000))")
        }
    }
}
