import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Runs registered `ScheduledJob`s periodically on every instance; the `job_runs` table's unique
/// (job, slot) makes each slot run on exactly one of them, and records failures for retry.
///
/// Started when the app boots outside the testing environment (set `LODESTAR_JOBS=off` to keep an
/// instance from running jobs); tests call `tick(now:)` directly.
public final class JobScheduler: LifecycleHandler, Sendable {
    /// A claim still `running` after this long belongs to an instance that died; it may be retaken.
    static let abandonedAfter: TimeInterval = 3600

    public enum Outcome: Equatable, Sendable {
        case ran(job: String, slot: String)
        case failed(job: String, slot: String, error: String)
        /// Another instance holds or finished the slot, or it is waiting for its retry time.
        case skipped(job: String, slot: String)
    }

    let instance = UUID().uuidString
    private let state = NIOLockedValueBox<(jobs: [ScheduledJob], task: Task<Void, Never>?)>(([], nil))
    let checkInterval: TimeInterval

    init(checkInterval: TimeInterval = 60) {
        self.checkInterval = checkInterval
    }

    public func register(_ job: ScheduledJob) {
        state.withLockedValue { $0.jobs.append(job) }
    }

    public var jobs: [ScheduledJob] { state.withLockedValue { $0.jobs } }

    /// Checks every job once at `now`: claims and runs each due slot that no instance has taken.
    @discardableResult
    public func tick(app: Application, now: Date = Date()) async -> [Outcome] {
        var outcomes: [Outcome] = []
        for job in jobs {
            guard let slot = job.slot(now) else { continue }
            do {
                guard let run = try await claim(job, slot: slot, now: now, on: app.db) else {
                    outcomes.append(.skipped(job: job.name, slot: slot))
                    continue
                }
                do {
                    try await job.run(app, slot)
                    run.state = .succeeded
                    run.finishedAt = Date()
                    run.error = nil
                    try await run.update(on: app.db)
                    app.logger.info("job \(job.name) ran slot \(slot)")
                    outcomes.append(.ran(job: job.name, slot: slot))
                } catch {
                    let message = String(describing: error)
                    run.state = .failed
                    run.finishedAt = Date()
                    run.error = String(message.prefix(2000))
                    run.nextAttemptAt = now.addingTimeInterval(job.retryDelay * pow(2, Double(run.attempts - 1)))
                    try? await run.update(on: app.db)
                    app.logger.error("job \(job.name) failed slot \(slot) (attempt \(run.attempts) of \(job.maxAttempts)): \(message)")
                    outcomes.append(.failed(job: job.name, slot: slot, error: message))
                }
            } catch {
                app.logger.error("job \(job.name) could not claim slot \(slot): \(String(reflecting: error))")
                outcomes.append(.failed(job: job.name, slot: slot, error: String(describing: error)))
            }
        }
        return outcomes
    }

    /// The run this instance now owns, or nil when the slot is someone else's, done, or not yet due for retry.
    func claim(_ job: ScheduledJob, slot: String, now: Date, on database: any Database) async throws -> JobRunModel? {
        if let existing = try await JobRunModel.query(on: database).filter(\.$job == job.name).filter(\.$slot == slot).first() {
            return try await retake(existing, job: job, now: now, on: database)
        }
        let run = JobRunModel(job: job.name, slot: slot, instance: instance, at: now)
        do {
            try await run.create(on: database)
            return run
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return nil
        }
    }

    /// A failed run past its retry time, or one abandoned while running, is retaken by exactly one
    /// instance: the conditional update succeeds for the first and matches nothing for the rest.
    private func retake(_ run: JobRunModel, job: ScheduledJob, now: Date, on database: any Database) async throws -> JobRunModel? {
        let retryable = run.state == .failed && run.attempts < job.maxAttempts && (run.nextAttemptAt ?? now) <= now
        let abandoned = run.state == .running && run.claimedAt < now.addingTimeInterval(-Self.abandonedAfter)
        guard retryable || abandoned, let sql = database as? any SQLDatabase, let id = run.id else { return nil }
        let taken = try await sql.update(JobRunModel.schema)
            .set("state", to: JobRunModel.State.running.rawValue)
            .set("attempts", to: run.attempts + 1)
            .set("claimed_at", to: now)
            .set("instance", to: instance)
            .where("id", .equal, id)
            .where("attempts", .equal, run.attempts)
            .where("state", .equal, run.state.rawValue)
            .returning("id")
            .all()
        guard !taken.isEmpty else { return nil }
        return try await JobRunModel.find(id, on: database)
    }

    // MARK: LifecycleHandler

    public func didBootAsync(_ application: Application) async throws {
        guard application.environment != .testing, Environment.get("LODESTAR_JOBS") != "off" else { return }
        let interval = checkInterval
        let task = Task { [weak application] in
            while !Task.isCancelled {
                guard let application else { return }
                await self.tick(app: application)
                try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
            }
        }
        state.withLockedValue { $0.task = task }
        application.logger.info("job scheduler started (\(jobs.map(\.name).joined(separator: ", ")))")
    }

    public func shutdownAsync(_ application: Application) async {
        let task = state.withLockedValue { state -> Task<Void, Never>? in
            defer { state.task = nil }
            return state.task
        }
        task?.cancel()
        await task?.value
    }
}

private struct JobSchedulerKey: StorageKey {
    typealias Value = JobScheduler
}

extension Application {
    /// The app's periodic jobs: `app.jobs.register(ScheduledJob(name:slot:run:))`.
    public var jobs: JobScheduler {
        if let scheduler = storage[JobSchedulerKey.self] { return scheduler }
        let scheduler = JobScheduler(checkInterval: config.jobCheckInterval)
        storage[JobSchedulerKey.self] = scheduler
        lifecycle.use(scheduler)
        return scheduler
    }
}
