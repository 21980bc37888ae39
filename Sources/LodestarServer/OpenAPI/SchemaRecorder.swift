import Foundation
import LodestarCore

/// A type that states its own JSON Schema.
///
/// For single values whose decoding the recorder cannot follow, such as a string that must have a
/// checked shape: the recorder uses `jsonSchema` and hands `schemaPlaceholder` to the decoding that
/// asked for a value, so the enclosing type can still be recorded.
public protocol SchemaDescribing {
    /// The schema of the value as it appears on the wire.
    static var jsonSchema: JSONValue { get }
    /// Any valid value; it only lets the decoding of an enclosing type carry on.
    static var schemaPlaceholder: Self { get }
}

/// Derives OpenAPI 3.1 (JSON Schema 2020-12) schemas from `Decodable` types.
///
/// The type is decoded with a decoder that answers every request with a placeholder and writes down
/// what was asked for: `decode(_:forKey:)` makes a required property, `decodeIfPresent(_:forKey:)` an
/// optional one that may also be `null`. The schema therefore follows the decoding code itself and
/// cannot drift from it. Recording never traps; what cannot be recorded is described as `{}` (any).
public enum SchemaRecorder {
    /// The schema of `type` as the JSON API reads it.
    public static func schema<T: Decodable>(for type: T.Type) -> JSONValue {
        RecordingSession().record(type, codingPath: []).schema
    }

    /// `schema`, also allowing `null`: a type list gains `"null"` (and an enum gains `null`, since
    /// `enum` is checked on its own); any other schema is wrapped in `anyOf` with `{"type": "null"}`.
    public static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var keywords) = schema else { return schema }
        if keywords.isEmpty || allowsNull(keywords) { return schema }
        let composite = ["$ref", "anyOf", "oneOf", "allOf", "not", "const"].contains { keywords[$0] != nil }
        let types: [JSONValue]? = switch keywords["type"] {
            case .string(let name)?: [.string(name)]
            case .array(let names)?: names
            default: nil
        }
        guard !composite, let types else {
            return .object(["anyOf": .array([schema, .object(["type": .string("null")])])])
        }
        if !types.contains(.string("null")) { keywords["type"] = .array(types + [.string("null")]) }
        if case .array(let values)? = keywords["enum"], !values.contains(.null) { keywords["enum"] = .array(values + [.null]) }
        return .object(keywords)
    }

    /// The schema of a paged list response: `{items, total, limit, offset}`.
    public static func listSchema(items: JSONValue) -> JSONValue {
        let integer = JSONValue.object(["type": .string("integer")])
        return .object([
            "type": .string("object"),
            "required": .array(["items", "total", "limit", "offset"].map(JSONValue.string)),
            "properties": .object([
                "items": .object(["type": .string("array"), "items": items]),
                "total": integer,
                "limit": integer,
                "offset": integer,
            ]),
        ])
    }

    /// `schema` with more properties, for instance a response's `id`/`version`/timestamps beside an
    /// entity's fields. An added property replaces one of the same name; `required` is merged and
    /// sorted. A `$ref` or composite schema cannot take properties, so it is combined with `allOf`.
    public static func adding(properties: [String: JSONValue], required: [String], to schema: JSONValue) -> JSONValue {
        let keywords = schema.objectValue ?? [:]
        let composite = ["$ref", "anyOf", "oneOf", "allOf", "not"].contains { keywords[$0] != nil }
        if composite || schema.objectValue == nil {
            let extra = objectSchema(properties: properties, required: Set(required))
            return .object(["allOf": .array([schema, extra])])
        }
        var merged = keywords
        merged["type"] = merged["type"] ?? .string("object")
        var allProperties = keywords["properties"]?.objectValue ?? [:]
        allProperties.merge(properties) { _, added in added }
        if !allProperties.isEmpty { merged["properties"] = .object(allProperties) }
        var allRequired = Set(required)
        if case .array(let existing)? = keywords["required"] { allRequired.formUnion(existing.compactMap(\.stringValue)) }
        if !allRequired.isEmpty { merged["required"] = .array(allRequired.sorted().map(JSONValue.string)) }
        return .object(merged)
    }

    static func objectSchema(properties: [String: JSONValue], required: Set<String>) -> JSONValue {
        // No `additionalProperties: false`: clients may send keys this version does not know.
        var keywords: [String: JSONValue] = ["type": .string("object")]
        if !properties.isEmpty { keywords["properties"] = .object(properties) }
        if !required.isEmpty { keywords["required"] = .array(required.sorted().map(JSONValue.string)) }
        return .object(keywords)
    }

    private static func allowsNull(_ keywords: [String: JSONValue]) -> Bool {
        switch keywords["type"] {
            case .string("null")?: return true
            case .array(let names)?:
                guard names.contains(.string("null")) else { return false }
                if case .array(let values)? = keywords["enum"] { return values.contains(.null) }
                return true
            default: break
        }
        if case .array(let options)? = keywords["anyOf"] {
            return options.contains(.object(["type": .string("null")]))
        }
        return false
    }
}

// The machinery lives inside `SchemaRecorder` so its names cannot collide with the rest of the module.
extension SchemaRecorder {
    // MARK: - Types with a fixed description

    /// Types whose decoding the recorder describes itself rather than follows: primitives, and the
    /// single-value types that decode a string and then check it (which would refuse a placeholder).
    fileprivate enum KnownTypes {
        struct Entry: Sendable {
            let schema: JSONValue
            let placeholder: any Sendable
        }

        static func entry(for type: Any.Type) -> Entry? { table[ObjectIdentifier(type)] }

        private static let table: [ObjectIdentifier: Entry] = {
            func schema(_ type: String, _ extra: [String: JSONValue] = [:]) -> JSONValue {
                .object(extra.merging(["type": .string(type)]) { _, type in type })
            }
            let integer = schema("integer")
            let unsigned = schema("integer", ["minimum": .number(0)])
            let number = schema("number")
            let nilUUID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
            let entries: [(Any.Type, JSONValue, any Sendable)] = [
                (String.self, schema("string"), ""),
                (Bool.self, schema("boolean"), false),
                (Int.self, integer, 0 as Int),
                (Int8.self, integer, 0 as Int8),
                (Int16.self, integer, 0 as Int16),
                (Int32.self, integer, 0 as Int32),
                (Int64.self, integer, 0 as Int64),
                (UInt.self, unsigned, 0 as UInt),
                (UInt8.self, unsigned, 0 as UInt8),
                (UInt16.self, unsigned, 0 as UInt16),
                (UInt32.self, unsigned, 0 as UInt32),
                (UInt64.self, unsigned, 0 as UInt64),
                (Double.self, number, 0 as Double),
                (Float.self, number, 0 as Float),
                (Decimal.self, number, Decimal(0)),
                (UUID.self, schema("string", ["format": .string("uuid")]), nilUUID),
                (Day.self, schema("string", ["format": .string("date")]), Day(ordinal: 0)),
                (Quarter.self, schema("string", ["pattern": .string("^[0-9]{4}-Q[1-4]$")]), Quarter(index: 2000 * 4)),
                (Date.self, schema("string", ["format": .string("date-time")]), Date(timeIntervalSince1970: 0)),
                (URL.self, schema("string", ["format": .string("uri")]), URL(string: "https://example.com")!),
                (JSONValue.self, .object([:]), JSONValue.null),
            ]
            return Dictionary(uniqueKeysWithValues: entries.map { type, schema, placeholder in
                (ObjectIdentifier(type), Entry(schema: schema, placeholder: placeholder))
            })
        }()
    }

    // Collections are described from their element type rather than by decoding elements: that needs no
    // element placeholder, so a collection of something unrecordable still decodes (as empty).

    fileprivate protocol OptionalSchema {
        static var schemaWrappedType: any Decodable.Type { get }
        static var none: Self { get }
    }

    fileprivate protocol SequenceSchema {
        static var schemaElementType: any Decodable.Type { get }
        static var schemaHasUniqueElements: Bool { get }
        static var schemaEmptyValue: Self { get }
    }

    fileprivate protocol StringKeyedDictionarySchema {
        static var schemaValueType: any Decodable.Type { get }
        static var schemaEmptyValue: Self { get }
    }

    // MARK: - Recording

    fileprivate struct Recorded<T> {
        var schema: JSONValue
        /// Nil when no value could be made; the decoding that asked for one then has to fail.
        var placeholder: T?

        func requirePlaceholder(at codingPath: [any CodingKey]) throws -> T {
            guard let placeholder else {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: codingPath, debugDescription: "SchemaRecorder has no placeholder value for \(T.self)"))
            }
            return placeholder
        }
    }

    /// The state of one `SchemaRecorder.schema(for:)` call. Used by one thread for the length of that call,
    /// so it is a plain class and deliberately not `Sendable`.
    fileprivate final class RecordingSession {
        /// Nested generic types can grow without bound (`Box<Box<…>>` by polymorphic recursion), so depth is
        /// capped as well as direct recursion being cut.
        private static let maximumDepth = 32
        private var depth = 0
        private var typesBeingDecoded: Set<ObjectIdentifier> = []

        func record<T: Decodable>(_ type: T.Type, codingPath: [any CodingKey]) -> Recorded<T> {
            guard depth < Self.maximumDepth else { return Recorded(schema: .object([:]), placeholder: nil) }
            depth += 1
            defer { depth -= 1 }

            if let describing = type as? any SchemaDescribing.Type {
                return Recorded(schema: describing.jsonSchema, placeholder: describing.schemaPlaceholder as? T)
            }
            if let known = KnownTypes.entry(for: type) {
                return Recorded(schema: known.schema, placeholder: known.placeholder as? T)
            }
            if let optional = type as? any OptionalSchema.Type {
                let schema = SchemaRecorder.nullable(schemaOf(optional.schemaWrappedType, codingPath))
                return Recorded(schema: schema, placeholder: optional.none as? T)
            }
            if let sequence = type as? any SequenceSchema.Type {
                var keywords: [String: JSONValue] = [
                    "type": .string("array"), "items": schemaOf(sequence.schemaElementType, codingPath),
                ]
                if sequence.schemaHasUniqueElements { keywords["uniqueItems"] = .bool(true) }
                return Recorded(schema: .object(keywords), placeholder: sequence.schemaEmptyValue as? T)
            }
            if let dictionary = type as? any StringKeyedDictionarySchema.Type {
                let schema = JSONValue.object([
                    "type": .string("object"), "additionalProperties": schemaOf(dictionary.schemaValueType, codingPath),
                ])
                return Recorded(schema: schema, placeholder: dictionary.schemaEmptyValue as? T)
            }
            if let vocabulary = type as? any Vocabulary.Type {
                let (schema, firstCase) = Self.enumeration(vocabulary)
                return Recorded(schema: schema, placeholder: firstCase as? T)
            }
            return recordByDecoding(type, codingPath: codingPath)
        }

        private func schemaOf<T: Decodable>(_ type: T.Type, _ codingPath: [any CodingKey]) -> JSONValue {
            record(type, codingPath: codingPath).schema
        }

        /// Vocabularies decode from their raw value, so the schema is the list of raw values in case order,
        /// and the first case lets decoding carry on.
        private static func enumeration<V: Vocabulary>(_ type: V.Type) -> (JSONValue, V?) {
            let schema = JSONValue.object(["type": .string("string"), "enum": .array(type.rawValues.map(JSONValue.string))])
            return (schema, type.allCases.first)
        }

        private func recordByDecoding<T: Decodable>(_ type: T.Type, codingPath: [any CodingKey]) -> Recorded<T> {
            // A type that contains itself would otherwise be recorded forever; its inner occurrence is left open.
            let identifier = ObjectIdentifier(type)
            guard typesBeingDecoded.insert(identifier).inserted else { return Recorded(schema: .object([:]), placeholder: nil) }
            defer { typesBeingDecoded.remove(identifier) }

            let node = SchemaNode()
            do {
                let value = try T(from: RecordingDecoder(session: self, node: node, codingPath: codingPath))
                return Recorded(schema: node.schema, placeholder: value)
            } catch {
                // A partial recording would claim a shape the type may not have; `{}` claims nothing.
                return Recorded(schema: .object([:]), placeholder: nil)
            }
        }
    }

    /// A schema known now, or one still being filled in by a nested container.
    fileprivate enum PendingSchema {
        case known(JSONValue)
        case nested(SchemaNode)

        var resolved: JSONValue {
            switch self {
                case .known(let schema): schema
                case .nested(let node): node.schema
            }
        }
    }

    /// What was asked of one decoder: keys (an object), elements (an array) or a single value. A decoder can
    /// be asked in more than one way; each way is then one alternative of an `anyOf`.
    fileprivate final class SchemaNode {
        private var wasReadAsObject = false
        private var properties: [String: PendingSchema] = [:]
        private var requiredKeys: Set<String> = []
        private var nullCheckedKeys: Set<String> = []

        private var wasReadAsArray = false
        private var items: [PendingSchema] = []
        private var itemsMayBeNull = false

        private var singleValueSchemas: [JSONValue] = []
        private var mayBeNull = false

        func readAsObject() { wasReadAsObject = true }
        func readAsArray() { wasReadAsArray = true }

        func recordProperty(_ key: String, _ schema: PendingSchema, required: Bool) {
            properties[key] = schema
            if required { requiredKeys.insert(key) }
        }

        /// Asking whether a key holds `null` means `null` is an accepted value there.
        func recordNullCheck(forKey key: String) { nullCheckedKeys.insert(key) }
        func recordItem(_ schema: PendingSchema) { items.append(schema) }
        func recordItemNullCheck() { itemsMayBeNull = true }
        func recordSingleValue(_ schema: JSONValue) { singleValueSchemas.append(schema) }
        func recordNullCheck() { mayBeNull = true }

        var schema: JSONValue {
            var alternatives: [JSONValue] = []
            if wasReadAsObject {
                var propertySchemas: [String: JSONValue] = [:]
                for (key, pending) in properties {
                    let schema = pending.resolved
                    propertySchemas[key] = nullCheckedKeys.contains(key) ? SchemaRecorder.nullable(schema) : schema
                }
                alternatives.append(SchemaRecorder.objectSchema(properties: propertySchemas, required: requiredKeys))
            }
            if wasReadAsArray {
                var keywords: [String: JSONValue] = ["type": .string("array")]
                let itemSchemas = Self.distinct(items.map(\.resolved))
                if !itemSchemas.isEmpty || itemsMayBeNull {
                    let itemSchema = itemSchemas.count == 1 ? itemSchemas[0] : Self.anyOf(itemSchemas)
                    keywords["items"] = itemsMayBeNull ? SchemaRecorder.nullable(itemSchema) : itemSchema
                }
                alternatives.append(.object(keywords))
            }
            alternatives.append(contentsOf: singleValueSchemas)
            alternatives = Self.distinct(alternatives)
            let schema: JSONValue = alternatives.count == 1 ? alternatives[0] : Self.anyOf(alternatives)
            return mayBeNull ? SchemaRecorder.nullable(schema) : schema
        }

        /// `{}` for none: a decoder that was asked nothing accepts anything.
        private static func anyOf(_ schemas: [JSONValue]) -> JSONValue {
            schemas.isEmpty ? .object([:]) : .object(["anyOf": .array(schemas)])
        }

        private static func distinct(_ schemas: [JSONValue]) -> [JSONValue] {
            var seen: Set<JSONValue> = []
            return schemas.filter { seen.insert($0).inserted }
        }
    }

    fileprivate struct IndexKey: CodingKey {
        let intValue: Int?
        let stringValue: String

        init(_ index: Int) {
            intValue = index
            stringValue = "Index \(index)"
        }

        init?(intValue: Int) { self.init(intValue) }
        init?(stringValue: String) { nil }
    }

    fileprivate struct SuperKey: CodingKey {
        let stringValue = "super"
        let intValue: Int? = nil

        init() {}
        init?(stringValue: String) { nil }
        init?(intValue: Int) { nil }
    }

    fileprivate struct RecordingDecoder: Decoder {
        let session: RecordingSession
        let node: SchemaNode
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            node.readAsObject()
            return KeyedDecodingContainer(RecordingKeyedContainer<Key>(session: session, node: node, codingPath: codingPath))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            node.readAsArray()
            return RecordingUnkeyedContainer(session: session, node: node, codingPath: codingPath)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            RecordingSingleValueContainer(session: session, node: node, codingPath: codingPath)
        }
    }

    fileprivate struct RecordingKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let session: RecordingSession
        let node: SchemaNode
        let codingPath: [any CodingKey]

        /// Unknown: the recorder has no input, and listing no keys keeps key-driven decoders finite.
        var allKeys: [Key] { [] }

        /// Every key is "present", so code that checks before it decodes still reaches the decode.
        func contains(_ key: Key) -> Bool { true }

        func decodeNil(forKey key: Key) throws -> Bool {
            node.recordNullCheck(forKey: key.stringValue)
            return false
        }

        private func recordRequired<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let recorded = session.record(type, codingPath: codingPath + [key])
            node.recordProperty(key.stringValue, .known(recorded.schema), required: true)
            return try recorded.requirePlaceholder(at: codingPath + [key])
        }

        private func recordOptional<T: Decodable>(_ type: T.Type, forKey key: Key) -> T? {
            let schema = session.record(type, codingPath: codingPath + [key]).schema
            node.recordProperty(key.stringValue, .known(SchemaRecorder.nullable(schema)), required: false)
            // Absent is always a valid answer, and needs no placeholder.
            return nil
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try recordRequired(type, forKey: key) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try recordRequired(type, forKey: key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try recordRequired(type, forKey: key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try recordRequired(type, forKey: key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try recordRequired(type, forKey: key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try recordRequired(type, forKey: key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try recordRequired(type, forKey: key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try recordRequired(type, forKey: key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try recordRequired(type, forKey: key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try recordRequired(type, forKey: key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try recordRequired(type, forKey: key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try recordRequired(type, forKey: key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try recordRequired(type, forKey: key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try recordRequired(type, forKey: key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try recordRequired(type, forKey: key) }

        // The protocol's default `decodeIfPresent` would call `decode`, which records a required property,
        // so every overload is answered here.
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { recordOptional(type, forKey: key) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { recordOptional(type, forKey: key) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { recordOptional(type, forKey: key) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { recordOptional(type, forKey: key) }
        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { recordOptional(type, forKey: key) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { recordOptional(type, forKey: key) }
        func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { recordOptional(type, forKey: key) }
        func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { recordOptional(type, forKey: key) }
        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { recordOptional(type, forKey: key) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { recordOptional(type, forKey: key) }
        func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { recordOptional(type, forKey: key) }
        func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { recordOptional(type, forKey: key) }
        func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { recordOptional(type, forKey: key) }
        func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { recordOptional(type, forKey: key) }
        func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { recordOptional(type, forKey: key) }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type, forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            try nestedDecoder(forKey: key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try nestedDecoder(forKey: key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { nestedDecoder(forKey: SuperKey()) }
        func superDecoder(forKey key: Key) throws -> any Decoder { nestedDecoder(forKey: key) }

        private func nestedDecoder(forKey key: some CodingKey) -> RecordingDecoder {
            let child = SchemaNode()
            node.recordProperty(key.stringValue, .nested(child), required: true)
            return RecordingDecoder(session: session, node: child, codingPath: codingPath + [key])
        }
    }

    fileprivate struct RecordingUnkeyedContainer: UnkeyedDecodingContainer {
        let session: RecordingSession
        let node: SchemaNode
        let codingPath: [any CodingKey]
        private(set) var currentIndex = 0

        init(session: RecordingSession, node: SchemaNode, codingPath: [any CodingKey]) {
            self.session = session
            self.node = node
            self.codingPath = codingPath
        }

        var count: Int? { nil }
        /// One element is enough to learn the element type; ending after it keeps `while !isAtEnd` loops finite.
        var isAtEnd: Bool { currentIndex > 0 }

        mutating func decodeNil() throws -> Bool {
            node.recordItemNullCheck()
            return false
        }

        private mutating func recordElement<T: Decodable>(_ type: T.Type) throws -> T {
            let path = codingPath + [IndexKey(currentIndex)]
            let recorded = session.record(type, codingPath: path)
            node.recordItem(.known(recorded.schema))
            currentIndex += 1
            return try recorded.requirePlaceholder(at: path)
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try recordElement(type) }
        mutating func decode(_ type: Bool.Type) throws -> Bool { try recordElement(type) }
        mutating func decode(_ type: String.Type) throws -> String { try recordElement(type) }
        mutating func decode(_ type: Double.Type) throws -> Double { try recordElement(type) }
        mutating func decode(_ type: Float.Type) throws -> Float { try recordElement(type) }
        mutating func decode(_ type: Int.Type) throws -> Int { try recordElement(type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try recordElement(type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try recordElement(type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try recordElement(type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try recordElement(type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try recordElement(type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try recordElement(type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try recordElement(type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try recordElement(type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try recordElement(type) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try nestedDecoder().container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try nestedDecoder().unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder { nestedDecoder() }

        private mutating func nestedDecoder() -> RecordingDecoder {
            let child = SchemaNode()
            node.recordItem(.nested(child))
            defer { currentIndex += 1 }
            return RecordingDecoder(session: session, node: child, codingPath: codingPath + [IndexKey(currentIndex)])
        }
    }

    fileprivate struct RecordingSingleValueContainer: SingleValueDecodingContainer {
        let session: RecordingSession
        let node: SchemaNode
        let codingPath: [any CodingKey]

        func decodeNil() -> Bool {
            node.recordNullCheck()
            return false
        }

        private func recordValue<T: Decodable>(_ type: T.Type) throws -> T {
            let recorded = session.record(type, codingPath: codingPath)
            node.recordSingleValue(recorded.schema)
            return try recorded.requirePlaceholder(at: codingPath)
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T { try recordValue(type) }
        func decode(_ type: Bool.Type) throws -> Bool { try recordValue(type) }
        func decode(_ type: String.Type) throws -> String { try recordValue(type) }
        func decode(_ type: Double.Type) throws -> Double { try recordValue(type) }
        func decode(_ type: Float.Type) throws -> Float { try recordValue(type) }
        func decode(_ type: Int.Type) throws -> Int { try recordValue(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try recordValue(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try recordValue(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try recordValue(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try recordValue(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try recordValue(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try recordValue(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try recordValue(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try recordValue(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try recordValue(type) }
    }
}

// MARK: - Collections

// Conformances to the recorder's private protocols, so a cast can find the element type of any collection.
extension Optional: SchemaRecorder.OptionalSchema where Wrapped: Decodable {
    fileprivate static var schemaWrappedType: any Decodable.Type { Wrapped.self }
}

extension Array: SchemaRecorder.SequenceSchema where Element: Decodable {
    fileprivate static var schemaElementType: any Decodable.Type { Element.self }
    fileprivate static var schemaHasUniqueElements: Bool { false }
    fileprivate static var schemaEmptyValue: Self { [] }
}

extension Set: SchemaRecorder.SequenceSchema where Element: Decodable {
    fileprivate static var schemaElementType: any Decodable.Type { Element.self }
    fileprivate static var schemaHasUniqueElements: Bool { true }
    fileprivate static var schemaEmptyValue: Self { [] }
}

extension Dictionary: SchemaRecorder.StringKeyedDictionarySchema where Key == String, Value: Decodable {
    fileprivate static var schemaValueType: any Decodable.Type { Value.self }
    fileprivate static var schemaEmptyValue: Self { [:] }
}
