import Fluent
import Foundation
import LodestarCore
@testable import LodestarServer
import SQLKit
import Testing
import VaporTesting

/// The databases server tests run on: SQLite always, PostgreSQL when `LODESTAR_TEST_POSTGRES_URL`
/// names a server (CI starts one). Each test gets a database of its own.
enum TestDatabase: String, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    static let postgresURL = ProcessInfo.processInfo.environment["LODESTAR_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// Parameterised tests run once per entry.
    static var available: [TestDatabase] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// The test server's URL with `schema` as the search path: a test's own database.
    static func postgresURL(schema: String) -> String {
        let base = postgresURL!
        return base + (base.contains("?") ? "&" : "?") + "search_path=\(schema)"
    }
}

/// People of every role with their API tokens, created in every test database.
struct Fixture: Sendable {
    struct Person: Sendable {
        var id: UUID
        var email: String
        var role: Role
        var token: String
    }

    var admin: Person
    var pmo: Person
    var executive: Person
    var owner: Person
    var otherOwner: Person
    var viewer: Person

    static let password = "correct horse battery"
}

/// Builds the app on a fresh database, migrates it, seeds the fixture users, runs the test and
/// always shuts down (and drops the PostgreSQL schema).
///
/// Apps run one at a time: every app's SQLite connections share NIO's small blocking thread pool,
/// and SQLite's busy handler (sqlite-nio retries without sleeping) lets the waiting connections of
/// several apps occupy every thread while the connection holding the write lock waits for one.
/// `sqliteFile` puts the SQLite database in that file instead of memory, for tests whose other
/// processes (such as `lodestar mcp`) must read the same data.
func withTestApp(
    _ database: TestDatabase = .sqlite, sqliteFile: String? = nil, _ test: (Application, Fixture) async throws -> Void
) async throws {
    await TestAppGate.shared.enter()
    do {
        try await runTestApp(database, sqliteFile: sqliteFile, test)
    } catch {
        await TestAppGate.shared.leave()
        throw error
    }
    await TestAppGate.shared.leave()
}

/// A first-come, first-served gate that admits one test app at a time.
actor TestAppGate {
    static let shared = TestAppGate()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

private func runTestApp(
    _ database: TestDatabase, sqliteFile: String?, _ test: (Application, Fixture) async throws -> Void
) async throws {
    let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
    let storage: AppConfig.Storage
    switch database {
        case .sqlite: storage = sqliteFile.map { .sqliteFile($0) } ?? .sqliteMemory
        case .postgres:
            storage = .postgres(url: TestDatabase.postgresURL(schema: String(schema)))
    }
    let config = AppConfig(storage: storage, passwordCost: 4, environmentName: "testing")
    try await withApp(configure: { app in
        app.logger.logLevel = .warning
        try await configure(app, config: config)
    }) { app in
        if database == .postgres {
            try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
        }
        do {
            try await app.autoMigrate()
            let fixture = try await seedFixture(app)
            try await test(app, fixture)
        } catch {
            if database == .postgres { try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
            throw error
        }
        if database == .postgres { try await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
    }
}

/// One hash at the tests' low cost, shared by every fixture user.
private let fixtureHash: String = try! Bcrypt.hash(Fixture.password, cost: 4)

private func seedFixture(_ app: Application) async throws -> Fixture {
    func person(_ email: String, _ role: Role) async throws -> Fixture.Person {
        let user = UserModel(email: email, name: email.split(separator: "@")[0].capitalized, role: role, passwordHash: fixtureHash)
        try await user.create(on: app.db)
        let (_, token) = try await AccountController.createToken(for: user.id!, name: "tests", on: app.db)
        return Fixture.Person(id: user.id!, email: email, role: role, token: token)
    }
    return Fixture(
        admin: try await person("admin@example.org", .admin),
        pmo: try await person("pmo@example.org", .pmo),
        executive: try await person("exec@example.org", .executive),
        owner: try await person("owner@example.org", .owner),
        otherOwner: try await person("other.owner@example.org", .owner),
        viewer: try await person("viewer@example.org", .viewer))
}

/// A response with its body read as JSON.
struct APIResponse {
    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var json: JSONValue
    var text: String

    var etag: String? { headers.first(name: .eTag) }
    var id: UUID? { json["id"]?.stringValue.flatMap(UUID.init(uuidString:)) }
    var version: Int? { json["version"]?.numberValue.map { Int($0) } }
    var problemFields: [String] {
        guard case .array(let errors)? = json["errors"] else { return [] }
        return errors.compactMap { $0["field"]?.stringValue }
    }
}

extension Application {
    /// Sends a JSON API request as `person` (or anonymously) and decodes the answer.
    func api(
        _ method: HTTPMethod, _ path: String, as person: Fixture.Person?, json: (any Encodable)? = nil,
        ifMatch: Int? = nil, headers extra: HTTPHeaders = [:]
    ) async throws -> APIResponse {
        var headers = extra
        if let person { headers.bearerAuthorization = BearerAuthorization(token: person.token) }
        if let ifMatch { headers.replaceOrAdd(name: .ifMatch, value: "\"\(ifMatch)\"") }
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(data: try JSONEncoder.api.encode(json))
        }
        let response = try await testing().sendRequest(method, path, headers: headers, body: body)
        let text = response.body.string
        let json = (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .null
        return APIResponse(status: response.status, headers: response.headers, json: json, text: text)
    }
}

/// Any encodable value as a request body.
struct AnyBody: Encodable {
    let value: JSONValue
    init(_ value: JSONValue) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
