import Foundation

/// The user-editable content of a portfolio record: what a client sends to create or replace one,
/// and what an engine reads. Identity and version live beside it in `Record`.
public protocol EntityFields: Codable, Sendable, Equatable {
    /// Checks that need nothing but the value itself; references are checked where records live.
    func validate() -> [FieldIssue]
}

/// A stored entity: its identity and optimistic-concurrency version beside its fields.
@dynamicMemberLookup
public struct Record<Fields: EntityFields>: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var version: Int
    public var fields: Fields

    public init(id: UUID, version: Int = 1, fields: Fields) {
        self.id = id
        self.version = version
        self.fields = fields
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<Fields, Value>) -> Value { fields[keyPath: keyPath] }
}
