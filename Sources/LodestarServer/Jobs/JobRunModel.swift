import Fluent
import Foundation
import SQLKit

/// The record of one (job, slot): who claimed it, how it went, and when to retry.
final class JobRunModel: Model, @unchecked Sendable {
    static let schema = "job_runs"

    enum State: String, Codable, Sendable {
        case running, succeeded, failed
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "job") var job: String
    @Field(key: "slot") var slot: String
    @Enum(key: "state") var state: State
    @Field(key: "attempts") var attempts: Int
    @Field(key: "claimed_at") var claimedAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @OptionalField(key: "next_attempt_at") var nextAttemptAt: Date?
    @OptionalField(key: "error") var error: String?
    /// Which app instance holds or held the claim, for the logs.
    @Field(key: "instance") var instance: String

    init() {}

    init(job: String, slot: String, instance: String, at date: Date) {
        self.job = job
        self.slot = slot
        state = .running
        attempts = 1
        claimedAt = date
        self.instance = instance
    }
}
