import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import LodestarCore
@testable import LodestarServer
import SQLKit

/// The `lodestar` executable built beside the test bundle (`swift build --build-tests` builds both).
enum BuiltExecutable {
    static var lodestar: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lodestar"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug/lodestar"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static let missing = "the lodestar executable is not built; run `swift build --build-tests` first"
}

struct SubprocessFailure: Error, CustomStringConvertible {
    var description: String
}

/// A `lodestar` command run as a child process of the test, its output kept in a file beside the database.
final class LodestarProcess: @unchecked Sendable {
    let process = Process()
    let log: URL

    init(_ arguments: [String], logTo log: URL, environment extra: [String: String] = [:]) throws {
        guard let executable = BuiltExecutable.lodestar else { throw SubprocessFailure(description: BuiltExecutable.missing) }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DATABASE_URL")
        environment["LOG_LEVEL"] = "warning"
        environment.merge(extra) { _, new in new }
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        self.log = log
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    /// A test that fails before stopping its process does not leave it running.
    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var isRunning: Bool { process.isRunning }

    /// SIGKILL: no handler runs, nothing is flushed; the way a power cut or the OOM killer ends it.
    func killAbruptly() async {
        kill(process.processIdentifier, SIGKILL)
        await waitUntilExit()
    }

    /// SIGTERM, then SIGKILL if it has not ended within five seconds.
    func stop() async {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<50 where process.isRunning { try? await Task.sleep(nanoseconds: 100_000_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        await waitUntilExit()
    }

    func waitUntilExit() async {
        while process.isRunning { try? await Task.sleep(nanoseconds: 20_000_000) }
    }

    var wasKilled: Bool { process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
}

/// `lodestar serve` on a SQLite file and a free loopback port, with a bearer token to call its API.
final class ServerProcess: @unchecked Sendable {
    let database: String
    let port: Int
    let token: String
    let process: LodestarProcess
    private let session: URLSession

    /// Starts the server and waits until `/health` answers.
    init(database: String, token: String, logTo log: URL) async throws {
        self.database = database
        self.token = token
        port = try Self.freePort()
        process = try LodestarProcess(
            ["serve", "--database", database, "--port", String(port)], logTo: log, environment: ["LODESTAR_JOBS": "off"])
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 20
        session = URLSession(configuration: configuration)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let (status, _) = try? await send("GET", "/health"), status == 200 { return }
            guard process.isRunning else { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        await process.stop()
        throw SubprocessFailure(description: "lodestar serve did not come up on port \(port):\n\(process.output)")
    }

    /// One request with the bearer token; the status and body of the answer.
    func send(_ method: String, _ path: String, json: Data? = nil, headers: [String: String] = [:]) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let json {
            request.httpBody = json
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (body, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, body)
    }

    /// A port nobody listens on now: bound to port 0, read back, released.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SubprocessFailure(description: "no socket for a free port") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw SubprocessFailure(description: "could not bind a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A scratch directory with a migrated SQLite database holding one PMO user and an API token for them,
/// prepared in this process; the servers under test open the same file.
struct ScratchDatabase {
    let directory: URL
    let path: String
    let token: String

    init(name: String) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("lodestar-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("lodestar.sqlite").path
        let config = Self.config(path)
        token = try await Commands.withDatabase(config) { app in
            _ = try await Commands.createUser(app, email: "pmo@resilience.test", name: "PMO", role: .pmo, password: "resilience-password")
            return try await Commands.createToken(app, email: "pmo@resilience.test", name: "resilience test")
        }
    }

    var config: AppConfig { Self.config(path) }

    private static func config(_ path: String) -> AppConfig {
        AppConfig(storage: .sqliteFile(path), passwordCost: 4, environmentName: "testing")
    }

    func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Runs `body` on the database, opened in this process (no migration, no jobs).
    func inspect<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await Commands.withDatabase(config, migrate: false) { app in try await body(app.db as! any SQLDatabase) }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
