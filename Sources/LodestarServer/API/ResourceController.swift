import Fluent
import LodestarCore
import SQLKit
import Vapor

/// The JSON API of one kind of portfolio record: list, read, create, replace, patch and delete.
struct ResourceController<M: EntityModel>: Sendable {
    typealias Body = EntityBody<M.Fields>

    static func register(on router: APIRouter) {
        let info = M.resource
        let documentation = router.documentation
        let input = documentation.schema("\(info.schemaName)Input", SchemaRecorder.schema(for: M.Fields.self))
        let meta = Body.metaSchema
        let output = documentation.schema(
            info.schemaName,
            SchemaRecorder.adding(properties: meta.properties, required: meta.required, to: SchemaRecorder.schema(for: M.Fields.self)))
        let list = SchemaRecorder.listSchema(items: output)
        let writers = Self.writersDescription
        let everyone = "any signed-in user"

        router.register(APIOperation(
            method: .GET, path: [info.path], operationID: "list\(info.schemaName)s", summary: "List \(info.plural)", tag: info.plural,
            parameters: listParameters, responses: [200: ("A page of \(info.plural).", list)], access: everyone
        )) { request in try await Self.list(request) }

        router.register(APIOperation(
            method: .POST, path: [info.path], operationID: "create\(info.schemaName)", summary: "Create \(info.singular.articled)",
            tag: info.plural, requestSchema: input, responses: [201: ("Created; `ETag` holds its version.", output)], access: writers
        )) { request in try await Self.create(request) }

        router.register(APIOperation(
            method: .GET, path: [info.path, "{id}"], operationID: "get\(info.schemaName)", summary: "Read \(info.singular.articled)",
            tag: info.plural, parameters: [.id], responses: [200: ("The \(info.singular); `ETag` holds its version.", output)], access: everyone
        )) { request in try await Self.show(request) }

        router.register(APIOperation(
            method: .PUT, path: [info.path, "{id}"], operationID: "replace\(info.schemaName)", summary: "Replace \(info.singular.articled)",
            tag: info.plural, parameters: [.id, .ifMatch], requestSchema: input, responses: [200: ("Saved.", output)], access: writers
        )) { request in try await Self.replace(request) }

        router.register(APIOperation(
            method: .PATCH, path: [info.path, "{id}"], operationID: "patch\(info.schemaName)",
            summary: "Change some fields of \(info.singular.articled) (JSON merge patch)", tag: info.plural,
            parameters: [.id, .ifMatch], requestSchema: .object(["type": .string("object")]), responses: [200: ("Saved.", output)], access: writers
        )) { request in try await Self.patch(request) }

        router.register(APIOperation(
            method: .DELETE, path: [info.path, "{id}"], operationID: "delete\(info.schemaName)", summary: "Delete \(info.singular.articled)",
            tag: info.plural, parameters: [.id, .optionalIfMatch], responses: [204: ("Deleted.", nil)], access: writers
        )) { request in try await Self.delete(request) }
    }

    static var writersDescription: String {
        switch M.access {
            case .portfolioStaff: "admin and pmo"
            case .initiativeTeam: "admin and pmo; owners for the initiatives they own"
            case .decisionMakers: "admin, pmo and executives; owners for the initiatives they own"
        }
    }

    static var listParameters: [APIOperation.Parameter] {
        let listing = M.listing
        var parameters = APIOperation.Parameter.pagination
        let sortNames = listing.sorts.keys.sorted()
        parameters.append(.query(
            "sort", "Sort by one of \(sortNames.joined(separator: ", ")); prefix `-` for descending (default \(listing.defaultSort)).",
            .object(["type": .string("string"), "enum": .array(sortNames.flatMap { [.string($0), .string("-" + $0)] })])))
        if listing.searchKey != nil {
            parameters.append(.query("q", "Case-insensitive text to find in the name.", .object(["type": .string("string")])))
        }
        for filter in listing.filters {
            let schema: JSONValue = switch filter.kind {
                case .id: .object(["type": .string("string"), "format": .string("uuid")])
                case .text: .object(["type": .string("string")])
                case .oneOf(let values): .object(["type": .string("string"), "enum": .array(values.map(JSONValue.string))])
            }
            parameters.append(.query(filter.name, "Only records whose \(filter.name) equals this.", schema))
        }
        return parameters
    }

    // MARK: - handlers

    static func list(_ request: Request) async throws -> Response {
        _ = try request.caller
        let query = try ListQuery(request, listing: M.listing)
        let body = try await request.application.listPageCache.page(table: M.schema, query: request.url.query ?? "", on: request.db) {
            let page = try await Self.page(query, on: request.db)
            return try JSONEncoder.api.encode(Page(items: page.items.map(Body.init), total: page.total, limit: query.limit, offset: query.offset))
        }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: body))
    }

    /// The query behind a list, callable without HTTP (pages and tests use it too).
    static func page(_ query: ListQuery, on database: any Database) async throws -> (items: [M], total: Int) {
        let builder = M.query(on: database).filter(matching: query)
        if let search = query.search, let key = M.listing.searchKey {
            let escaped = search.lowercased()
                .replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            builder.filter(.sql(embed: "lower(\(ident: key.description)) LIKE \(bind: "%\(escaped)%") ESCAPE '\\'"))
        }
        let total = try await builder.copy().count()
        let items = try await builder
            .sort(query.sortKey, query.descending ? .descending : .ascending)
            .sort(.id)
            .range(query.window)
            .all()
        return (items, total)
    }

    static func show(_ request: Request) async throws -> Response {
        _ = try request.caller
        let id = try request.idParameter()
        guard let model = try await RecordLookup.find(M.self, id, on: request.db) else { throw Problem.notFound("\(M.resource.singular.capitalisedFirst) \(id)") }
        return try respond(with: model)
    }

    static func create(_ request: Request) async throws -> Response {
        let store = EntityStore<M>(caller: try request.caller, database: request.db)
        let fields = try request.jsonBody(M.Fields.self)
        let model = try await store.create(fields)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .location, value: "/api/v1/\(M.resource.path)/\(model.id!)")
        return try respond(with: model, status: .created, headers: headers)
    }

    static func replace(_ request: Request) async throws -> Response {
        let store = EntityStore<M>(caller: try request.caller, database: request.db)
        let id = try request.idParameter()
        let version = try request.expectedVersion(required: true)!
        let fields = try request.jsonBody(M.Fields.self)
        let model = try await store.update(id, expectedVersion: version) { _ in fields }
        return try respond(with: model)
    }

    static func patch(_ request: Request) async throws -> Response {
        let store = EntityStore<M>(caller: try request.caller, database: request.db)
        let id = try request.idParameter()
        let version = try request.expectedVersion(required: true)!
        let patch = try request.jsonBody(JSONValue.self)
        guard patch.objectValue != nil else { throw Problem.validation([FieldIssue("body", "must be a JSON object of the fields to change")]) }
        let model = try await store.update(id, expectedVersion: version) { current in
            try JSONValue(encoding: current).merging(patch: patch).decode(as: M.Fields.self)
        }
        return try respond(with: model)
    }

    static func delete(_ request: Request) async throws -> Response {
        let store = EntityStore<M>(caller: try request.caller, database: request.db)
        try await store.delete(try request.idParameter(), expectedVersion: try request.expectedVersion(required: false))
        return Response(status: .noContent)
    }

    static func respond(with model: M, status: HTTPResponseStatus = .ok, headers: HTTPHeaders = [:]) throws -> Response {
        var headers = headers
        headers.replaceOrAdd(name: .eTag, value: "\"\(model.version)\"")
        return try .json(Body(model), status: status, headers: headers)
    }
}

/// The parsed query string of a list request; bad values are 422s that name the parameter.
struct ListQuery: Sendable {
    var limit = 50
    var offset = 0
    var sortKey: FieldKey
    var descending = false
    var search: String?
    var filters: [(FieldKey, any Encodable & Sendable)] = []

    init(_ request: Request, listing: Listing) throws {
        var issues: [FieldIssue] = []
        func integer(_ name: String, _ bounds: ClosedRange<Int>) -> Int? {
            guard let raw = request.query[String.self, at: name] else { return nil }
            guard let value = Int(raw), bounds.contains(value) else {
                issues.append(FieldIssue(name, "must be a whole number from \(bounds.lowerBound) to \(bounds.upperBound)"))
                return nil
            }
            return value
        }
        limit = integer("limit", 1...500) ?? 50
        offset = integer("offset", 0...Int(Int32.max)) ?? 0
        var sortName = request.query[String.self, at: "sort"] ?? listing.defaultSort
        if sortName.hasPrefix("-") {
            descending = true
            sortName.removeFirst()
        }
        if let key = listing.sorts[sortName] {
            sortKey = key
        } else {
            sortKey = listing.sorts[listing.defaultSort]!
            issues.append(FieldIssue("sort", "must be one of \(listing.sorts.keys.sorted().joined(separator: ", ")) (prefix - for descending)"))
        }
        search = request.query[String.self, at: "q"].flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
        for filter in listing.filters {
            guard let raw = request.query[String.self, at: filter.name], !raw.isEmpty else { continue }
            switch filter.kind {
                case .id:
                    if let id = UUID(uuidString: raw) { filters.append((filter.key, id)) } else {
                        issues.append(FieldIssue(filter.name, "must be an id (UUID)"))
                    }
                case .text:
                    filters.append((filter.key, raw))
                case .oneOf(let values):
                    if values.contains(raw) { filters.append((filter.key, raw)) } else {
                        issues.append(FieldIssue(filter.name, "must be one of \(values.joined(separator: ", "))"))
                    }
            }
        }
        if !issues.isEmpty { throw Problem.validation(issues) }
    }

    /// The rows of the requested page.
    var window: Range<Int> { offset..<(offset + limit) }

    init(sortKey: FieldKey, limit: Int = 50, offset: Int = 0) {
        self.sortKey = sortKey
        self.limit = limit
        self.offset = offset
    }
}

extension QueryBuilder {
    /// Keeps only the rows whose columns equal the list request's filters.
    func filter(matching query: ListQuery) -> Self {
        for (key, value) in query.filters {
            filter(.extendedPath([key], schema: Model.schema, space: nil), .equal, .bind(value))
        }
        return self
    }
}

extension String {
    var articled: String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        return (first.map { vowels.contains(Character($0.lowercased())) } ?? false ? "an " : "a ") + self
    }
}
