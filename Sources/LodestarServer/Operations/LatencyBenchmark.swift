import Fluent
import Foundation
import LodestarCore
import SQLKit
import Vapor

/// Latency of the answers people wait for, measured through HTTP against a server this process
/// starts on 127.0.0.1: the dashboard, a page of the portfolio list, an initiative page, the
/// strategy map and a scenario run, each as the p50 and p99 of repeated requests.
public enum LatencyBenchmark {
    public struct Measurement: Sendable {
        public var label: String
        public var seconds: [Double]
        /// What else the answer said that the figures depend on (e.g. a scenario run's optimality gap).
        public var note = ""

        public var p50: Double { percentile(0.50) }
        public var p99: Double { percentile(0.99) }

        func percentile(_ share: Double) -> Double {
            let sorted = seconds.sorted()
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((share * Double(sorted.count)).rounded(.up)) - 1)]
        }
    }

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
    ) async throws -> [Measurement] {
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
    ) async throws -> [Measurement] {
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

        var results: [Measurement] = []
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
            results.append(Measurement(label: label, seconds: seconds, note: String(format: "first request %.0f ms", cold * 1000)))
        }

        progress("measuring the dashboard after a write")
        var afterWrite: [Double] = []
        for round in 0..<min(options.reads, 5) {
            let current = try await client.json(.GET, "/api/v1/initiatives/\(initiativeID)")
            let version = Int(current["version"]?.numberValue ?? 0)
            _ = try await client.json(
                .PATCH, "/api/v1/initiatives/\(initiativeID)", body: .object(["actualCost": .number(Double(1000 + round))]),
                headers: ["If-Match": "\"\(version)\""])
            afterWrite.append(try await client.time(.GET, "/api/v1/dashboard"))
        }
        results.append(Measurement(label: "dashboard right after a write (cache invalidated)", seconds: afterWrite))

        progress("measuring scenario runs")
        // The first run reads every planning table; it is reported apart, as the reads' first requests are.
        let firstRun = try await client.time(.POST, "/api/v1/scenarios/\(scenarioID)/runs")
        var runs: [Double] = []
        for _ in 0..<options.scenarioRuns { runs.append(try await client.time(.POST, "/api/v1/scenarios/\(scenarioID)/runs")) }
        let last = try await client.json(.POST, "/api/v1/scenarios/\(scenarioID)/runs")
        let gap = last["outcome"]?["gap"]?.numberValue.map { String(format: "optimality gap %.2f %%; ", $0 * 100) } ?? ""
        results.append(Measurement(label: "scenario run (POST /api/v1/scenarios/{id}/runs)", seconds: runs, note: gap + String(format: "first run %.0f ms", firstRun * 1000)))
        return results
    }

    /// A minimal HTTP client for the benchmark, authenticated with a bearer token.
    struct Client {
        var app: Application
        var base: String
        var token: String

        func time(_ method: HTTPMethod, _ path: String) async throws -> Double {
            let started = DispatchTime.now()
            _ = try await send(method, path, body: nil, headers: [:])
            return Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        }

        func json(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil, headers: [String: String] = [:]) async throws -> JSONValue {
            let response = try await send(method, path, body: body, headers: headers)
            return try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body ?? ByteBuffer()))
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

public struct BenchmarkFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
