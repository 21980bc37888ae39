import Fluent
import Vapor

/// A failed sign-in, counted per account and per client address to slow password guessing on every
/// instance at once.
final class LoginAttemptModel: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    /// `email:<address>` or `ip:<address>`
    @Field(key: "key") var key: String
    @Field(key: "attempted_at") var attemptedAt: Date

    init() {}

    init(key: String, attemptedAt: Date) {
        self.key = key
        self.attemptedAt = attemptedAt
    }
}
