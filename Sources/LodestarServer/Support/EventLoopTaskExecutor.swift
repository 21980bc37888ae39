import NIOCore

/// Runs Swift tasks on a NIO event loop.
///
/// A write transaction's body awaits one database statement after another while it holds the write
/// turn. Each statement finishes on the connection's event loop; a task on Swift's global executor then
/// waits for one of its threads to wake before it can issue the next, and every other writer waits with
/// it. Preferring the connection's own loop resumes the body where the answer arrives.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

extension EventLoop {
    /// Like `makeFutureWithTask`, with the task preferring this loop (see `EventLoopTaskExecutor`).
    /// Only for short bodies that wait on I/O: the loop serves no other channel while the body computes.
    func makeFutureWithTaskOnLoop<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> EventLoopFuture<T> {
        let promise = makePromise(of: T.self)
        Task(executorPreference: EventLoopTaskExecutor(eventLoop: self)) {
            do { promise.succeed(try await body()) } catch { promise.fail(error) }
        }
        return promise.futureResult
    }
}
