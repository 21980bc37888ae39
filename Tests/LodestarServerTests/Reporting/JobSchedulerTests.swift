import Foundation
import LodestarCore
@testable import LodestarServer
import NIOConcurrencyHelpers
import Testing
import VaporTesting

@Suite("Scheduled jobs")
struct JobSchedulerTests {
    /// Counts runs per slot, and fails the first `failures` of them.
    final class Recorder: Sendable {
        let runs = NIOLockedValueBox<[String]>([])
        let failures: Int
        init(failures: Int = 0) { self.failures = failures }

        func job(_ name: String = "test-job", slot: String = "2026-11-02") -> ScheduledJob {
            ScheduledJob(name: name, maxAttempts: 3, retryDelay: 60, slot: { _ in slot }, run: { _, slot in
                let attempt = self.runs.withLockedValue { runs -> Int in
                    runs.append(slot)
                    return runs.count
                }
                if attempt <= self.failures { throw CommandError("attempt \(attempt) fails") }
            })
        }
    }

    @Test("a slot runs once across instances sharing the database")
    func oneRunPerSlot() async throws {
        try await withTestApp { app, _ in
            let recorder = Recorder()
            // Two schedulers stand for two app instances on one database.
            let first = JobScheduler(), second = JobScheduler()
            first.register(recorder.job())
            second.register(recorder.job())
            let now = Date()
            async let a = first.tick(app: app, now: now)
            async let b = second.tick(app: app, now: now)
            let outcomes = await [a, b].flatMap { $0 }
            #expect(outcomes.filter { if case .ran = $0 { true } else { false } }.count == 1)
            #expect(recorder.runs.withLockedValue { $0 } == ["2026-11-02"])
            #expect(await first.tick(app: app, now: now.addingTimeInterval(3600)) == [.skipped(job: "test-job", slot: "2026-11-02")])
            let run = try await JobRunModel.query(on: app.db).first()
            #expect(run?.state == .succeeded)
        }
    }

    @Test("a failed slot is recorded and retried after its delay, and given up after its attempts")
    func failuresAreRetried() async throws {
        try await withTestApp { app, _ in
            let recorder = Recorder(failures: 5)
            let scheduler = JobScheduler()
            scheduler.register(recorder.job())
            let start = Date()
            let failed = await scheduler.tick(app: app, now: start)
            guard case .failed(_, _, let error)? = failed.first else { Issue.record("expected a failure: \(failed)"); return }
            #expect(error.contains("attempt 1 fails"))
            let stored = try #require(try await JobRunModel.query(on: app.db).first())
            #expect(stored.state == .failed)
            #expect(stored.error?.contains("attempt 1 fails") == true)

            #expect(await scheduler.tick(app: app, now: start.addingTimeInterval(30)) == [.skipped(job: "test-job", slot: "2026-11-02")])
            #expect(await scheduler.tick(app: app, now: start.addingTimeInterval(61)).first != .skipped(job: "test-job", slot: "2026-11-02"))
            #expect(recorder.runs.withLockedValue { $0.count } == 2)
            // The third attempt, after the doubled delay, is the last one.
            _ = await scheduler.tick(app: app, now: start.addingTimeInterval(61 + 121))
            _ = await scheduler.tick(app: app, now: start.addingTimeInterval(10_000))
            #expect(recorder.runs.withLockedValue { $0.count } == 3)
            #expect(try await JobRunModel.query(on: app.db).first()?.attempts == 3)
        }
    }

    @Test("the status-report job builds the ended period's report once")
    func statusReportJob() async throws {
        try await withTestApp { app, people in
            let job = StatusReports.job
            let monday = Day("2026-11-16")!  // a period start (bi-weekly from 2024-01-01)
            #expect(job.slot(monday.date.addingTimeInterval(3600)) == "2026-11-02")
            #expect(job.slot(monday.date.addingTimeInterval(-3600)) == "2026-10-19")
            #expect(app.jobs.jobs.contains { $0.name == StatusReports.jobName })
            _ = try await createInitiative(app, people)
            await app.jobs.tick(app: app, now: Date())
            await app.jobs.tick(app: app, now: Date())
            #expect(try await StatusReportModel.query(on: app.db).count() == 1)
        }
    }
}
