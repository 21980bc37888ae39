import Foundation
import Logging
import MCP

/// Wraps a transport and keeps count of the requests received but not yet answered, so
/// `lodestar mcp` can finish its answers when its input ends (`printf … | lodestar mcp`) instead
/// of exiting while they are still being computed: the SDK answers each request in its own task.
actor AnsweringTransport: Transport {
    nonisolated let logger: Logger
    private let inner: any Transport
    private var unanswered: Set<String> = []
    private let incoming: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private var pump: Task<Void, Never>?

    init(_ inner: any Transport, logger: Logger) {
        self.inner = inner
        self.logger = logger
        (incoming, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
    }

    func connect() async throws {
        try await inner.connect()
        let messages = await inner.receive()
        pump = Task {
            do {
                for try await message in messages {
                    noteReceived(message)
                    continuation.yield(message)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
    }

    func disconnect() async {
        pump?.cancel()
        await inner.disconnect()
        continuation.finish()
    }

    func send(_ data: Data) async throws {
        try await inner.send(data)
        for message in Self.messages(in: data) where message["method"] == nil {
            if let id = Self.key(message["id"]) { unanswered.remove(id) }
        }
    }

    nonisolated func receive() -> AsyncThrowingStream<Data, any Error> { incoming }

    /// Returns once every request received has been answered, or after `timeout` seconds (a
    /// cancelled request is never answered).
    func waitUntilAnswered(timeout: Double) async {
        let deadline = Date().addingTimeInterval(timeout)
        while !unanswered.isEmpty, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    private func noteReceived(_ data: Data) {
        for message in Self.messages(in: data) where message["method"] != nil {
            if let id = Self.key(message["id"]) { unanswered.insert(id) }
        }
    }

    private static func messages(in data: Data) -> [[String: Any]] {
        switch try? JSONSerialization.jsonObject(with: data) {
            case let object as [String: Any]: [object]
            case let batch as [Any]: batch.compactMap { $0 as? [String: Any] }
            default: []
        }
    }

    /// Ids may be numbers or strings; `1` and `"1"` are different ids.
    private static func key(_ id: Any?) -> String? {
        switch id {
            case let text as String: "s:\(text)"
            case let number as NSNumber: "n:\(number)"
            default: nil
        }
    }
}
