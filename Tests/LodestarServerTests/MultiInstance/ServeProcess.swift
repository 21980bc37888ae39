import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A `lodestar serve` of the built executable on a loopback port, as a deployment runs it: its own
/// process, its own job scheduler, sharing nothing with the others but the database.
final class ServeProcess: @unchecked Sendable {
    let port: Int
    let logFile: URL
    private let process: LodestarProcess

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts it on `database` with `environment` added, and returns once `/health` answers.
    init(database: String, logFolder: URL, name: String, environment extra: [String: String] = [:]) async throws {
        port = try ServerProcess.freePort()
        logFile = logFolder.appendingPathComponent("\(name).log")
        process = try LodestarProcess(
            ["serve", "--host", "127.0.0.1", "--port", String(port)], logTo: logFile,
            environment: extra.merging(["DATABASE_URL": database]) { _, database in database })
        try await waitUntilHealthy()
    }

    private func waitUntilHealthy() async throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            guard process.isRunning else { throw SubprocessFailure(description: "lodestar serve on \(port) ended at start: \(log)") }
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: "\(baseURL)/health")!),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        stop()
        throw SubprocessFailure(description: "lodestar serve on \(port) did not answer /health within 60 s: \(log)")
    }

    var log: String { process.output }

    /// Stops it by its pid (SIGTERM: a clean shutdown) and waits for it to end.
    func stop() {
        guard process.isRunning else { return }
        kill(process.process.processIdentifier, SIGTERM)
        process.process.waitUntilExit()
    }
}
