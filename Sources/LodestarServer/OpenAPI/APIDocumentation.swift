import Foundation
import LodestarCore
import NIOConcurrencyHelpers
import Vapor

/// One documented operation of the JSON API.
struct APIOperation: Sendable {
    struct Parameter: Sendable {
        enum Location: String, Sendable { case path, query, header }
        var name: String
        var location: Location
        var required: Bool
        var description: String
        var schema: JSONValue
    }

    var method: HTTPMethod
    /// Path segments below `/api/v1`, with `{name}` for parameters.
    var path: [String]
    var operationID: String
    var summary: String
    var tag: String
    var parameters: [Parameter] = []
    var requestSchema: JSONValue?
    /// Status → (description, schema or nil for no body).
    var responses: [Int: (String, JSONValue?)]
    /// Who may call it, said in words for the document.
    var access: String
    /// The media type of `requestSchema` (file uploads are `multipart/form-data`).
    var requestContentType = "application/json"
    /// Media types the success responses may take besides JSON (e.g. `text/csv`), each with its schema.
    var otherSuccessContent: [String: JSONValue] = [:]

    var openAPIPath: String { "/api/v1/" + path.joined(separator: "/") }
}

/// The registry the OpenAPI document is built from. Routes are registered through `APIRouter`, which
/// records each one here, so the document and the routes come from the same lines of code.
final class APIDocumentation: Sendable {
    private let state = NIOLockedValueBox<(operations: [APIOperation], schemas: [String: JSONValue])>(([], [:]))

    func add(_ operation: APIOperation) {
        state.withLockedValue { $0.operations.append(operation) }
    }

    /// Registers a named schema and returns a `$ref` to it.
    @discardableResult
    func schema(_ name: String, _ schema: JSONValue) -> JSONValue {
        state.withLockedValue { $0.schemas[name] = schema }
        return Self.ref(name)
    }

    static func ref(_ name: String) -> JSONValue { .object(["$ref": .string("#/components/schemas/\(name)")]) }

    var operations: [APIOperation] { state.withLockedValue { $0.operations } }

    /// The OpenAPI 3.1 document.
    func document(version: String) -> JSONValue {
        let (operations, schemas) = state.withLockedValue { ($0.operations, $0.schemas) }
        var paths: [String: [String: JSONValue]] = [:]
        for operation in operations {
            paths[operation.openAPIPath, default: [:]][operation.method.rawValue.lowercased()] = Self.describe(operation)
        }
        var allSchemas = schemas
        allSchemas["Problem"] = Self.problemSchema
        return .object([
            "openapi": .string("3.1.0"),
            "info": .object([
                "title": .string("Lodestar API"),
                "version": .string(version),
                "description": .string("The strategic portfolio's records and answers. Authenticate with `Authorization: Bearer <token>` (create a token on the Account page or with `lodestar token create`). Errors are `application/problem+json` (RFC 9457). Updates need `If-Match: \"<version>\"`; a stale version gets 412."),
            ]),
            "servers": .array([.object(["url": .string("/")])]),
            "paths": .object(paths.mapValues { .object($0) }),
            "components": .object([
                "schemas": .object(allSchemas),
                "securitySchemes": .object([
                    "bearer": .object(["type": .string("http"), "scheme": .string("bearer")]),
                    "session": .object(["type": .string("apiKey"), "in": .string("cookie"), "name": .string(AuthenticationMiddleware.sessionCookie)]),
                ]),
            ]),
            "security": .array([.object(["bearer": .array([])]), .object(["session": .array([])])]),
        ])
    }

    private static func describe(_ operation: APIOperation) -> JSONValue {
        var object: [String: JSONValue] = [
            "operationId": .string(operation.operationID),
            "summary": .string(operation.summary),
            "description": .string("Access: \(operation.access)."),
            "tags": .array([.string(operation.tag)]),
        ]
        if !operation.parameters.isEmpty {
            object["parameters"] = .array(operation.parameters.map { parameter in
                .object([
                    "name": .string(parameter.name), "in": .string(parameter.location.rawValue),
                    "required": .bool(parameter.required), "description": .string(parameter.description),
                    "schema": parameter.schema,
                ])
            })
        }
        if let request = operation.requestSchema {
            object["requestBody"] = .object([
                "required": .bool(true),
                "content": .object([operation.requestContentType: .object(["schema": request])]),
            ])
        }
        var responses: [String: JSONValue] = [:]
        for (status, (description, schema)) in operation.responses {
            var response: [String: JSONValue] = ["description": .string(description)]
            if let schema {
                var content: [String: JSONValue] = ["application/json": .object(["schema": schema])]
                if (200..<300).contains(status) {
                    for (mediaType, other) in operation.otherSuccessContent { content[mediaType] = .object(["schema": other]) }
                }
                response["content"] = .object(content)
            }
            responses[String(status)] = .object(response)
        }
        responses["default"] = .object([
            "description": .string("A problem: 400 bad request, 401 unauthenticated, 403 forbidden, 404 not found, 412 stale version, 413 body too large, 415 not JSON, 422 invalid fields, 428 version required, 429 rate limited."),
            "content": .object(["application/problem+json": .object(["schema": ref("Problem")])]),
        ])
        object["responses"] = .object(responses)
        return .object(object)
    }

    private static let problemSchema: JSONValue = .object([
        "type": .string("object"),
        "required": .array(["type", "title", "status", "detail"].map(JSONValue.string)),
        "properties": .object([
            "type": .object(["type": .string("string")]),
            "title": .object(["type": .string("string")]),
            "status": .object(["type": .string("integer")]),
            "detail": .object(["type": .string("string")]),
            "errors": .object([
                "type": .string("array"),
                "items": .object([
                    "type": .string("object"),
                    "required": .array([.string("field"), .string("reason")]),
                    "properties": .object(["field": .object(["type": .string("string")]), "reason": .object(["type": .string("string")])]),
                ]),
            ]),
        ]),
    ])
}

extension Application {
    private struct DocumentationKey: StorageKey {
        typealias Value = APIDocumentation
    }

    var apiDocumentation: APIDocumentation {
        if let existing = storage[DocumentationKey.self] { return existing }
        let documentation = APIDocumentation()
        storage[DocumentationKey.self] = documentation
        return documentation
    }
}
