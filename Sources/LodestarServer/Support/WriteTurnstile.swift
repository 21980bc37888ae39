import NIOConcurrencyHelpers
import NIOCore

/// Lets this process's SQLite writers in one at a time, first come first served, without holding a
/// thread while they wait.
///
/// SQLite has one write lock per file. A connection that finds it taken waits in its busy handler,
/// which sleeps on one of the few threads of the database thread pool — the same threads the lock's
/// holder needs for its next statement — and wakes on a back-off schedule of up to 100 ms, long after
/// the lock was freed. Under concurrent writes that made creates slow and their latency erratic.
/// Queuing here instead hands the lock on the moment it is released; SQLite's busy timeout remains
/// for writers in other processes.
final class WriteTurnstile: Sendable {
    private struct State {
        var occupied = false
        var waiting = CircularBuffer<EventLoopPromise<Void>>()
    }

    private let state = NIOLockedValueBox(State())

    /// Succeeds when it is the caller's turn; every success must be followed by one `leave()`. Fails
    /// with `TimedOut` after `patience`, as SQLite's busy timeout would, so that a writer waiting on
    /// itself (a transaction opened inside another through a second handle) fails instead of hanging.
    func enter(on eventLoop: any EventLoop, patience: TimeAmount) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        let admitted = state.withLockedValue { state -> Bool in
            if !state.occupied {
                state.occupied = true
                return true
            }
            state.waiting.append(promise)
            return false
        }
        if admitted {
            promise.succeed()
            return promise.futureResult
        }
        let expiry = eventLoop.scheduleTask(in: patience) {
            let gaveUp = self.state.withLockedValue { state -> Bool in
                guard let index = state.waiting.firstIndex(where: { $0.futureResult === promise.futureResult }) else { return false }
                state.waiting.remove(at: index)
                return true
            }
            if gaveUp { promise.fail(TimedOut(patience: patience)) }
        }
        promise.futureResult.whenSuccess { expiry.cancel() }
        return promise.futureResult
    }

    struct TimedOut: Error, CustomStringConvertible {
        let patience: TimeAmount
        var description: String { "database is locked: no turn to write within \(patience.nanoseconds / 1_000_000) ms" }
    }

    func leave() {
        let next = state.withLockedValue { state -> EventLoopPromise<Void>? in
            guard !state.waiting.isEmpty else {
                state.occupied = false
                return nil
            }
            return state.waiting.removeFirst()   // stays occupied: the turn passes straight on
        }
        next?.succeed()
    }

    /// Runs `work` in the caller's turn and leaves however it ends.
    func inTurn<T>(on eventLoop: any EventLoop, patience: TimeAmount, _ work: @escaping () -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        enter(on: eventLoop, patience: patience).flatMap { work().always { _ in self.leave() } }
    }
}
