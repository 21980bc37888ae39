import Foundation
import Vapor

/// A periodic piece of work. Every check, `slot` names the unit of work that is due (for the status
/// report, the reporting period that has just ended); each slot runs once across all instances.
public struct ScheduledJob: Sendable {
    public var name: String
    /// The slot due at `now`, or nil when nothing is due. Slots are compared as text, so a job's
    /// slots must be stable (e.g. `2026-11-02`), never derived from the instant of the check.
    public var slot: @Sendable (Date) -> String?
    public var run: @Sendable (Application, String) async throws -> Void
    /// Attempts before a failing slot is given up (each failure is recorded with its error).
    public var maxAttempts: Int
    /// Wait before retrying a failed slot; doubles with each attempt.
    public var retryDelay: TimeInterval

    public init(
        name: String, maxAttempts: Int = 5, retryDelay: TimeInterval = 300,
        slot: @escaping @Sendable (Date) -> String?, run: @escaping @Sendable (Application, String) async throws -> Void
    ) {
        self.name = name
        self.slot = slot
        self.run = run
        self.maxAttempts = maxAttempts
        self.retryDelay = retryDelay
    }
}
