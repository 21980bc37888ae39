import Fluent
import Foundation
import LodestarCore
import SQLKit
import Vapor

/// Latency of the answers people wait for, measured through HTTP against a server this process
/// starts on 127.0.0.1: the dashboard, a page of the portfolio list, an initiative page, the
/// strategy map and a scenario run, each as the p50 and p99 of repeated requests.
///
/// It writes into the database it measures: an API token, a scenario with its runs, and changes to
/// one initiative's actual cost (put back when it ends).
public enum LatencyBenchmark {
    public struct Options: Sendable {
        /// Requests per read answer (after one warm-up request).
        public var reads: Int
        /// Scenario runs (each optimises the whole portfolio).
        public var scenarioRuns: Int

        public init(reads: Int = 50, scenarioRuns: Int = 10) {
            self.reads = reads
            self.scenarioRuns = scenarioRuns
        }
    }

    /// Runs every measurement on `app`'s database, which must hold a portfolio (`lodestar demo`).
    public static func run(
        _ app: Application, options: Options, progress: @escaping @Sendable (String) -> Void
    ) async throws -> [BenchmarkMeasurement] {
        guard let pmo = try await UserModel.query(on: app.db).filter(\.$roleRaw == Role.pmo.rawValue).sort(\.$email).first() else {
            throw BenchmarkFailure("The database has no pmo user: load a portfolio with `lodestar demo` first.")
        }
        let token = try await Commands.createToken(app, email: pmo.email, name: "latency benchmark")
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = app.http.server.shared.localAddress?.port ?? 0
        let client = Client(app: app, base: "http://127.0.0.1:\(port)", token: token)
        do {
            let results = try await measure(with: client, options: options, progress: progress)
            await app.server.shutdown()
            return results
        } catch {
            await app.server.shutdown()
            throw error
        }
    }

    private static func measure(
        with client: Client, options: Options, progress: @escaping @Sendable (String) -> Void
    ) async throws -> [BenchmarkMeasurement] {
        let list = try await client.json(.GET, "/api/v1/initiatives?limit=100")
        guard let initiativeID = list["items"]?.arrayValue?.first?["id"]?.stringValue else {
            throw BenchmarkFailure("The database has no initiatives: load a portfolio with `lodestar demo` first.")
        }
        let scenario = try await client.json(.POST, "/api/v1/scenarios", body: .object([
            "name": .string("Latency benchmark \(UUID().uuidString.prefix(8))"), "description": .string(""),
            "firstQuarter": .string(Quarter(containing: .today()).adding(1).description), "quarters": .number(8),
            "budgetCaps": .array([]), "capacityChanges": .array([]), "forcedIn": .array([]), "forcedOut": .array([]),
            "startShifts": .array([]), "weightChanges": .array([]),
        ]))
        guard let scenarioID = scenario["id"]?.stringValue else { throw BenchmarkFailure("Could not create the benchmark scenario.") }

        var results: [BenchmarkMeasurement] = []
        let reads: [(String, String)] = [
            ("dashboard (GET /api/v1/dashboard)", "/api/v1/dashboard"),
            ("dashboard page (GET /dashboard)", "/dashboard"),
            ("portfolio list, 100 per page (GET /api/v1/initiatives?limit=100)", "/api/v1/initiatives?limit=100"),
            ("initiative page (GET /initiatives/{id})", "/initiatives/\(initiativeID)"),
            ("strategy map (GET /api/v1/strategy)", "/api/v1/strategy"),
        ]
        for (label, path) in reads {
            progress("measuring \(label)")
            let cold = try await client.time(.GET, path)
            var seconds: [Double] = []
            for _ in 0..<options.reads { seconds.append(try await client.time(.GET, path)) }
            results.append(BenchmarkMeasurement(label: label, seconds: seconds, note: String(format: "first request %.0f ms", cold * 1000)))
        }

        progress("measuring the dashboard after a write")
        let path = "/api/v1/initiatives/\(initiativeID)"
        let originalCost = try await client.json(.GET, path)["actualCost"] ?? .number(0)
        func setCost(_ cost: JSONValue) async throws {
            let version = Int(try await client.json(.GET, path)["version"]?.numberValue ?? 0)
            _ = try await client.json(.PATCH, path, body: .object(["actualCost": cost]), headers: ["If-Match": "\"\(version)\""])
        }
        var afterWrite: [Double] = []
        for round in 0..<min(options.reads, 5) {
            try await setCost(.number(Double(1000 + round)))
            afterWrite.append(try await client.time(.GET, "/api/v1/dashboard"))
        }
        try await setCost(originalCost)
        results.append(BenchmarkMeasurement(label: "dashboard right after a write (cache invalidated)", seconds: afterWrite))

        progress("measuring scenario runs")
        // The first run reads every planning table; it is reported apart, as the reads' first requests are.
        let firstRun = try await client.time(.POST, "/api/v1/scenarios/\(scenarioID)/runs")
        var runs: [Double] = []
        var last: ClientResponse?
        for _ in 0..<options.scenarioRuns {
            let (seconds, response) = try await client.timed(.POST, "/api/v1/scenarios/\(scenarioID)/runs")
            runs.append(seconds)
            last = response
        }
        let gap = try last.flatMap { try Client.json(of: $0)["outcome"]?["gap"]?.numberValue }
            .map { String(format: "optimality gap %.2f %%; ", $0 * 100) } ?? ""
        results.append(BenchmarkMeasurement(
            label: "scenario run (POST /api/v1/scenarios/{id}/runs)", seconds: runs,
            note: gap + String(format: "first run %.0f ms", firstRun * 1000)))
        return results
    }

    /// A minimal HTTP client for the benchmark, authenticated with a bearer token.
    struct Client {
        var app: Application
        var base: String
        var token: String

        func time(_ method: HTTPMethod, _ path: String) async throws -> Double {
            try await timed(method, path).seconds
        }

        func timed(_ method: HTTPMethod, _ path: String) async throws -> (seconds: Double, response: ClientResponse) {
            let started = DispatchTime.now()
            let response = try await send(method, path, body: nil, headers: [:])
            return (BenchmarkMeasurement.seconds(since: started), response)
        }

        func json(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil, headers: [String: String] = [:]) async throws -> JSONValue {
            try Self.json(of: try await send(method, path, body: body, headers: headers))
        }

        static func json(of response: ClientResponse) throws -> JSONValue {
            try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body ?? ByteBuffer()))
        }

        private func send(_ method: HTTPMethod, _ path: String, body: JSONValue?, headers extra: [String: String]) async throws -> ClientResponse {
            var headers = HTTPHeaders([("Authorization", "Bearer \(token)")])
            for (name, value) in extra { headers.add(name: name, value: value) }
            let response = try await app.client.send(method, headers: headers, to: URI(string: base + path)) { request in
                if let body { try request.content.encode(body, as: .json) }
            }
            guard (200..<300).contains(response.status.code) else {
                let detail = response.body.map { String(buffer: $0) } ?? ""
                throw BenchmarkFailure("\(method) \(path) answered \(response.status.code): \(detail.prefix(300))")
            }
            return response
        }
    }
}
