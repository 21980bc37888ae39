import Crypto
import Fluent
import LodestarCore
import NIOCore
import SQLKit
import Vapor

/// Delivers due outbox rows: signed, retried with back-off, and claimed atomically so that of several
/// app instances running this at once exactly one sends each row.
///
/// A row is sent at most once per successful claim; only if an instance dies between sending and
/// recording the result does the row go out again after its claim expires — the price of not losing it.
public enum WebhookDispatcher {
    /// After this many failed attempts a delivery is given up and marked failed.
    static let maxAttempts = 6
    /// How long a claim holds: longer than one send can take.
    static let claimSeconds: TimeInterval = 60
    static let sendTimeout: TimeAmount = .seconds(10)
    static let signatureHeader = "X-Lodestar-Signature"

    /// This process's name in claims.
    static let processInstance = "instance-" + UUID().uuidString

    public struct Run: Content, Equatable {
        public var attempted = 0
        public var delivered = 0
        public var retrying = 0
        public var failed = 0
    }

    /// Seconds to wait after the `attempt`-th failure: 30 s, 1, 2, 4, 8 min …
    static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        30 * pow(2, Double(max(0, attempt - 1)))
    }

    /// `sha256=<hex HMAC-SHA256 of the body with the webhook's secret>`.
    static func signature(body: String, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Sends every delivery due at `now` that no other instance holds. Safe to call from a scheduler
    /// on every instance at once.
    public static func deliverDue(app: Application, now: Date = Date(), instance: String? = nil, limit: Int = 100) async throws -> Run {
        let instance = instance ?? processInstance
        let epoch = now.timeIntervalSince1970
        let due = try await WebhookDeliveryModel.query(on: app.db)
            .filter(\.$status == WebhookDeliveryModel.Status.pending.rawValue)
            .filter(\.$nextAttemptAt <= epoch)
            .sort(\.$nextAttemptAt)
            .limit(limit)
            .all()
        var run = Run()
        for delivery in due where (delivery.claimedUntil ?? 0) < epoch {
            guard try await claim(delivery.id!, instance: instance, now: epoch, on: app.db) else { continue }
            run.attempted += 1
            switch try await send(delivery, app: app, instance: instance, now: now) {
                case .delivered: run.delivered += 1
                case .retrying: run.retrying += 1
                case .failed: run.failed += 1
            }
        }
        return run
    }

    /// Takes the row for this instance if it is still pending and nobody holds a live claim on it.
    static func claim(_ id: UUID, instance: String, now: Double, on database: any Database) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { return false }
        let rows = try await sql.update(WebhookDeliveryModel.schema)
            .set("claimed_by", to: instance)
            .set("claimed_until", to: now + claimSeconds)
            .where("id", .equal, id)
            .where("status", .equal, WebhookDeliveryModel.Status.pending.rawValue)
            .where { group in
                group.where("claimed_until", .is, SQLLiteral.null).orWhere("claimed_until", .lessThan, now)
            }
            .returning("id")
            .all()
        return !rows.isEmpty
    }

    private enum Result { case delivered, retrying, failed }

    private static func send(_ delivery: WebhookDeliveryModel, app: Application, instance: String, now: Date) async throws -> Result {
        guard let webhook = try await WebhookModel.find(delivery.webhookID, on: app.db), webhook.active else {
            try await record(delivery.id!, instance: instance, status: .cancelled, attempts: delivery.attempts, response: nil,
                             error: "The webhook was removed or deactivated.", next: nil, delivered: nil, on: app.db)
            return .failed
        }
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .userAgent, value: "Lodestar-Webhooks/\(LodestarVersion.current)")
        headers.replaceOrAdd(name: "X-Lodestar-Event", value: delivery.event)
        headers.replaceOrAdd(name: "X-Lodestar-Delivery", value: delivery.id!.uuidString)
        headers.replaceOrAdd(name: signatureHeader, value: signature(body: delivery.payload, secret: webhook.secret))
        var responseStatus: Int?
        var failure: String?
        do {
            var request = ClientRequest(method: .POST, url: URI(string: webhook.url), headers: headers, body: ByteBuffer(string: delivery.payload))
            request.timeout = sendTimeout
            let response = try await app.client.send(request).get()
            responseStatus = Int(response.status.code)
            if !(200..<300).contains(response.status.code) { failure = "The receiver answered \(response.status.code)." }
        } catch {
            failure = "Could not reach the receiver: \(String(describing: error).prefix(300))"
        }
        let attempts = delivery.attempts + 1
        if failure == nil {
            try await record(delivery.id!, instance: instance, status: .delivered, attempts: attempts, response: responseStatus, error: nil,
                             next: nil, delivered: now.timeIntervalSince1970, on: app.db)
            return .delivered
        }
        if attempts >= maxAttempts {
            try await record(delivery.id!, instance: instance, status: .failed, attempts: attempts, response: responseStatus, error: failure,
                             next: nil, delivered: nil, on: app.db)
            return .failed
        }
        try await record(delivery.id!, instance: instance, status: .pending, attempts: attempts, response: responseStatus, error: failure,
                         next: now.timeIntervalSince1970 + backoff(afterAttempt: attempts), delivered: nil, on: app.db)
        return .retrying
    }

    /// Writes the attempt's result and releases the claim, only while this instance still holds it.
    private static func record(
        _ id: UUID, instance: String, status: WebhookDeliveryModel.Status, attempts: Int, response: Int?, error: String?, next: Double?,
        delivered: Double?, on database: any Database
    ) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        var update = sql.update(WebhookDeliveryModel.schema)
            .set("status", to: status.rawValue)
            .set("attempts", to: attempts)
            .set("response_status", to: response)
            .set("last_error", to: error)
            .set("delivered_at", to: delivered)
            .set("claimed_by", to: SQLLiteral.null)
            .set("claimed_until", to: SQLLiteral.null)
        if let next { update = update.set("next_attempt_at", to: next) }
        try await update.where("id", .equal, id).where("claimed_by", .equal, instance).run()
    }
}
