import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

/// The OpenAPI document served at /openapi.json: it describes exactly the routes the app serves,
/// its references resolve, and what the API actually sends matches the schemas it promises.
///
/// The checks walk the document rather than a list of endpoints, so a new endpoint is covered as
/// soon as it is registered (and the seed below needs a record of any new kind).
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let httpMethods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The document as a client gets it.
    static func fetchServedDocument(_ app: Application) async throws -> (response: TestingHTTPResponse, document: JSONValue) {
        let response = try await app.testing().sendRequest(.GET, "/openapi.json")
        try #require(response.status == .ok)
        return (response, try JSONText.parse(response.body.string))
    }

    static func fetchDocument(_ app: Application) async throws -> JSONValue {
        try await fetchServedDocument(app).document
    }

    /// Every documented operation as "METHOD /path".
    static func documentedOperations(_ document: JSONValue) -> Set<String> {
        var operations: Set<String> = []
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for method in (item.objectValue ?? [:]).keys where httpMethods.contains(method) {
                operations.insert("\(method.uppercased()) \(path)")
            }
        }
        return operations
    }

    /// Every served API route as "METHOD /path", with `{name}` for a `:name` parameter.
    static func servedOperations(_ app: Application) -> Set<String> {
        var operations: Set<String> = []
        for route in app.routes.all {
            guard case .constant("api")? = route.path.first else { continue }
            let path = route.path.map { component -> String in
                switch component {
                    case .constant(let text): text
                    case .parameter(let name): "{\(name)}"
                    case .anything: "*"
                    case .catchall: "**"
                }
            }
            operations.insert("\(route.method.rawValue) /\(path.joined(separator: "/"))")
        }
        return operations
    }

    /// The target of a local JSON pointer such as `#/components/schemas/Initiative`.
    static func resolve(_ reference: String, in document: JSONValue) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        var current = document
        for token in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch current {
                case .object(let object):
                    guard let next = object[key] else { return nil }
                    current = next
                case .array(let elements):
                    guard let index = Int(key), elements.indices.contains(index) else { return nil }
                    current = elements[index]
                default:
                    return nil
            }
        }
        return current
    }

    /// Every `$ref` in `value`, with where it was found.
    static func references(in value: JSONValue, at path: String = "$") -> [(path: String, reference: String)] {
        switch value {
            case .object(let object):
                var found: [(String, String)] = []
                if case .string(let reference)? = object["$ref"] { found.append((path, reference)) }
                for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                    found += references(in: member, at: "\(path)/\(key)")
                }
                return found
            case .array(let elements):
                return elements.enumerated().flatMap { references(in: $0.element, at: "\(path)/\($0.offset)") }
            default:
                return []
        }
    }

    static func elements(of value: JSONValue?) -> [JSONValue] {
        if case .array(let elements)? = value { return elements }
        return []
    }

    static func responseSchema(_ document: JSONValue, path: String, method: String, status: String) -> JSONValue? {
        document["paths"]?[path]?[method]?["responses"]?[status]?["content"]?["application/json"]?["schema"]
    }

    // MARK: - Tests

    @Test("GET /openapi.json needs no sign-in and is an OpenAPI 3.1.0 document")
    func servedDocument() async throws {
        try await withTestApp { app, _ in
            let (response, document) = try await Self.fetchServedDocument(app)
            #expect(response.headers.contentType?.type == "application")
            #expect(response.headers.contentType?.subType == "json")
            #expect(document["openapi"] == .string("3.1.0"))
            #expect(document["info"]?["title"] == .string("Lodestar API"))
            #expect(document["info"]?["version"] == .string(LodestarVersion.current))
            #expect(document["components"]?["schemas"]?["Problem"] != nil)
            #expect(document["components"]?["securitySchemes"]?["bearer"]?["scheme"] == .string("bearer"))
            #expect(document["components"]?["securitySchemes"]?["session"]?["name"] == .string(AuthenticationMiddleware.sessionCookie))

            // Every operation has a unique id, a 2xx answer and the problem answer for everything else,
            // and declares each parameter of its path.
            var operationIDs: [String: String] = [:]
            for (path, item) in document["paths"]?.objectValue ?? [:] {
                #expect(path.hasPrefix("/api/v1/"), "\(path)")
                let pathParameters = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
                for (method, operation) in item.objectValue ?? [:] where Self.httpMethods.contains(method) {
                    let name = "\(method.uppercased()) \(path)"
                    if let id = operation["operationId"]?.stringValue {
                        #expect(operationIDs[id] == nil, "\(name) reuses operationId \(id) of \(operationIDs[id] ?? "")")
                        operationIDs[id] = name
                    } else {
                        Issue.record("\(name) has no operationId")
                    }
                    #expect(operation["summary"]?.stringValue?.isEmpty == false, "\(name) has no summary")
                    let responses = operation["responses"]?.objectValue ?? [:]
                    #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(name) documents no success")
                    #expect(responses["default"]?["content"]?["application/problem+json"]?["schema"]?["$ref"]
                            == .string("#/components/schemas/Problem"), "\(name) documents no problem answer")
                    let declared = Self.elements(of: operation["parameters"])
                        .filter { $0["in"] == .string("path") }
                    #expect(Set(declared.compactMap { $0["name"]?.stringValue }) == pathParameters, "\(name) path parameters")
                    #expect(declared.allSatisfy { $0["required"] == .bool(true) }, "\(name): path parameters are required")
                }
            }
            #expect(operationIDs.count >= 90)

            // The document is the one the app builds, served as is.
            #expect(document == app.apiDocumentation.document(version: LodestarVersion.current))
        }
    }

    @Test("the document lists exactly the API routes the app serves")
    func matchesRoutes() async throws {
        try await withTestApp { app, _ in
            let document = try await Self.fetchDocument(app)
            let served = Self.servedOperations(app)
            let documented = Self.documentedOperations(document)
            let undocumented = served.subtracting(documented).sorted()
            let unserved = documented.subtracting(served).sorted()
            #expect(served == documented, """
                served but not documented: \(undocumented.isEmpty ? "none" : undocumented.joined(separator: ", "))
                documented but not served: \(unserved.isEmpty ? "none" : unserved.joined(separator: ", "))
                """)
            for known in [
                "GET /api/v1/initiatives", "PATCH /api/v1/initiatives/{id}", "GET /api/v1/audit",
                "GET /api/v1/milestones/{id}/history", "POST /api/v1/tokens", "GET /api/v1/me",
            ] {
                #expect(documented.contains(known), "\(known) is not documented")
                #expect(served.contains(known), "\(known) is not served")
            }
            // Every portfolio entity has its six operations.
            for entry in EntityRegistry.all {
                let base = "/api/v1/\(entry.info.path)"
                let expected: Set<String> = [
                    "GET \(base)", "POST \(base)", "GET \(base)/{id}", "PUT \(base)/{id}", "PATCH \(base)/{id}", "DELETE \(base)/{id}",
                ]
                #expect(expected.isSubset(of: documented), "\(entry.info.plural): missing \(expected.subtracting(documented).sorted())")
            }
        }
    }

    @Test("every $ref in the document resolves")
    func referencesResolve() async throws {
        try await withTestApp { app, _ in
            let document = try await Self.fetchDocument(app)
            let references = Self.references(in: document)
            #expect(references.count > 50)
            for (path, reference) in references {
                #expect(reference.hasPrefix("#/components/schemas/"), "\(path): \(reference) is not a local schema")
                #expect(Self.resolve(reference, in: document) != nil, "\(path): $ref \(reference) does not resolve")
            }
            // Every named schema is used somewhere.
            let used = Set(references.map(\.reference))
            for name in (document["components"]?["schemas"]?.objectValue ?? [:]).keys.sorted() {
                #expect(used.contains("#/components/schemas/\(name)"), "components.schemas.\(name) is never referenced")
            }
        }
    }

    @Test("every GET answers with what its schema promises", arguments: TestDatabase.available)
    func responsesMatchSchemas(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let document = try await Self.fetchDocument(app)
            let validator = JSONSchemaValidator(document: document)
            var ids: [String: UUID] = ["users": people.pmo.id]

            /// Creates a record as the PMO, checking the body against the request schema and the answer
            /// against the 201 schema, and remembers its id for the GET-by-id operations.
            func create(_ collection: String, _ json: String) async throws -> UUID {
                let path = "/api/v1/\(collection)"
                let body = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
                if let requestSchema = document["paths"]?[path]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"] {
                    let problems = validator.errors(in: body, against: requestSchema)
                    #expect(problems.isEmpty, "POST \(path) request body: \(problems.joined(separator: "\n"))")
                } else {
                    Issue.record("POST \(path) documents no request body")
                }
                let response = try await app.api(.POST, path, as: people.pmo, json: AnyBody(body))
                try #require(response.status == .created, "POST \(path): \(response.status) \(response.text)")
                if let schema = Self.responseSchema(document, path: path, method: "post", status: "201") {
                    let problems = validator.errors(in: response.json, against: schema)
                    #expect(problems.isEmpty, "POST \(path) answer: \(problems.joined(separator: "\n"))")
                } else {
                    Issue.record("POST \(path) documents no 201 body")
                }
                let id = try #require(response.id)
                #expect(response.headers.first(name: .location) == "\(path)/\(id)")
                // The first record of a kind is the one read by id (the richest: others point at it).
                if ids[collection] == nil { ids[collection] = id }
                return id
            }

            // One realistic record of every kind.
            let (owner, executive) = (people.owner.id, people.executive.id)
            let theme = try await create("objectives", #"""
                {"level": "theme", "name": "Grow recurring revenue", "description": "Shift the mix towards subscriptions.",
                 "ownerID": "\#(executive)", "weight": 3, "horizon": "2028-12-31", "stage": "execution"}
                """#)
            let objective = try await create("objectives", #"""
                {"parentID": "\#(theme)", "level": "objective", "name": "Bill every customer monthly", "description": "",
                 "weight": 2, "stage": "definition"}
                """#)
            let billing = try await create("initiatives", #"""
                {"code": "FIN-014", "name": "Modernise billing", "description": "Replace the batch billing engine.",
                 "kind": "project", "ownerID": "\#(owner)", "sponsorID": "\#(executive)",
                 "status": "active", "tier": "full", "currentGate": "deliver", "plannedStart": "2027-01-04", "plannedFinish": "2027-12-17",
                 "baselineStart": "2027-01-04", "baselineFinish": "2027-11-26", "capexBudget": 1250000, "opexBudget": 180000,
                 "actualCost": 312500.5, "healthOverride": "amber", "healthOverrideReason": "Vendor contract not yet signed."}
                """#)
            let portal = try await create("initiatives", #"""
                {"code": "CX-007", "name": "Self-service customer portal", "description": "", "kind": "programme",
                 "status": "approved", "tier": "standard", "currentGate": "plan", "capexBudget": 400000, "opexBudget": 0, "actualCost": 0}
                """#)
            let pool = try await create("pools", #"""
                {"name": "Data engineering", "kind": "team", "description": "Pipelines and warehouse", "costRate": 950}
                """#)
            _ = try await create("pool-capacities", #"{"poolID": "\#(pool)", "period": "2027-Q1", "fte": 12.5}"#)
            _ = try await create("demands", #"{"initiativeID": "\#(billing)", "poolID": "\#(pool)", "period": "2027-Q1", "fte": 3.5}"#)
            _ = try await create("dependencies", #"""
                {"predecessorID": "\#(billing)", "successorID": "\#(portal)", "kind": "finish_to_start",
                 "description": "The portal shows invoices from the new engine."}
                """#)
            let milestone = try await create("milestones", #"""
                {"initiativeID": "\#(billing)", "name": "New billing engine live", "baselineDate": "2027-06-30", "forecastDate": "2027-07-15"}
                """#)
            // A forecast move, so the history has more than its first entry.
            let moved = try await app.api(
                .PATCH, "/api/v1/milestones/\(milestone)", as: people.pmo,
                json: AnyBody(.object(["forecastDate": .string("2027-08-02")])), ifMatch: 1)
            #expect(moved.status == .ok)
            _ = try await create("status-updates", #"""
                {"initiativeID": "\#(billing)", "periodStart": "2024-01-15", "overall": "amber", "schedule": "amber",
                 "cost": "green", "scope": "green", "risk": "red", "benefits": "green",
                 "summary": "Data migration is two weeks late.", "accomplishments": "Tariff engine tested.",
                 "nextSteps": "Sign the vendor contract.", "blockers": "Legal review of the contract."}
                """#)
            _ = try await create("raid-items", #"""
                {"initiativeID": "\#(billing)", "kind": "risk", "title": "Vendor API rate limits",
                 "description": "The payment provider caps calls at 50 per second.", "probability": 4, "impact": 3,
                 "ownerID": "\#(owner)", "mitigation": "Batch the calls overnight.",
                 "dueDate": "2027-03-31", "status": "mitigating", "escalationLevel": "portfolio", "category": "technology"}
                """#)
            _ = try await create("decisions", #"""
                {"title": "Choose the billing platform vendor", "context": "Two vendors passed the technical evaluation.",
                 "type": "trade_off", "initiativeID": "\#(billing)", "decisionMakerID": "\#(executive)",
                 "options": ["Vendor A, lower cost", "Vendor B, faster delivery"], "requestedOn": "2026-10-01",
                 "neededBy": "2026-12-15", "decidedOn": "2026-11-20", "status": "decided",
                 "outcome": "Vendor B", "rationale": "Time to market outweighs the price difference."}
                """#)
            let benefit = try await create("benefits", #"""
                {"initiativeID": "\#(billing)", "name": "Cost per invoice", "unit": "EUR", "baseline": 4.2, "target": 1.5,
                 "targetDate": "2028-06-30", "direction": "decrease"}
                """#)
            _ = try await create("benefit-measurements", #"""
                {"benefitID": "\#(benefit)", "measuredOn": "2026-09-30", "value": 3.8, "note": "Pilot region only."}
                """#)
            let scoringModel = try await create("scoring-models", #"""
                {"name": "Strategic value", "description": "The board's criteria.", "method": "weighted", "isDefault": true}
                """#)
            let criterion = try await create("scoring-criteria", #"""
                {"modelID": "\#(scoringModel)", "name": "Strategic fit", "description": "How directly it serves the strategy.", "weight": 30, "scaleMin": 0, "scaleMax": 10}
                """#)
            _ = try await create("scores", #"""
                {"initiativeID": "\#(billing)", "criterionID": "\#(criterion)", "value": 8, "rationale": "Core to the recurring revenue theme."}
                """#)
            _ = try await create("alignments", #"""
                {"initiativeID": "\#(billing)", "objectiveID": "\#(objective)", "contribution": 0.6}
                """#)
            _ = try await create("status-reports", #"{"period": "2026-11-10"}"#)

            let cycle = try await create("planning-cycles", #"""
                {"name": "2027 Q1 planning", "quarter": "2027-Q1", "status": "open", "openedOn": "2026-11-02", "decisionsSummary": ""}
                """#)
            let closed = try await app.api(
                .POST, "/api/v1/planning-cycles/\(cycle)/close", as: people.pmo,
                json: AnyBody(.object(["decisionsSummary": .string("Funded the billing programme.")])), ifMatch: 1)
            #expect(closed.status == .ok, "\(closed.text)")
            var scenarios: [UUID] = []
            for name in ["Baseline", "More data engineers"] {
                let scenario = try await create("scenarios", #"""
                    {"name": "\#(name)", "description": "", "cycleID": "\#(cycle)", "firstQuarter": "2027-Q1", "quarters": 4,
                     "budgetCaps": [{"quarter": "2027-Q1", "amount": 2000000}],
                     "capacityChanges": [{"poolID": "\#(pool)", "quarter": "2027-Q2", "fte": 2}],
                     "forcedIn": [], "forcedOut": [], "startShifts": [], "weightChanges": []}
                    """#)
                let run = try await app.api(.POST, "/api/v1/scenarios/\(scenario)/runs", as: people.executive)
                #expect(run.status == .created, "\(run.text)")
                scenarios.append(scenario)
            }
            // Query strings for the GETs that cannot answer without one.
            let queries = [
                "/api/v1/priorities/explain": "a=\(billing)&b=\(portal)",
                "/api/v1/scenarios/compare": "ids=\(scenarios.map(\.uuidString).joined(separator: ","))",
            ]

            // Every GET in the document: the lists, and each record by id.
            var checked = 0
            for (path, item) in (document["paths"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard item["get"] != nil else { continue }
                let segments = path.split(separator: "/").map(String.init)
                var url = path
                if segments.contains(where: { $0.hasPrefix("{") }) {
                    let collection = segments[2]
                    guard segments.filter({ $0.hasPrefix("{") }) == ["{id}"], let id = ids[collection] else {
                        Issue.record("GET \(path): no seeded record to read; create one in this test")
                        continue
                    }
                    url = path.replacingOccurrences(of: "{id}", with: id.uuidString)
                }
                if let query = queries[path] { url += "?" + query }
                guard let schema = Self.responseSchema(document, path: path, method: "get", status: "200") else {
                    Issue.record("GET \(path) documents no 200 JSON body")
                    continue
                }
                let response = try await app.api(.GET, url, as: people.pmo)
                guard response.status == .ok else {
                    Issue.record("GET \(url) answered \(response.status): \(response.text)")
                    continue
                }
                let problems = validator.errors(in: response.json, against: schema)
                #expect(problems.isEmpty, "GET \(url) does not match its schema:\n\(problems.joined(separator: "\n"))")
                // An empty list would prove nothing about its items.
                switch response.json["items"] ?? response.json {
                    case .array(let elements) where elements.isEmpty:
                        Issue.record("GET \(url) listed nothing; seed a record of this kind so its items are checked")
                    default: break
                }
                checked += 1
            }
            #expect(checked >= 35)

            // The history holds both forecasts, oldest first.
            let history = try await app.api(.GET, "/api/v1/milestones/\(milestone)/history", as: people.pmo)
            guard case .array(let changes) = history.json else { Issue.record("history is not an array"); return }
            #expect(changes.map { $0["newDate"] } == [.string("2027-07-15"), .string("2027-08-02")])
        }
    }

    @Test("problems are application/problem+json and match the Problem schema", arguments: TestDatabase.available)
    func problemsMatchSchema(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let document = try await Self.fetchDocument(app)
            let validator = JSONSchemaValidator(document: document)
            let problemSchema = JSONValue.object(["$ref": .string("#/components/schemas/Problem")])
            let id = try #require(try await app.api(
                .POST, "/api/v1/initiatives", as: people.pmo, json: InitiativeAPITests.sample(owner: nil)).id)

            let cases: [(String, APIResponse, HTTPResponseStatus)] = [
                ("404", try await app.api(.GET, "/api/v1/initiatives/\(UUID())", as: people.pmo), .notFound),
                ("422", try await app.api(
                    .POST, "/api/v1/initiatives", as: people.pmo,
                    json: AnyBody(try JSONDecoder().decode(JSONValue.self, from: Data(#"""
                        {"code": "", "name": "Broken", "description": "", "kind": "project", "status": "active", "tier": "light",
                         "currentGate": "idea", "capexBudget": -5, "opexBudget": 0, "actualCost": 0}
                        """#.utf8)))),
                 .unprocessableEntity),
                ("401", try await app.api(.GET, "/api/v1/initiatives", as: nil), .unauthorized),
                ("403", try await app.api(.DELETE, "/api/v1/initiatives/\(id)", as: people.viewer), .forbidden),
                ("412", try await app.api(.PATCH, "/api/v1/initiatives/\(id)", as: people.pmo,
                                          json: AnyBody(.object(["name": .string("Late")])), ifMatch: 7), .preconditionFailed),
                ("428", try await app.api(.PATCH, "/api/v1/initiatives/\(id)", as: people.pmo, json: AnyBody(.object(["name": .string("No version")]))),
                 .preconditionRequired),
            ]
            for (label, response, status) in cases {
                #expect(response.status == status, "\(label): \(response.text)")
                #expect(response.headers.contentType?.type == "application", "\(label)")
                #expect(response.headers.contentType?.subType == "problem+json", "\(label)")
                #expect(response.json["status"] == .number(Double(status.code)), "\(label)")
                let problems = validator.errors(in: response.json, against: problemSchema)
                #expect(problems.isEmpty, "\(label) problem: \(problems.joined(separator: "\n"))")
            }
            let invalid = cases[1].1
            #expect(Set(invalid.problemFields) == ["code", "capexBudget"])
            #expect(invalid.json["type"] == .string("/problems/validation"))
            // The schema is strict enough to notice a problem missing its detail.
            var broken = cases[0].1.json.objectValue ?? [:]
            broken["detail"] = nil
            #expect(!validator.errors(in: .object(broken), against: problemSchema).isEmpty)
        }
    }

    /// A plain JSON reader: the document is 100+ kB, and `JSONValue`'s own decoder, which tries each
    /// type in turn, takes half a second to read it.
    enum JSONText {
        struct Malformed: Error, CustomStringConvertible {
            var offset: Int
            var description: String { "malformed JSON at byte \(offset)" }
        }

        static func parse(_ text: String) throws -> JSONValue {
            var reader = Reader(bytes: Array(text.utf8))
            let value = try reader.value()
            reader.skipSpace()
            guard reader.index == reader.bytes.count else { throw Malformed(offset: reader.index) }
            return value
        }

        private struct Reader {
            let bytes: [UInt8]
            var index = 0

            mutating func skipSpace() {
                while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
            }

            mutating func expect(_ literal: String) throws {
                for byte in literal.utf8 {
                    guard index < bytes.count, bytes[index] == byte else { throw Malformed(offset: index) }
                    index += 1
                }
            }

            mutating func value() throws -> JSONValue {
                skipSpace()
                guard index < bytes.count else { throw Malformed(offset: index) }
                switch bytes[index] {
                    case UInt8(ascii: "{"):
                        index += 1
                        var object: [String: JSONValue] = [:]
                        skipSpace()
                        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
                        while true {
                            skipSpace()
                            let key = try string()
                            skipSpace()
                            try expect(":")
                            object[key] = try value()
                            skipSpace()
                            guard index < bytes.count else { throw Malformed(offset: index) }
                            index += 1
                            if bytes[index - 1] == UInt8(ascii: "}") { return .object(object) }
                            guard bytes[index - 1] == UInt8(ascii: ",") else { throw Malformed(offset: index - 1) }
                        }
                    case UInt8(ascii: "["):
                        index += 1
                        var elements: [JSONValue] = []
                        skipSpace()
                        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
                        while true {
                            elements.append(try value())
                            skipSpace()
                            guard index < bytes.count else { throw Malformed(offset: index) }
                            index += 1
                            if bytes[index - 1] == UInt8(ascii: "]") { return .array(elements) }
                            guard bytes[index - 1] == UInt8(ascii: ",") else { throw Malformed(offset: index - 1) }
                        }
                    case UInt8(ascii: "\""):
                        return .string(try string())
                    case UInt8(ascii: "t"):
                        try expect("true")
                        return .bool(true)
                    case UInt8(ascii: "f"):
                        try expect("false")
                        return .bool(false)
                    case UInt8(ascii: "n"):
                        try expect("null")
                        return .null
                    default:
                        let start = index
                        while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
                        guard let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
                            throw Malformed(offset: start)
                        }
                        return .number(number)
                }
            }

            mutating func string() throws -> String {
                try expect("\"")
                var scalars = String.UnicodeScalarView()
                var run = index
                func flush(_ end: Int) { scalars.append(contentsOf: String(decoding: bytes[run..<end], as: UTF8.self).unicodeScalars) }
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") {
                        flush(index)
                        index += 1
                        return String(scalars)
                    }
                    guard byte == UInt8(ascii: "\\") else { index += 1; continue }
                    flush(index)
                    index += 1
                    guard index < bytes.count else { break }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                        case UInt8(ascii: "n"): scalars.append("\n")
                        case UInt8(ascii: "t"): scalars.append("\t")
                        case UInt8(ascii: "r"): scalars.append("\r")
                        case UInt8(ascii: "b"): scalars.append("\u{8}")
                        case UInt8(ascii: "f"): scalars.append("\u{C}")
                        case UInt8(ascii: "u"):
                            var code = try hex4()
                            if (0xD800..<0xDC00).contains(code) {
                                try expect("\\u")
                                let low = try hex4()
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            }
                            guard let scalar = Unicode.Scalar(code) else { throw Malformed(offset: index) }
                            scalars.append(scalar)
                        default: scalars.append(Unicode.Scalar(escape))
                    }
                    run = index
                }
                throw Malformed(offset: index)
            }

            mutating func hex4() throws -> UInt32 {
                guard index + 4 <= bytes.count,
                      let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
                else { throw Malformed(offset: index) }
                index += 4
                return code
            }
        }
    }
}
