import Crypto
import Fluent
import Foundation
import LodestarCore
@testable import LodestarServer
import NIOConcurrencyHelpers
import Testing
import VaporTesting

/// A local HTTP receiver on 127.0.0.1 that answers 500 to its first `failures` requests, then 200,
/// and keeps every request it got.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var headers: HTTPHeaders
        var body: String
    }

    let app: Application
    let port: Int
    private let state: NIOLockedValueBox<(failuresLeft: Int, received: [Received])>

    var received: [Received] { state.withLockedValue { $0.received } }
    var url: String { "http://127.0.0.1:\(port)/hook" }

    private init(app: Application, port: Int, state: NIOLockedValueBox<(failuresLeft: Int, received: [Received])>) {
        self.app = app
        self.port = port
        self.state = state
    }

    static func start(failures: Int) async throws -> WebhookReceiver {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        let state = NIOLockedValueBox((failuresLeft: failures, received: [Received]()))
        app.post("hook") { request async -> Response in
            let failing = state.withLockedValue { state -> Bool in
                state.received.append(Received(headers: request.headers, body: request.body.string ?? ""))
                guard state.failuresLeft > 0 else { return false }
                state.failuresLeft -= 1
                return true
            }
            return Response(status: failing ? .internalServerError : .ok)
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = app.http.server.shared.localAddress?.port ?? 0
        return WebhookReceiver(app: app, port: port, state: state)
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

@Suite("Webhooks: signed, retried, delivered once")
struct WebhookTests {
    static func subscribe(_ app: Application, _ people: Fixture, _ url: String, events: [WebhookEvent]) async throws -> (id: UUID, secret: String) {
        let created = try await app.api(.POST, "/api/v1/webhooks", as: people.admin,
                                        json: WebhookController.WebhookInput(url: url, events: events, description: "ops", active: true))
        #expect(created.status == .created, "\(created.text)")
        let id = try #require(created.json["webhook"]?["id"]?.stringValue.flatMap { UUID(uuidString: $0) })
        return (id, try #require(created.json["secret"]?.stringValue))
    }

    static func expectedSignature(_ body: String, secret: String) -> String {
        "sha256=" + HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    @Test("a decision request is delivered signed; the receiver fails first, the retry waits its back-off and succeeds; the log shows it")
    func signedAndRetried() async throws {
        let receiver = try await WebhookReceiver.start(failures: 1)
        do {
            try await withTestApp { app, people in
                try await GovernanceFixture.rights(app, people)
                let (webhook, secret) = try await Self.subscribe(app, people, receiver.url, events: [.decisionRequested])
                let initiative = try await GovernanceFixture.initiative(app, people, tier: .standard)
                let decision = try await app.api(.POST, "/api/v1/governance/decisions", as: people.pmo, json: DecisionService.DecisionRequest(
                    title: "Release contingency", context: nil, type: .funding, initiativeID: initiative, linkedInitiativeIDs: nil, options: nil,
                    neededBy: nil, amount: 5_000))
                #expect(decision.status == .created)

                let now = Date()
                let first = try await WebhookDispatcher.deliverDue(app: app, now: now)
                #expect(first == WebhookDispatcher.Run(attempted: 1, delivered: 0, retrying: 1, failed: 0))
                #expect(try await WebhookDispatcher.deliverDue(app: app, now: now.addingTimeInterval(29)).attempted == 0, "not before the back-off")
                let second = try await WebhookDispatcher.deliverDue(app: app, now: now.addingTimeInterval(31))
                #expect(second == WebhookDispatcher.Run(attempted: 1, delivered: 1, retrying: 0, failed: 0))
                #expect(try await WebhookDispatcher.deliverDue(app: app, now: now.addingTimeInterval(3_600)).attempted == 0, "delivered once")

                let received = receiver.received
                #expect(received.count == 2)
                for request in received {
                    #expect(request.headers.first(name: "X-Lodestar-Signature") == Self.expectedSignature(request.body, secret: secret))
                    #expect(request.headers.first(name: "X-Lodestar-Event") == "decision.requested")
                    #expect(request.headers.contentType == .json)
                }
                #expect(received[0].body == received[1].body, "a retry sends the same event")
                let payload = try JSONDecoder().decode(JSONValue.self, from: Data(received[1].body.utf8))
                #expect(payload["event"] == .string("decision.requested"))
                #expect(payload["data"]?["id"] == decision.json["id"])
                #expect(payload["data"]?["decisionMakerID"] == .id(people.pmo.id))

                let log = try await app.api(.GET, "/api/v1/webhooks/\(webhook)/deliveries", as: people.admin)
                #expect(log.items.count == 1)
                #expect(log.items.first?["status"] == .string("delivered"))
                #expect(log.items.first?["attempts"] == .number(2))
                #expect(log.items.first?["responseStatus"] == .number(200))
                // A wrong signature would not match: the secret matters.
                #expect(Self.expectedSignature(received[1].body, secret: secret + "x") != received[1].headers.first(name: "X-Lodestar-Signature"))
            }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }

    @Test("two instances delivering at once send each event exactly once; a live claim keeps the other instance off")
    func exactlyOnceAcrossInstances() async throws {
        let receiver = try await WebhookReceiver.start(failures: 0)
        do {
            try await withTestApp { app, people in
                _ = try await Self.subscribe(app, people, receiver.url, events: [.decisionOverdue])
                for index in 0..<6 {
                    let decision = Decision(title: "Overdue \(index)", requestedOn: Day.today().adding(days: -30), neededBy: Day.today().adding(days: -1))
                    try await create(app, "decisions", as: people.pmo, decision)
                }
                #expect(try await GovernanceJobs.flagOverdueDecisions(app: app) == 6)
                #expect(try await GovernanceJobs.flagOverdueDecisions(app: app) == 6, "still overdue")
                #expect(try await WebhookDeliveryModel.query(on: app.db).count() == 6, "the same event is queued once")

                let now = Date()
                async let a = WebhookDispatcher.deliverDue(app: app, now: now, instance: "instance-a")
                async let b = WebhookDispatcher.deliverDue(app: app, now: now, instance: "instance-b")
                let runs = try await [a, b]
                #expect(runs.map(\.delivered).reduce(0, +) == 6)
                #expect(receiver.received.count == 6)
                #expect(Set(receiver.received.compactMap { $0.headers.first(name: "X-Lodestar-Delivery") }).count == 6)

                // The claim itself: the first instance takes a row, the second cannot while the claim lives.
                try await create(app, "decisions", as: people.pmo, Decision(title: "Late", requestedOn: Day.today().adding(days: -9), neededBy: Day.today().adding(days: -2)))
                _ = try await GovernanceJobs.flagOverdueDecisions(app: app)
                let row = try #require(try await WebhookDeliveryModel.query(on: app.db).filter(\.$status == "pending").first())
                let epoch = now.timeIntervalSince1970
                #expect(try await WebhookDispatcher.claim(row.id!, instance: "instance-a", now: epoch, on: app.db))
                #expect(try await !WebhookDispatcher.claim(row.id!, instance: "instance-b", now: epoch + 1, on: app.db))
                #expect(try await WebhookDispatcher.deliverDue(app: app, now: now.addingTimeInterval(1), instance: "instance-b").attempted == 0)
                // A claim that outlived a crashed instance is taken over.
                #expect(try await WebhookDispatcher.claim(row.id!, instance: "instance-b", now: epoch + WebhookDispatcher.claimSeconds + 1, on: app.db))
            }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }

    @Test("a receiver that keeps failing is given up after the last attempt; escalations and gate decisions are events too")
    func givesUpAndOtherEvents() async throws {
        let receiver = try await WebhookReceiver.start(failures: 100)
        do {
            try await withTestApp { app, people in
                let (webhook, _) = try await Self.subscribe(app, people, receiver.url, events: [.riskEscalated, .gateDecided])
                let initiative = try await GovernanceFixture.initiative(app, people, tier: .standard)
                try await create(app, "raid-items", as: people.pmo, RAIDItem(initiativeID: initiative, kind: .risk, title: "Severe", probability: 5, impact: 5))
                #expect(try await GovernanceJobs.evaluateEscalations(app: app) == 1)
                var now = Date()
                for attempt in 1...WebhookDispatcher.maxAttempts {
                    let run = try await WebhookDispatcher.deliverDue(app: app, now: now)
                    #expect(run.attempted == 1, "attempt \(attempt)")
                    now = now.addingTimeInterval(WebhookDispatcher.backoff(afterAttempt: attempt) + 1)
                }
                let log = try await app.api(.GET, "/api/v1/webhooks/\(webhook)/deliveries", as: people.admin)
                #expect(log.items.first?["status"] == .string("failed"))
                #expect(log.items.first?["attempts"] == .number(Double(WebhookDispatcher.maxAttempts)))
                #expect(log.items.first?["event"] == .string("risk.escalated"))
                #expect(try await WebhookDispatcher.deliverDue(app: app, now: now.addingTimeInterval(86_400)).attempted == 0)
                #expect(receiver.received.count == WebhookDispatcher.maxAttempts)

                // A gate decision is announced once, whoever records it.
                try await GovernanceFixture.rights(app, people)
                let proposal = try await GovernanceFixture.initiative(app, people, tier: .standard, gate: .idea, status: .proposed)
                let review = try await app.api(.POST, "/api/v1/initiatives/\(proposal)/gate-reviews", as: people.pmo,
                                               json: GateService.ReviewRequest(attested: [.businessCase], neededBy: nil, fastTrack: nil))
                let decided = try await app.api(.POST, "/api/v1/governance/gate-reviews/\(try #require(review.id))/outcome", as: people.executive,
                                                json: GateService.OutcomeRequest(outcome: .pass, rationale: "Go", conditions: nil, decidedOn: nil))
                #expect(decided.status == .ok)
                let gateEvents = try await WebhookDeliveryModel.query(on: app.db).filter(\.$event == WebhookEvent.gateDecided.rawValue).all()
                #expect(gateEvents.count == 1)
                #expect(gateEvents.first?.payload.contains("\"status\":\"passed\"") == true)
            }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }

    @Test("only admins manage webhooks (the PMO reads them); URLs and events are checked; secrets are never listed")
    func administration() async throws {
        try await withTestApp { app, people in
            let input = WebhookController.WebhookInput(url: "https://hooks.example.org/lodestar", events: [.gateDecided], description: nil, active: nil)
            for person in [people.pmo, people.executive, people.owner, people.viewer] {
                #expect(try await app.api(.POST, "/api/v1/webhooks", as: person, json: input).status == .forbidden)
            }
            for person in [people.executive, people.owner, people.viewer] {
                #expect(try await app.api(.GET, "/api/v1/webhooks", as: person).status == .forbidden)
            }
            expectInvalid(try await app.api(.POST, "/api/v1/webhooks", as: people.admin,
                                            json: WebhookController.WebhookInput(url: "ftp://x", events: [], description: nil, active: nil)),
                          fields: ["url", "events"])
            let (id, _) = try await Self.subscribe(app, people, input.url, events: input.events)
            let list = try await app.api(.GET, "/api/v1/webhooks", as: people.pmo)
            #expect(list.json.arrayItems?.count == 1)
            #expect(!list.text.contains("whsec_"))
            #expect(try await app.api(.DELETE, "/api/v1/webhooks/\(id)", as: people.pmo).status == .forbidden)
            #expect(try await app.api(.DELETE, "/api/v1/webhooks/\(id)", as: people.admin).status == .noContent)
            #expect(try await auditTrail(app, people, "webhooks", id).map { $0["action"]?.stringValue } == ["delete", "create"])
        }
    }
}
