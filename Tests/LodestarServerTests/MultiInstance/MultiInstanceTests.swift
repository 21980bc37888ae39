import Fluent
import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import Vapor

/// DESIGN: several app instances serve one PostgreSQL database behind a load balancer, keeping no
/// state in process memory that another instance needs. Two real `lodestar serve` processes behind
/// nginx show it for sessions, concurrent edits and scheduled jobs.
@Suite("Several instances behind nginx on one PostgreSQL database", .serialized)
struct MultiInstanceTests {
    @Test("A user signed in through one instance is signed in on the other, and signed out on both",
          .enabled(if: InstanceCluster.available, InstanceCluster.skipMessage))
    func sessionsAreShared() async throws {
        try await withTestApp(.postgres) { app, people in
            try await InstanceCluster.with(app, environment: ["LODESTAR_JOBS": "off"]) { cluster in
                // given: a form sign-in through the balancer
                let form = try await cluster.send(.GET, cluster.balancer.baseURL, "/login")
                let loginCSRF = try #require(form.cookieValue(SessionController.loginCSRFCookie), "no sign-in form cookie")
                var headers = HTTPHeaders()
                headers.contentType = .urlEncodedForm
                headers.add(name: .cookie, value: "\(SessionController.loginCSRFCookie)=\(loginCSRF)")
                let signIn = try await cluster.send(.POST, cluster.balancer.baseURL, "/login", headers: headers,
                                                    body: "email=\(people.pmo.email)&password=correct+horse+battery&csrf=\(loginCSRF)")
                #expect(signIn.status == .seeOther, "\(signIn.body)")
                let session = try #require(signIn.cookieValue(AuthenticationMiddleware.sessionCookie), "signing in set no session cookie")
                var signedIn = HTTPHeaders()
                signedIn.add(name: .cookie, value: "\(AuthenticationMiddleware.sessionCookie)=\(session)")

                // then: each instance directly, and the balancer (both upstreams in turn), know the user
                for base in [cluster.first.baseURL, cluster.second.baseURL, cluster.balancer.baseURL, cluster.balancer.baseURL] {
                    let me = try await cluster.send(.GET, base, "/api/v1/me", headers: signedIn)
                    #expect(me.status == .ok, "\(base): \(me.body)")
                    #expect(me.body.contains("\"email\":\"\(people.pmo.email)\""), "\(base): \(me.body)")
                }

                // when: signing out through the second instance (with the session's CSRF token from a page it served)
                let page = try await cluster.send(.GET, cluster.second.baseURL, "/", headers: signedIn)
                let csrf = try #require(PageHTML.hiddenValue("csrf", in: page.body), "the signed-in page has no sign-out form")
                var signOut = signedIn
                signOut.contentType = .urlEncodedForm
                let out = try await cluster.send(.POST, cluster.second.baseURL, "/logout", headers: signOut, body: "csrf=\(csrf)")
                #expect(out.status == .seeOther, "\(out.body)")

                // then: the first instance no longer knows the session either
                let after = try await cluster.send(.GET, cluster.first.baseURL, "/api/v1/me", headers: signedIn)
                #expect(after.status == .unauthorized, "\(after.body)")
            }
        }
    }

    @Test("Concurrent edits of one record through both instances: one succeeds, one gets 412, none is lost",
          .enabled(if: InstanceCluster.available, InstanceCluster.skipMessage))
    func concurrentEditsAreDetected() async throws {
        try await withTestApp(.postgres) { app, people in
            let id = try await createInitiative(app, people)
            try await InstanceCluster.with(app, environment: ["LODESTAR_JOBS": "off"]) { cluster in
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: people.pmo.token)
                headers.contentType = .json
                for round in 1...6 {
                    let version = try #require(try await app.api(.GET, apiPath("initiatives", id), as: people.pmo).version)
                    headers.replaceOrAdd(name: .ifMatch, value: "\"\(version)\"")
                    let sameVersion = headers
                    // The same version read, sent through each instance at once.
                    async let viaFirst = cluster.send(.PATCH, cluster.first.baseURL, apiPath("initiatives", id), headers: sameVersion,
                                                      body: #"{"name":"Renamed via first, round \#(round)"}"#)
                    async let viaSecond = cluster.send(.PATCH, cluster.second.baseURL, apiPath("initiatives", id), headers: sameVersion,
                                                       body: #"{"name":"Renamed via second, round \#(round)"}"#)
                    let (first, second) = try await (viaFirst, viaSecond)
                    let statuses = [first.status.code, second.status.code].sorted()
                    #expect(statuses == [200, 412], "round \(round): \(first.body) / \(second.body)")
                    let winner = first.status == .ok ? "first" : "second"
                    let stored = try await app.api(.GET, apiPath("initiatives", id), as: people.pmo)
                    #expect(stored.json["name"]?.stringValue == "Renamed via \(winner), round \(round)", "round \(round)")
                    #expect(stored.version == version + 1, "round \(round)")
                }
            }
        }
    }

    @Test("Status reports, KPI computation and webhook deliveries run exactly once across both instances",
          .enabled(if: InstanceCluster.available, InstanceCluster.skipMessage))
    func scheduledJobsRunOnce() async throws {
        try await withTestApp(.postgres) { app, people in
            // given: a portfolio with KPIs to compute, nothing yet for the due report or today's KPIs, and a webhook
            _ = try await Commands.loadDemo(into: app, seed: 42, initiatives: 12)
            let today = Day.today()
            let reportSlot = try #require(StatusReports.job.slot(Date()))
            try await StatusReportModel.query(on: app.db).filter(\.$periodStart == reportSlot).delete()
            try await KPIMeasurementModel.query(on: app.db).filter(\.$measuredOn == today.description).delete()
            let receiver = try await WebhookReceiver.start(failures: 0)
            _ = try await WebhookTests.subscribe(app, people, receiver.url, events: WebhookEvent.allCases)

            // when: both instances check for due slots five times a second, with one-second governance slots
            try await InstanceCluster.with(app, environment: ["LODESTAR_JOB_CHECK_SECONDS": "0.2", "LODESTAR_GOVERNANCE_SECONDS": "1"]) { _ in
                // events keep arriving while both run, so deliveries fall due in many slots
                for number in 1...12 {
                    try await WebhookOutbox.enqueue(.decisionRequested, key: "multi-instance-\(number)", data: ["number": number], on: app.db)
                    try await Task.sleep(nanoseconds: 150_000_000)
                }
                try await waitUntil("every job has run and every delivery is out") {
                    let runs = try await JobRunModel.query(on: app.db).all()
                    let pending = try await WebhookDeliveryModel.query(on: app.db)
                        .filter(\.$status == WebhookDeliveryModel.Status.pending.rawValue).count()
                    return pending == 0 && Set(runs.filter { $0.state == .succeeded }.map(\.job))
                        .isSuperset(of: [StatusReports.jobName, PortfolioJobs.kpis.name, "governance"])
                }
            }
            try await receiver.stop()

            // then: one run per job and slot, each on its first attempt
            let runs = try await JobRunModel.query(on: app.db).all()
            for job in [StatusReports.jobName, PortfolioJobs.kpis.name] {
                let ofJob = runs.filter { $0.job == job }
                #expect(ofJob.count == 1 && ofJob.first?.attempts == 1 && ofJob.first?.state == .succeeded, "\(job): \(ofJob.map(\.slot))")
            }
            let governanceSlots = runs.filter { $0.job == "governance" }.map(\.slot)
            #expect(Set(governanceSlots).count == governanceSlots.count && governanceSlots.count >= 2)

            // one stored report for the period that ended
            let reports = try await StatusReportModel.query(on: app.db).filter(\.$periodStart == reportSlot).all()
            #expect(reports.map(\.generatedBy) == ["scheduler"])

            // one measurement per computed KPI for today, never recomputed (a second run would make it version 2)
            let measurements = try await KPIMeasurementModel.query(on: app.db).filter(\.$measuredOn == today.description).all()
            #expect(!measurements.isEmpty)
            #expect(measurements.allSatisfy { $0.version == 1 }, "\(measurements.map(\.version))")
            #expect(Set(measurements.map(\.kpiID)).count == measurements.count)

            // every queued event delivered, each exactly once
            let deliveries = try await WebhookDeliveryModel.query(on: app.db).all()
            let received = receiver.received.compactMap { $0.headers.first(name: "X-Lodestar-Delivery") }
            #expect(deliveries.count >= 12)
            #expect(deliveries.allSatisfy { $0.status == WebhookDeliveryModel.Status.delivered.rawValue })
            #expect(received.count == deliveries.count, "\(received.count) requests for \(deliveries.count) deliveries")
            #expect(Set(received) == Set(deliveries.map { $0.id!.uuidString }))
        }
    }

    private func waitUntil(_ what: String, timeout: TimeInterval = 90, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(nanoseconds: 250_000_000)
        }
        Issue.record("timed out after \(Int(timeout)) s waiting until \(what)")
    }
}
