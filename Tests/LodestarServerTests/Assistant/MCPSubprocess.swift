import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LodestarCore

/// The built `lodestar mcp` run as a subprocess and spoken to as a desktop assistant would: JSON-RPC,
/// one message per line on its standard input and output.
final class MCPSubprocess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private let queue = DispatchQueue(label: "mcp-subprocess")
    private var buffer = Data()
    private var nextID = 1
    /// Answers that arrived while another was awaited (the server answers concurrently).
    private var early: [Int: JSONValue] = [:]

    init(database: String, token: String?, environment extra: [String: String] = [:]) throws {
        guard let executable = BuiltExecutable.lodestar else {
            throw SubprocessFailure(description: BuiltExecutable.missing)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["LODESTAR_TOKEN"] = token
        environment.removeValue(forKey: "DATABASE_URL")
        environment["LOG_LEVEL"] = "warning"
        environment.merge(extra) { _, new in new }
        process.executableURL = executable
        process.arguments = ["mcp", "--database", database]
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    /// Sends a request and returns its whole response (`result` or `error`).
    func request(_ method: String, _ params: JSONValue = .object([:]), timeout: Double = 120) async throws -> JSONValue {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.requestWaiting(method, params, timeout: timeout) })
            }
        }
    }

    /// A `tools/call`, returning its result.
    func callTool(_ name: String, _ arguments: [String: JSONValue] = [:]) async throws -> JSONValue {
        let response = try await request("tools/call", .object(["name": .string(name), "arguments": .object(arguments)]))
        guard let result = response["result"] else { throw SubprocessFailure(description: "tools/call \(name) failed: \(response.jsonText)") }
        return result
    }

    func notify(_ method: String) throws {
        try send(.object(["jsonrpc": .string("2.0"), "method": .string(method)]))
    }

    /// Closes standard input, waits for the process to end and returns its status and standard error.
    func finish() async -> (status: Int32, errors: String) {
        try? input.fileHandleForWriting.close()
        return await withCheckedContinuation { continuation in
            queue.async {
                self.process.waitUntilExit()
                let text = String(decoding: self.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                continuation.resume(returning: (self.process.terminationStatus, text))
            }
        }
    }

    private func send(_ message: JSONValue) throws {
        try input.fileHandleForWriting.write(contentsOf: Data((message.jsonText + "\n").utf8))
    }

    private func requestWaiting(_ method: String, _ params: JSONValue, timeout: Double) throws -> JSONValue {
        let id = nextID
        nextID += 1
        try send(.object(["jsonrpc": .string("2.0"), "id": .number(Double(id)), "method": .string(method), "params": params]))
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let response = early.removeValue(forKey: id) { return response }
            let line = try readLine(until: deadline, waitingFor: method)
            guard let message = try? JSONDecoder().decode(JSONValue.self, from: line) else {
                throw SubprocessFailure(description: "lodestar mcp wrote a line that is not JSON: \(String(decoding: line, as: UTF8.self))")
            }
            if let number = message["id"]?.numberValue, message["method"] == nil { early[Int(number)] = message }
        }
    }

    private func readLine(until deadline: Date, waitingFor method: String) throws -> Data {
        let descriptor = output.fileHandleForReading.fileDescriptor
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
                return Data(line)
            }
            let remaining = Int(deadline.timeIntervalSinceNow * 1000)
            guard remaining > 0 else { throw SubprocessFailure(description: "no answer to \(method) in time") }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(remaining, 1000))) > 0 else { continue }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty {
                throw SubprocessFailure(description: "lodestar mcp ended before answering \(method)")
            }
            buffer.append(chunk)
        }
    }
}
