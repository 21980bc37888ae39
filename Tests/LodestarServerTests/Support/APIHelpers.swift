import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

// The steps every API test repeats: creating the records a test stands on, and the contract every
// kind of record shares (round trip, 404, 412, audit, roles). Each helper reports failures at the
// line of the test that called it.

extension APIResponse {
    /// The items of a list page.
    var items: [JSONValue] {
        guard case .array(let items)? = json["items"] else { return [] }
        return items
    }

    /// The ids of a list page's items, in order.
    var ids: [UUID] { items.compactMap { $0["id"]?.stringValue.flatMap(UUID.init(uuidString:)) } }

    var total: Int? { json["total"]?.numberValue.map { Int($0) } }

    /// The body read back as the record's fields (the `id`, `version` and timestamps are ignored).
    func fields<F: Decodable>(as type: F.Type) throws -> F { try json.decode(as: type) }
}

/// The API path of a kind of record, or of one record.
func apiPath(_ resource: String, _ id: UUID? = nil) -> String {
    id.map { "/api/v1/\(resource)/\($0)" } ?? "/api/v1/\(resource)"
}

/// A JSON merge patch body.
func patchBody(_ changes: [String: JSONValue]) -> AnyBody { AnyBody(.object(changes)) }

extension JSONValue {
    /// An id as it travels in JSON.
    static func id(_ id: UUID) -> JSONValue { .string(id.uuidString) }
}

/// Creates a record as `person`, requiring a 201, and returns its id.
@discardableResult
func create(
    _ app: Application, _ resource: String, as person: Fixture.Person, _ record: some Encodable,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> UUID {
    let response = try await app.api(.POST, apiPath(resource), as: person, json: record)
    #expect(response.status == .created, "\(response.text)", sourceLocation: sourceLocation)
    return try #require(response.id, "creating \(resource) returned no id: \(response.text)", sourceLocation: sourceLocation)
}

/// Creates an initiative as the PMO, owned by `owner`, and returns its id.
func createInitiative(
    _ app: Application, _ people: Fixture, owner: Fixture.Person? = nil, code: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> UUID {
    let initiative = Initiative(
        code: code ?? "INI-\(UUID().uuidString.prefix(8))", name: "Modernise billing", ownerID: owner?.id, status: .active,
        plannedStart: Day("2027-01-01"), plannedFinish: Day("2027-12-31"), capexBudget: 250_000)
    return try await create(app, "initiatives", as: people.pmo, initiative, sourceLocation: sourceLocation)
}

/// Requires a validation problem (422, `application/problem+json`) naming exactly `fields`.
func expectInvalid(_ response: APIResponse, fields: Set<String>, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.status == .unprocessableEntity, "\(response.text)", sourceLocation: sourceLocation)
    #expect(response.headers.contentType?.subType == "problem+json", sourceLocation: sourceLocation)
    #expect(response.json["type"] == .string("/problems/validation"), sourceLocation: sourceLocation)
    #expect(Set(response.problemFields) == fields, "\(response.text)", sourceLocation: sourceLocation)
}

/// Posts `record` and requires a 422 naming exactly `fields`.
func expectRejected(
    _ app: Application, _ resource: String, as person: Fixture.Person, _ record: some Encodable, fields: Set<String>,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let response = try await app.api(.POST, apiPath(resource), as: person, json: record)
    expectInvalid(response, fields: fields, sourceLocation: sourceLocation)
}

/// Patches a record at `version` and requires a 422 naming exactly `fields`, leaving it at `version`.
func expectPatchRejected(
    _ app: Application, _ resource: String, _ id: UUID, version: Int, as person: Fixture.Person,
    _ changes: [String: JSONValue], fields: Set<String>, sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let response = try await app.api(.PATCH, apiPath(resource, id), as: person, json: patchBody(changes), ifMatch: version)
    expectInvalid(response, fields: fields, sourceLocation: sourceLocation)
    let current = try await app.api(.GET, apiPath(resource, id), as: person)
    #expect(current.version == version, "a refused change must not move the version", sourceLocation: sourceLocation)
}

/// How many records of a kind exist, read through the API.
func count(_ app: Application, _ resource: String, as person: Fixture.Person, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
    let list = try await app.api(.GET, apiPath(resource) + "?limit=500", as: person)
    #expect(list.status == .ok, sourceLocation: sourceLocation)
    return try #require(list.total, sourceLocation: sourceLocation)
}

/// The audit trail of one record, newest first, as the PMO reads it.
func auditTrail(_ app: Application, _ people: Fixture, _ resource: String, _ id: UUID) async throws -> [JSONValue] {
    try await app.api(.GET, "/api/v1/audit?entity=\(resource)&entityID=\(id)", as: people.pmo).items
}

/// The contract every kind of record shares, walked end to end as a client would:
///
/// 1. `POST` as `writer` is a 201 with `ETag: "1"`, a `Location` and the fields as sent;
/// 2. `GET` as a viewer returns the same fields;
/// 3. `PATCH` with `If-Match: "1"` applies `patch` and moves the version to 2;
/// 4. a `PUT` still at version 1 is a 412 and changes nothing;
/// 5. listing with `filter` (a query string) returns the record but not `decoy`, which the unfiltered
///    list does hold;
/// 6. `DELETE` at version 1 is a 412; with `If-Match: "2"` it is a 204; afterwards the id is a 404 for
///    every method;
/// 7. the audit log holds the create, the update (with exactly the patched fields) and the delete.
func expectRoundTrip<F: EntityFields>(
    _ app: Application, _ people: Fixture, _ resource: String, as writer: Fixture.Person,
    record: F, patch: [String: JSONValue], filter: String, decoy: F,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let changed = try JSONValue(encoding: record).merging(patch: .object(patch)).decode(as: F.self)
    #expect(changed != record, "the patch must change something for the test to mean anything", sourceLocation: sourceLocation)

    // 1. create
    let created = try await app.api(.POST, apiPath(resource), as: writer, json: record)
    #expect(created.status == .created, "\(created.text)", sourceLocation: sourceLocation)
    #expect(created.etag == "\"1\"", sourceLocation: sourceLocation)
    let id = try #require(created.id, "\(created.text)", sourceLocation: sourceLocation)
    #expect(created.headers.first(name: .location) == apiPath(resource, id), sourceLocation: sourceLocation)
    #expect(try created.fields(as: F.self) == record, sourceLocation: sourceLocation)
    #expect(created.version == 1, sourceLocation: sourceLocation)

    // 2. read
    let read = try await app.api(.GET, apiPath(resource, id), as: people.viewer)
    #expect(read.status == .ok, sourceLocation: sourceLocation)
    #expect(read.etag == "\"1\"", sourceLocation: sourceLocation)
    #expect(try read.fields(as: F.self) == record, sourceLocation: sourceLocation)

    // 3. patch at the version read
    let patched = try await app.api(.PATCH, apiPath(resource, id), as: writer, json: patchBody(patch), ifMatch: 1)
    #expect(patched.status == .ok, "\(patched.text)", sourceLocation: sourceLocation)
    #expect(patched.version == 2, sourceLocation: sourceLocation)
    #expect(patched.etag == "\"2\"", sourceLocation: sourceLocation)
    #expect(try patched.fields(as: F.self) == changed, sourceLocation: sourceLocation)

    // 4. a writer still holding version 1 is refused and overwrites nothing
    let stale = try await app.api(.PUT, apiPath(resource, id), as: writer, json: record, ifMatch: 1)
    #expect(stale.status == .preconditionFailed, "\(stale.text)", sourceLocation: sourceLocation)
    #expect(stale.json["type"] == .string("/problems/stale-version"), sourceLocation: sourceLocation)
    let afterStale = try await app.api(.GET, apiPath(resource, id), as: people.viewer)
    #expect(afterStale.version == 2, sourceLocation: sourceLocation)
    #expect(try afterStale.fields(as: F.self) == changed, sourceLocation: sourceLocation)

    // 5. list with a filter
    let decoyID = try await create(app, resource, as: writer, decoy, sourceLocation: sourceLocation)
    let everything = try await app.api(.GET, apiPath(resource) + "?limit=500", as: people.viewer)
    #expect(Set(everything.ids).isSuperset(of: [id, decoyID]), sourceLocation: sourceLocation)
    let filtered = try await app.api(.GET, apiPath(resource) + "?" + filter, as: people.viewer)
    #expect(filtered.status == .ok, "\(filtered.text)", sourceLocation: sourceLocation)
    #expect(filtered.ids == [id], "filter \(filter)", sourceLocation: sourceLocation)
    #expect(filtered.total == 1, sourceLocation: sourceLocation)

    // 6. delete (not at a stale version), then the id is unknown
    let staleDelete = try await app.api(.DELETE, apiPath(resource, id), as: writer, ifMatch: 1)
    #expect(staleDelete.status == .preconditionFailed, "\(staleDelete.text)", sourceLocation: sourceLocation)
    let deleted = try await app.api(.DELETE, apiPath(resource, id), as: writer, ifMatch: 2)
    #expect(deleted.status == .noContent, "\(deleted.text)", sourceLocation: sourceLocation)
    #expect(try await app.api(.GET, apiPath(resource, id), as: people.viewer).status == .notFound, sourceLocation: sourceLocation)
    #expect(try await app.api(.PUT, apiPath(resource, id), as: writer, json: record, ifMatch: 2).status == .notFound, sourceLocation: sourceLocation)
    #expect(try await app.api(.PATCH, apiPath(resource, id), as: writer, json: patchBody(patch), ifMatch: 2).status == .notFound, sourceLocation: sourceLocation)
    #expect(try await app.api(.DELETE, apiPath(resource, id), as: writer).status == .notFound, sourceLocation: sourceLocation)
    #expect(try await app.api(.GET, apiPath(resource, id), as: people.viewer).json["type"] == .string("/problems/not-found"), sourceLocation: sourceLocation)

    // 7. audit
    let trail = try await auditTrail(app, people, resource, id)
    #expect(trail.map { $0["action"]?.stringValue } == ["delete", "update", "create"], sourceLocation: sourceLocation)
    #expect(trail.allSatisfy { $0["actorEmail"] == .string(writer.email) }, sourceLocation: sourceLocation)
    if trail.count == 3 {
        let changes = trail[1]["changes"]?.objectValue ?? [:]
        #expect(Set(changes.keys) == Set(patch.keys), "audited changes \(changes)", sourceLocation: sourceLocation)
        for (field, value) in patch {
            #expect(changes[field]?["after"] == value, "audited \(field)", sourceLocation: sourceLocation)
        }
    }
}

/// Every write by `people` is a 403 and the record (at version 1) stays as it was; they may still read.
func expectCannotWrite(
    _ app: Application, _ resource: String, _ id: UUID, record: some Encodable, as people: [Fixture.Person],
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let before = try await app.api(.GET, apiPath(resource, id), as: people.first!)
    for person in people {
        #expect(try await app.api(.GET, apiPath(resource, id), as: person).status == .ok, sourceLocation: sourceLocation)
        let attempts: [(String, APIResponse)] = [
            ("POST", try await app.api(.POST, apiPath(resource), as: person, json: record)),
            ("PUT", try await app.api(.PUT, apiPath(resource, id), as: person, json: record, ifMatch: 1)),
            ("PATCH", try await app.api(.PATCH, apiPath(resource, id), as: person, json: record, ifMatch: 1)),
            ("DELETE", try await app.api(.DELETE, apiPath(resource, id), as: person)),
        ]
        for (method, response) in attempts {
            #expect(response.status == .forbidden, "\(method) \(resource) as \(person.role): \(response.text)", sourceLocation: sourceLocation)
        }
    }
    let after = try await app.api(.GET, apiPath(resource, id), as: people.first!)
    #expect(after.status == .ok, sourceLocation: sourceLocation)
    #expect(after.json == before.json, "a refused write must change nothing", sourceLocation: sourceLocation)
}

/// Without credentials, reading and writing are both a 401 that asks for a bearer token.
func expectCredentialsRequired(
    _ app: Application, _ resource: String, _ id: UUID, record: some Encodable, sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let attempts = [
        try await app.api(.GET, apiPath(resource), as: nil),
        try await app.api(.GET, apiPath(resource, id), as: nil),
        try await app.api(.POST, apiPath(resource), as: nil, json: record),
        try await app.api(.PATCH, apiPath(resource, id), as: nil, json: record, ifMatch: 1),
        try await app.api(.DELETE, apiPath(resource, id), as: nil),
    ]
    for response in attempts {
        #expect(response.status == .unauthorized, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.headers.first(name: "WWW-Authenticate") == "Bearer", sourceLocation: sourceLocation)
    }
}

/// Owners write only the records of the initiatives they own:
///
/// - creating `others` (which belongs to another owner's initiative) is a 403 and stores nothing;
/// - creating `own` is a 201, and patching it with `patch` succeeds;
/// - the other owner can neither patch nor delete it;
/// - `handOver`, a patch moving it to another owner's initiative, is a 403;
/// - its owner can delete it.
func expectOwnerScope<F: EntityFields>(
    _ app: Application, _ people: Fixture, _ resource: String, own: F, others: F, patch: [String: JSONValue],
    handOver: [String: JSONValue], sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let stored = try await count(app, resource, as: people.viewer, sourceLocation: sourceLocation)
    let foreign = try await app.api(.POST, apiPath(resource), as: people.owner, json: others)
    #expect(foreign.status == .forbidden, "\(foreign.text)", sourceLocation: sourceLocation)
    #expect(try await count(app, resource, as: people.viewer, sourceLocation: sourceLocation) == stored, sourceLocation: sourceLocation)

    let id = try await create(app, resource, as: people.owner, own, sourceLocation: sourceLocation)
    let intruder = try await app.api(.PATCH, apiPath(resource, id), as: people.otherOwner, json: patchBody(patch), ifMatch: 1)
    #expect(intruder.status == .forbidden, "\(intruder.text)", sourceLocation: sourceLocation)
    let patched = try await app.api(.PATCH, apiPath(resource, id), as: people.owner, json: patchBody(patch), ifMatch: 1)
    #expect(patched.status == .ok, "\(patched.text)", sourceLocation: sourceLocation)
    #expect(patched.version == 2, sourceLocation: sourceLocation)
    let moved = try await app.api(.PATCH, apiPath(resource, id), as: people.owner, json: patchBody(handOver), ifMatch: 2)
    #expect(moved.status == .forbidden, "\(moved.text)", sourceLocation: sourceLocation)
    #expect(try await app.api(.DELETE, apiPath(resource, id), as: people.otherOwner).status == .forbidden, sourceLocation: sourceLocation)
    #expect(try await app.api(.GET, apiPath(resource, id), as: people.viewer).version == 2, sourceLocation: sourceLocation)
    #expect(try await app.api(.DELETE, apiPath(resource, id), as: people.owner, ifMatch: 2).status == .noContent, sourceLocation: sourceLocation)
}
