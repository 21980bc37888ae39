import Foundation
@testable import LodestarServer
import Testing
import Vapor

/// A body larger than its route accepts is refused with 413 before anything reads it, on every
/// route that takes one: the API, the web forms, the uploads (64 MB files) and the assistant.
@Suite("Hostile input: oversized bodies")
struct OversizedBodyTests {
    /// Routes that take a file upload, and so a larger body than any other.
    static let uploadPaths: Set<String> = ["/api/v1/imports/{format}", "/api/v1/imports/{format}/preview", "/data/preview"]
    static let ordinaryBody = 2 * 1_048_576
    static let uploadBody = ImportReading.maxFileBytes + 2 * 1_048_576

    @Test("Every unsafe route answers a body over its limit with a 413 problem")
    func everyRouteRefusesOversizedBodies() async throws {
        try await withTestApp { app, people in
            // Served over a real socket: in memory, the test request's body arrives already collected and no limit applies.
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let base = "http://127.0.0.1:\(app.http.server.shared.localAddress?.port ?? 0)"
            let routes = app.routes.all.filter { $0.method.isUnsafe }
            #expect(routes.count > 100)
            let ordinary = ByteBuffer(repeating: UInt8(ascii: "a"), count: Self.ordinaryBody)
            let upload = ByteBuffer(repeating: UInt8(ascii: "a"), count: Self.uploadBody)
            var refused: [String] = []
            for route in routes {
                let template = "/" + route.path.map(\.description).joined(separator: "/")
                let documentedTemplate = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                let path = "/" + route.path.map { component -> String in
                    switch component {
                        case .parameter(let name): name == "format" ? "csv" : UUID().uuidString
                        case .constant(let text): text
                        case .anything, .catchall: "x"
                    }
                }.joined(separator: "/")
                var headers = HTTPHeaders()
                headers.contentType = path.hasPrefix("/api/") ? .json : .urlEncodedForm
                headers.replaceOrAdd(name: .accept, value: "application/json")
                if path.hasPrefix("/api/") { headers.bearerAuthorization = BearerAuthorization(token: people.admin.token) }
                let body = Self.uploadPaths.contains(documentedTemplate) ? upload : ordinary
                let response = try await app.client.send(route.method, headers: headers, to: URI(string: base + path)) { request in
                    request.body = body
                }
                #expect(response.status == .payloadTooLarge, "\(route.method) \(template): \(response.status)")
                #expect(response.headers.contentType?.subType == "problem+json", "\(route.method) \(template)")
                if response.status == .payloadTooLarge { refused.append(template) }
            }
            #expect(refused.count == routes.count)
            await app.server.shutdown()
        }
    }

    @Test("A signed-in browser's oversized form post is refused with 413 too (its CSRF check reads the body first)")
    func signedInFormPostsAreBounded() async throws {
        try await withTestApp { app, people in
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let base = "http://127.0.0.1:\(app.http.server.shared.localAddress?.port ?? 0)"
            let session = try await app.signIn(people.pmo)
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.add(name: .cookie, value: session.cookieHeader)
            let body = ByteBuffer(string: "csrf=\(session.csrf)&name=" + String(repeating: "a", count: Self.ordinaryBody))
            let response = try await app.client.send(.POST, headers: headers, to: URI(string: base + "/scenarios/new")) { $0.body = body }
            #expect(response.status == .payloadTooLarge)
            await app.server.shutdown()
        }
    }
}
