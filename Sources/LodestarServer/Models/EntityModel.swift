import Fluent
import LodestarCore
import Vapor

/// A Fluent model that stores one kind of portfolio record, mapped to and from its `LodestarCore`
/// fields. Conforming gives a resource the whole API contract: list, read, create, replace, patch,
/// delete, optimistic concurrency, authorisation, validation, audit and OpenAPI description.
protocol EntityModel: Model where IDValue == UUID {
    associatedtype Fields: EntityFields

    static var resource: ResourceInfo { get }
    /// Who may create, change or delete records of this kind.
    static var access: WriteAccess { get }
    static var listing: Listing { get }
    /// Whether owners may create records of this kind (for their own initiatives).
    static var ownersMayCreate: Bool { get }

    var version: Int { get set }
    var createdAt: Date? { get }
    var updatedAt: Date? { get }

    var fields: Fields { get }
    func apply(_ fields: Fields)

    /// Other records the fields point at; each must exist.
    static func references(in fields: Fields) -> [EntityReference]
    /// The initiative whose owner may change this record (for `WriteAccess.initiativeTeam`).
    static func governingInitiativeID(of fields: Fields) -> UUID?
    /// The same, for records that reach their initiative through another record (a measurement
    /// through its benefit). Authorisation calls this one; by default it answers from the fields.
    static func governingInitiativeID(of fields: Fields, on database: any Database) async throws -> UUID?
    /// Whether every rule a create checks against the database (its references and `check`) is also a
    /// constraint of the database (a foreign key, a unique index). A create of such a record is
    /// validated before it takes the write lock, and a write that races past validation is stopped by
    /// the constraint and answered as validation would have been. A rule such as "no cycles" cannot be.
    static var databaseEnforcesCreateRules: Bool { get }
    /// Rules that need the database beyond existence (hierarchy, uniqueness, cycles).
    static func check(_ fields: Fields, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue]
    /// Keeps derived records (such as forecast history) in step, inside the write's transaction.
    func didWrite(previous: Fields?, by caller: Caller, on database: any Database) async throws
}

extension EntityModel {
    static var ownersMayCreate: Bool { true }
    static var databaseEnforcesCreateRules: Bool { false }
    static func governingInitiativeID(of fields: Fields) -> UUID? { nil }
    static func governingInitiativeID(of fields: Fields, on database: any Database) async throws -> UUID? {
        governingInitiativeID(of: fields)
    }
    static func check(_ fields: Fields, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] { [] }
    func didWrite(previous: Fields?, by caller: Caller, on database: any Database) async throws {}

    var record: Record<Fields> { Record(id: id!, version: version, fields: fields) }

    /// A model holding `record` as it is, for bulk loads that bypass the store (demo, restore).
    init(_ record: Record<Fields>) {
        self.init()
        id = record.id
        version = record.version
        apply(record.fields)
    }
}

/// How a resource is named in URLs, the OpenAPI document, the audit log and messages.
struct ResourceInfo: Sendable {
    /// URL segment and audit entity name, e.g. `raid-items`.
    var path: String
    /// e.g. `RAID item`
    var singular: String
    /// e.g. `RAID items`
    var plural: String
    /// OpenAPI schema name, e.g. `RAIDItem`
    var schemaName: String
}

enum WriteAccess: Sendable {
    /// admin and pmo
    case portfolioStaff
    /// admin and pmo, and the owner of the governing initiative
    case initiativeTeam
    /// admin, pmo and executives, and the owner of the governing initiative
    case decisionMakers
}

/// A reference from one record to another, checked before a write so that a bad id is a 422 that
/// names the field rather than a database error.
struct EntityReference: Sendable {
    var field: String
    var id: UUID?
    var what: String
    var exists: @Sendable (UUID, any Database) async throws -> Bool

    init<Target: Model>(_ field: String, _ id: UUID?, _ target: Target.Type, what: String) where Target.IDValue == UUID {
        self.field = field
        self.id = id
        self.what = what
        exists = { id, database in try await RecordLookup.exists(Target.self, id, on: database) }
    }
}

/// What a list endpoint may filter and sort by.
struct Listing: Sendable {
    var filters: [ListFilter]
    /// Public sort name → column.
    var sorts: [String: FieldKey]
    var defaultSort: String
    /// Column searched by `q` (case-insensitive substring).
    var searchKey: FieldKey?

    init(filters: [ListFilter] = [], sorts: [String: FieldKey], defaultSort: String, searchKey: FieldKey? = nil) {
        self.filters = filters
        self.sorts = sorts
        self.defaultSort = defaultSort
        self.searchKey = searchKey
    }
}

struct ListFilter: Sendable {
    enum Kind: Sendable {
        case id
        case text
        case oneOf([String])
    }

    var name: String
    var key: FieldKey
    var kind: Kind

    static func id(_ name: String, _ key: FieldKey) -> ListFilter { ListFilter(name: name, key: key, kind: .id) }
    static func text(_ name: String, _ key: FieldKey) -> ListFilter { ListFilter(name: name, key: key, kind: .text) }
    static func vocabulary<V: Vocabulary>(_ name: String, _ key: FieldKey, _ type: V.Type) -> ListFilter {
        ListFilter(name: name, key: key, kind: .oneOf(V.rawValues))
    }
}
