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
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    let logFile: URL
    private let process = Process()

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts it on `database` with `environment` added, and returns once `/health` answers.
    init(database: String, logFolder: URL, name: String, environment extra: [String: String] = [:]) async throws {
        guard let executable = MCPSubprocess.executable else {
            throw Failure(description: "the lodestar executable is not built; run `swift build --build-tests` first")
        }
        port = try freeLoopbackPort()
        logFile = logFolder.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = database
        environment["LOG_LEVEL"] = "warning"
        environment.merge(extra) { _, new in new }
        process.executableURL = executable
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", String(port)]
        process.environment = environment
        let log = try FileHandle(forWritingTo: logFile)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try await waitUntilHealthy()
    }

    private func waitUntilHealthy() async throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            guard process.isRunning else { throw Failure(description: "lodestar serve on \(port) ended at start: \(log)") }
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: "\(baseURL)/health")!),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        stop()
        throw Failure(description: "lodestar serve on \(port) did not answer /health within 60 s: \(log)")
    }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Stops it by its pid (SIGTERM: a clean shutdown) and waits for it to end.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on right now (the kernel's choice for port 0).
func freeLoopbackPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw ServeProcess.Failure(description: "socket() failed") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
            bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
        }
    }
    guard bound else { throw ServeProcess.Failure(description: "could not bind a loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
}
