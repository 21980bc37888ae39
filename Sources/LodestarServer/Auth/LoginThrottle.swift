import Fluent
import Vapor

/// Slows password guessing: after too many failures in a window, an account or a client address
/// must wait. Counted in the database so every instance enforces the same limit.
enum LoginThrottle {
    static let window: TimeInterval = 15 * 60
    static let perAccount = 5
    static let perAddress = 20

    static func keys(email: String, address: String) -> (account: String, address: String) {
        ("email:\(UserModel.normalise(email: email))", "ip:\(address)")
    }

    static func check(email: String, address: String, on database: any Database, now: Date = Date()) async throws {
        let (accountKey, addressKey) = keys(email: email, address: address)
        let since = now.addingTimeInterval(-window)
        let accountFailures = try await LoginAttemptModel.query(on: database)
            .filter(\.$key == accountKey).filter(\.$attemptedAt > since).count()
        let addressFailures = try await LoginAttemptModel.query(on: database)
            .filter(\.$key == addressKey).filter(\.$attemptedAt > since).count()
        if accountFailures >= perAccount || addressFailures >= perAddress {
            throw Problem.tooManyRequests(
                retryAfterSeconds: Int(window),
                "Too many failed sign-ins. Wait 15 minutes and try again, or ask an admin to reset your password.")
        }
    }

    static func recordFailure(email: String, address: String, on database: any Database, now: Date = Date()) async throws {
        let (accountKey, addressKey) = keys(email: email, address: address)
        try await LoginAttemptModel(key: accountKey, attemptedAt: now).create(on: database)
        try await LoginAttemptModel(key: addressKey, attemptedAt: now).create(on: database)
        // Old failures no longer count; dropping them keeps the table small.
        try await LoginAttemptModel.query(on: database).filter(\.$attemptedAt < now.addingTimeInterval(-window * 4)).delete()
    }

    static func clear(email: String, on database: any Database) async throws {
        try await LoginAttemptModel.query(on: database).filter(\.$key == keys(email: email, address: "").account).delete()
    }
}

extension Request {
    /// The client's address: the proxy's `X-Forwarded-For` only when Lodestar is told it sits behind one.
    var clientAddress: String {
        if application.config.trustProxy,
           let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").first {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }

    var isSecureTransport: Bool {
        application.config.secureCookies
            || (application.config.trustProxy && headers.first(name: "X-Forwarded-Proto") == "https")
    }
}
