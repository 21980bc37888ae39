import Foundation
@testable import LodestarServer
import SQLKit
import Testing
import Vapor

/// Two `lodestar serve` processes on one PostgreSQL schema behind nginx, for as long as a test needs
/// them; always stopped (by pid) afterwards.
struct InstanceCluster {
    static let available = TestDatabase.postgresURL != nil && NginxBalancer.available && BuiltExecutable.lodestar != nil
    static let skipMessage: Comment = """
        skipped: needs LODESTAR_TEST_POSTGRES_URL (a PostgreSQL server), Debian's nginx (/usr/sbin/nginx) and the built \
        lodestar executable (swift build --build-tests)
        """

    let first: ServeProcess
    let second: ServeProcess
    let balancer: NginxBalancer
    /// The test app's HTTP client, redirects not followed (a sign-in's 303 carries the cookie).
    let client: any Client

    var instances: [ServeProcess] { [first, second] }

    /// Starts both instances on the test app's PostgreSQL schema (already migrated and seeded) with
    /// `environment` added, and nginx in front of them.
    static func with(
        _ app: Application, environment: [String: String] = [:], _ body: (InstanceCluster) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lodestar-cluster-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try await TestDatabase.postgresURL(ofSchemaUsedBy: app)
        async let startingFirst = ServeProcess(database: database, logFolder: folder, name: "first", environment: environment)
        async let startingSecond = ServeProcess(database: database, logFolder: folder, name: "second", environment: environment)
        let (first, second) = try await (startingFirst, startingSecond)
        defer {
            first.stop()
            second.stop()
        }
        let balancer = try await NginxBalancer(upstreamPorts: [first.port, second.port], folder: folder)
        defer { balancer.stop() }
        app.http.client.configuration.redirectConfiguration = .disallow
        let cluster = InstanceCluster(first: first, second: second, balancer: balancer, client: app.client)
        do {
            try await body(cluster)
        } catch {
            Issue.record("instance logs:\n\(first.log)\n\(second.log)")
            throw error
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Sends a request to `base` (an instance or the balancer) and returns the response as a browser sees it.
    func send(
        _ method: HTTPMethod, _ base: String, _ path: String, headers: HTTPHeaders = [:], body: String? = nil
    ) async throws -> WebResponse {
        let response = try await client.send(method, headers: headers, to: URI(string: base + path)) { request in
            if let body { request.body = ByteBuffer(string: body) }
        }
        return WebResponse(status: response.status, headers: response.headers, body: response.body.map { String(buffer: $0) } ?? "")
    }
}

extension TestDatabase {
    /// The URL other processes reach the test app's PostgreSQL schema by.
    static func postgresURL(ofSchemaUsedBy app: Application) async throws -> String {
        let row = try await (app.db as! any SQLDatabase).raw("SELECT current_schema() AS name").first()
        return postgresURL(schema: try #require(try row?.decode(column: "name", as: String.self)))
    }
}
