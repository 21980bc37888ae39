import LodestarCore
import Vapor

/// Registers API routes and documents them in the same call, so no route can exist undocumented.
struct APIRouter {
    let routes: any RoutesBuilder
    let documentation: APIDocumentation

    func register<Response: AsyncResponseEncodable>(
        _ operation: APIOperation, maxBodySize: ByteCount = "1mb",
        _ handler: @escaping @Sendable (Request) async throws -> Response
    ) {
        documentation.add(operation)
        let components: [PathComponent] = operation.path.map { segment in
            segment.hasPrefix("{") ? .parameter(String(segment.dropFirst().dropLast())) : .constant(segment)
        }
        let body: HTTPBodyStreamStrategy = operation.method.isUnsafe ? .collect(maxSize: maxBodySize) : .collect
        routes.on(operation.method, components, body: body, use: handler)
    }
}

extension APIOperation.Parameter {
    static let id = APIOperation.Parameter(
        name: "id", location: .path, required: true, description: "The record's id.",
        schema: .object(["type": .string("string"), "format": .string("uuid")]))

    static let ifMatch = APIOperation.Parameter(
        name: "If-Match", location: .header, required: true,
        description: "The version you read (its ETag), e.g. `\"3\"`. A stale version gets 412 and changes nothing.",
        schema: versionSchema)

    static let optionalIfMatch = APIOperation.Parameter(
        name: "If-Match", location: .header, required: false,
        description: "The version you read; when given, a stale version gets 412 and nothing is deleted.",
        schema: versionSchema)

    /// What `expectedVersion` reads: a positive version, quoted or not, optionally weak (`W/"3"`).
    private static let versionSchema: JSONValue = .object([
        "type": .string("string"), "pattern": .string(#"^(W/)?"?0*[1-9][0-9]{0,17}"?$"#),
    ])

    static func query(_ name: String, _ description: String, _ schema: JSONValue) -> APIOperation.Parameter {
        APIOperation.Parameter(name: name, location: .query, required: false, description: description, schema: schema)
    }

    static let pagination: [APIOperation.Parameter] = [
        .query("limit", "Page size, 1–500 (default 50).", .object(["type": .string("integer"), "minimum": .number(1), "maximum": .number(500)])),
        .query("offset", "Records to skip (default 0).", .object(["type": .string("integer"), "minimum": .number(0)])),
    ]
}

extension Request {
    /// The record's id from the path, or a 404 for something that cannot be an id.
    func idParameter(_ name: String = "id") throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else {
            throw Problem.notFound("A record with id '\(parameters.get(name) ?? "")'")
        }
        return id
    }

    /// The version in `If-Match` (`"3"`, `W/"3"` or `3`).
    func expectedVersion(required: Bool) throws -> Int? {
        guard let raw = headers.first(name: .ifMatch) else {
            if required { throw Problem.versionRequired }
            return nil
        }
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("W/") { text.removeFirst(2) }
        text = text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard let version = Int(text), version > 0 else {
            throw Problem.badRequest("If-Match must be a version such as \"3\", not '\(raw)'.")
        }
        return version
    }

    /// The JSON body decoded as `T`; decoding errors name the field.
    func jsonBody<T: Decodable>(_ type: T.Type) throws -> T {
        guard let contentType = headers.contentType, contentType.type == "application",
              contentType.subType == "json" || contentType.subType.hasSuffix("+json")
        else {
            throw Problem(status: .unsupportedMediaType, slug: "unsupported-media-type", title: "Unsupported media type",
                          detail: "Send the body as JSON with `Content-Type: application/json`.")
        }
        guard let buffer = body.data, buffer.readableBytes > 0 else {
            throw Problem.validation([FieldIssue("body", "is required")])
        }
        return try JSONDecoder.api.decode(T.self, from: Data(buffer.readableBytesView))
    }
}

extension Response {
    static func json(_ value: some Encodable, status: HTTPResponseStatus = .ok, headers: HTTPHeaders = [:]) throws -> Response {
        var headers = headers
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(data: try JSONEncoder.api.encode(value)))
    }
}
