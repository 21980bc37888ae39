import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

/// The Model Context Protocol over HTTP at `/mcp`: bearer-token authentication, the same tools and
/// permissions as over stdio, and JSON-RPC answers equal to the API's.
@Suite("Assistant over HTTP: POST /mcp with an API token")
struct AssistantHTTPTests {
    static func rpc(_ app: Application, as person: Fixture.Person?, _ method: String, _ params: JSONValue = .object([:])) async throws -> APIResponse {
        try await app.api(
            .POST, "/mcp", as: person,
            json: AnyBody(.object(["jsonrpc": .string("2.0"), "id": .number(1), "method": .string(method), "params": params])),
            headers: ["Accept": "application/json, text/event-stream", "Host": "lodestar.test:8080"])
    }

    @Test("an executive's questions are answered with the dashboard's figures; a viewer may not run scenarios")
    func answersOverHTTP() async throws {
        try await withTestApp { app, people in
            try await app.loadDemoPortfolio()
            let dashboard = try await app.api(.GET, "/api/v1/dashboard", as: people.executive).json.decode(as: ExecutiveDashboard.self)

            let initialised = try await Self.rpc(app, as: people.executive, "initialize", .object([
                "protocolVersion": .string("2025-11-25"), "capabilities": .object([:]),
                "clientInfo": .object(["name": .string("tests"), "version": .string("1")]),
            ]))
            #expect(initialised.status == .ok, "\(initialised.text)")
            #expect(initialised.json["result"]?["serverInfo"]?["name"] == .string("lodestar"))

            let listed = try await Self.rpc(app, as: people.executive, "tools/list")
            #expect(listed.json["result"]?["tools"]?.elements?.count == AssistantCatalog.tools.count)

            let asked = try await Self.rpc(app, as: people.executive, "tools/call", .object(["name": .string("biggest_resource_constraints")]))
            let answer = try #require(asked.json["result"]?["structuredContent"]?["answer"]).decode(as: ExecutiveDashboard.Answer.self)
            #expect(answer.figure == dashboard.answers[1].figure)
            #expect(answer.headline == dashboard.answers[1].headline)
            // links are absolute, to the server the client reached
            #expect(answer.link == "http://lodestar.test:8080" + dashboard.answers[1].link, "\(answer.link)")

            let refused = try await Self.rpc(app, as: people.viewer, "tools/call", .object(["name": .string("run_what_if_scenario"), "arguments": .object([:])]))
            #expect(refused.json["result"]?["isError"] == .bool(true))
            #expect(refused.json["result"]?["structuredContent"]?["error"]?["kind"] == .string("forbidden"))

            let audit = try await app.api(.GET, "/api/v1/audit?action=invoke", as: people.admin)
            #expect(audit.items.contains { $0["actorEmail"] == .string(people.viewer.email) && $0["changes"]?["transport"]?["after"] == .string("http") })
        }
    }

    @Test("no token is a 401 naming the header; malformed JSON-RPC is an error, not a crash; GET is not allowed")
    func refusesBadRequests() async throws {
        try await withTestApp { app, people in
            let anonymous = try await Self.rpc(app, as: nil, "tools/list")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers.first(name: "WWW-Authenticate") == "Bearer")
            #expect(anonymous.json["detail"]?.stringValue?.contains("Authorization: Bearer") == true)
            var revoked = people.viewer
            revoked.token = "not-a-token"
            #expect(try await Self.rpc(app, as: revoked, "tools/list").status == .unauthorized)

            let garbage = try await app.api(
                .POST, "/mcp", as: people.viewer, json: AnyBody(.object(["hello": .string("world")])),
                headers: ["Accept": "application/json"])
            #expect(garbage.status == .badRequest, "\(garbage.text)")
            #expect(garbage.json["error"]?["code"] != nil)

            let unknown = try await Self.rpc(app, as: people.viewer, "tools/call", .object(["name": .string("nope")]))
            #expect(unknown.json["error"]?["code"] == .number(-32602))

            let stream = try await app.api(.GET, "/mcp", as: people.viewer)
            #expect(stream.status == .methodNotAllowed)
        }
    }
}
