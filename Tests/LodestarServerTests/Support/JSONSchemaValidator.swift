import Foundation
import LodestarCore

/// Checks JSON values against the subset of JSON Schema 2020-12 that the recorded schemas and the
/// OpenAPI document use, so tests can prove that what the API sends is what the document promises.
///
/// A keyword outside that subset is reported as an error rather than skipped, so a schema that uses one
/// (or misspells one) cannot pass without being checked.
struct JSONSchemaValidator {
    /// The document `$ref`s are resolved in, e.g. the whole OpenAPI document.
    let document: JSONValue

    init(document: JSONValue = .object([:])) {
        self.document = document
    }

    /// Every way `value` breaks `schema`, each message starting with the JSON path of the offending value
    /// (`$.items[3].status: 'foo' is not one of […]`). Empty when the value is valid.
    func errors(in value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        errors(in: value, against: schema, at: path, depth: 0)
    }

    // A `$ref` cycle that consumes no input (`A: {$ref: A}`) would otherwise never end.
    private static let maximumDepth = 200

    private static let validationKeywords: Set<String> = [
        "$ref", "type", "enum", "const", "properties", "required", "additionalProperties", "items",
        "minItems", "maxItems", "uniqueItems", "format", "pattern", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "anyOf", "oneOf", "allOf", "not",
    ]

    // Keywords that describe without constraining.
    private static let annotationKeywords: Set<String> = [
        "title", "description", "default", "examples", "example", "deprecated", "readOnly", "writeOnly",
        "discriminator", "xml", "externalDocs", "$comment", "$schema", "$id", "contentMediaType", "contentEncoding",
    ]

    private func errors(in value: JSONValue, against schema: JSONValue, at path: String, depth: Int) -> [String] {
        guard depth < Self.maximumDepth else { return ["\(path): schema nesting too deep (a $ref cycle?)"] }
        let keywords: [String: JSONValue]
        switch schema {
            case .bool(true): return []
            case .bool(false): return ["\(path): no value is allowed here"]
            case .object(let object): keywords = object
            default: return ["\(path): schema is not an object or boolean: \(schema.jsonText)"]
        }

        var problems: [String] = []
        for keyword in keywords.keys.sorted()
        where !Self.validationKeywords.contains(keyword) && !Self.annotationKeywords.contains(keyword) && !keyword.hasPrefix("x-") {
            problems.append("\(path): unsupported schema keyword '\(keyword)'")
        }

        if case .string(let reference)? = keywords["$ref"] {
            if let target = resolve(reference) {
                problems += errors(in: value, against: target, at: path, depth: depth + 1)
            } else {
                problems.append("\(path): cannot resolve $ref '\(reference)'")
            }
        }

        if let typeProblem = typeError(value, keywords["type"], at: path) {
            // Other keywords would only repeat the mismatch in other words.
            return problems + [typeProblem]
        }

        if case .array(let allowed)? = keywords["enum"], !allowed.contains(value) {
            problems.append("\(path): \(Self.describe(value)) is not one of \(JSONValue.array(allowed).jsonText)")
        }
        if let constant = keywords["const"], constant != value {
            problems.append("\(path): \(Self.describe(value)) is not \(constant.jsonText)")
        }

        switch value {
            case .object(let object): problems += objectErrors(object, keywords, at: path, depth: depth)
            case .array(let elements): problems += arrayErrors(elements, keywords, at: path, depth: depth)
            case .string(let text): problems += stringErrors(text, keywords, at: path)
            case .number(let number): problems += numberErrors(number, keywords, at: path)
            case .null, .bool: break
        }

        problems += combinationErrors(value, keywords, at: path, depth: depth)
        return problems
    }

    // MARK: Types

    private func typeError(_ value: JSONValue, _ type: JSONValue?, at path: String) -> String? {
        let names: [String]
        switch type {
            case nil: return nil
            case .string(let name)?: names = [name]
            case .array(let list)?: names = list.compactMap(\.stringValue)
            case let other?: return "\(path): schema 'type' is neither a name nor a list: \(other.jsonText)"
        }
        let known: Set<String> = ["null", "boolean", "object", "array", "number", "string", "integer"]
        if let unknown = names.first(where: { !known.contains($0) }) {
            return "\(path): schema names unknown type '\(unknown)'"
        }
        if names.contains(where: { Self.value(value, hasType: $0) }) { return nil }
        return "\(path): expected \(names.joined(separator: " or ")), got \(Self.typeName(of: value)) \(Self.describe(value))"
    }

    private static func value(_ value: JSONValue, hasType name: String) -> Bool {
        switch (name, value) {
            case ("null", .null), ("boolean", .bool), ("object", .object), ("array", .array),
                 ("string", .string), ("number", .number):
                return true
            case ("integer", .number(let number)):
                // JSON has one number type: 3.0 is an integer, 3.5 is not.
                return number.isFinite && number == number.rounded()
            default:
                return false
        }
    }

    private static func typeName(of value: JSONValue) -> String {
        switch value {
            case .null: "null"
            case .bool: "boolean"
            case .number: "number"
            case .string: "string"
            case .array: "array"
            case .object: "object"
        }
    }

    // MARK: Objects and arrays

    private func objectErrors(
        _ object: [String: JSONValue], _ keywords: [String: JSONValue], at path: String, depth: Int
    ) -> [String] {
        var problems: [String] = []
        let properties = keywords["properties"]?.objectValue ?? [:]
        if case .array(let required)? = keywords["required"] {
            for name in required.compactMap(\.stringValue) where object[name] == nil {
                problems.append("\(Self.path(path, key: name)): required property is missing")
            }
        }
        for (key, member) in object.sorted(by: { $0.key < $1.key }) {
            let memberPath = Self.path(path, key: key)
            if let propertySchema = properties[key] {
                problems += errors(in: member, against: propertySchema, at: memberPath, depth: depth + 1)
            } else if let additional = keywords["additionalProperties"] {
                if additional == .bool(false) {
                    problems.append("\(memberPath): property is not allowed")
                } else {
                    problems += errors(in: member, against: additional, at: memberPath, depth: depth + 1)
                }
            }
        }
        return problems
    }

    private func arrayErrors(_ elements: [JSONValue], _ keywords: [String: JSONValue], at path: String, depth: Int) -> [String] {
        var problems: [String] = []
        if let minimum = keywords["minItems"]?.numberValue, Double(elements.count) < minimum {
            problems.append("\(path): has \(elements.count) items, fewer than \(minimum.plainText)")
        }
        if let maximum = keywords["maxItems"]?.numberValue, Double(elements.count) > maximum {
            problems.append("\(path): has \(elements.count) items, more than \(maximum.plainText)")
        }
        if keywords["uniqueItems"] == .bool(true) {
            for (index, element) in elements.enumerated() where elements[..<index].contains(element) {
                problems.append("\(path)[\(index)]: repeats an earlier item")
            }
        }
        if let itemSchema = keywords["items"] {
            for (index, element) in elements.enumerated() {
                problems += errors(in: element, against: itemSchema, at: "\(path)[\(index)]", depth: depth + 1)
            }
        }
        return problems
    }

    // MARK: Strings and numbers

    private func stringErrors(_ text: String, _ keywords: [String: JSONValue], at path: String) -> [String] {
        var problems: [String] = []
        // JSON Schema counts characters as code points.
        let length = text.unicodeScalars.count
        if let minimum = keywords["minLength"]?.numberValue, Double(length) < minimum {
            problems.append("\(path): \(Self.describe(.string(text))) is shorter than \(minimum.plainText) characters")
        }
        if let maximum = keywords["maxLength"]?.numberValue, Double(length) > maximum {
            problems.append("\(path): \(Self.describe(.string(text))) is longer than \(maximum.plainText) characters")
        }
        if case .string(let pattern)? = keywords["pattern"] {
            if let expression = try? NSRegularExpression(pattern: pattern) {
                let range = NSRange(text.startIndex..., in: text)
                // Unanchored, as JSON Schema specifies: the pattern carries its own ^ and $.
                if expression.firstMatch(in: text, range: range) == nil {
                    problems.append("\(path): \(Self.describe(.string(text))) does not match pattern \(pattern)")
                }
            } else {
                problems.append("\(path): schema pattern \(pattern) is not a valid regular expression")
            }
        }
        if case .string(let format)? = keywords["format"], let isValid = Self.formatCheck(format), !isValid(text) {
            problems.append("\(path): \(Self.describe(.string(text))) is not a valid \(format)")
        }
        return problems
    }

    /// Only the formats the API uses are checked; others are annotations, as JSON Schema allows.
    private static func formatCheck(_ format: String) -> ((String) -> Bool)? {
        switch format {
            case "uuid": { matches($0, "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$") }
            case "date": { Day($0) != nil }
            case "date-time": isDateTime
            default: nil
        }
    }

    /// RFC 3339 `date-time`: a real calendar date, a time, and an explicit offset.
    private static func isDateTime(_ text: String) -> Bool {
        let shape = "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?([Zz]|[+-]([0-9]{2}):([0-9]{2}))$"
        guard matches(text, shape), Day(text.prefix(10)) != nil else { return false }
        let digits = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        // digits: year, month, day, hour, minute, second, then fraction and offset parts.
        guard digits.count >= 6 else { return false }
        return digits[3] < 24 && digits[4] < 60 && digits[5] <= 60
    }

    private static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    private func numberErrors(_ number: Double, _ keywords: [String: JSONValue], at path: String) -> [String] {
        var problems: [String] = []
        let shown = number.plainText
        if let minimum = keywords["minimum"]?.numberValue, number < minimum {
            problems.append("\(path): \(shown) is less than the minimum \(minimum.plainText)")
        }
        if let maximum = keywords["maximum"]?.numberValue, number > maximum {
            problems.append("\(path): \(shown) is more than the maximum \(maximum.plainText)")
        }
        if let bound = keywords["exclusiveMinimum"]?.numberValue, number <= bound {
            problems.append("\(path): \(shown) is not more than \(bound.plainText)")
        }
        if let bound = keywords["exclusiveMaximum"]?.numberValue, number >= bound {
            problems.append("\(path): \(shown) is not less than \(bound.plainText)")
        }
        if let divisor = keywords["multipleOf"]?.numberValue, divisor > 0 {
            let quotient = number / divisor
            if abs(quotient - quotient.rounded()) > 1e-9 {
                problems.append("\(path): \(shown) is not a multiple of \(divisor.plainText)")
            }
        }
        return problems
    }

    // MARK: Combinations

    private func combinationErrors(_ value: JSONValue, _ keywords: [String: JSONValue], at path: String, depth: Int) -> [String] {
        var problems: [String] = []
        if case .array(let schemas)? = keywords["allOf"] {
            for schema in schemas { problems += errors(in: value, against: schema, at: path, depth: depth + 1) }
        }
        if case .array(let schemas)? = keywords["anyOf"] {
            let failures = schemas.map { errors(in: value, against: $0, at: path, depth: depth + 1) }
            if !failures.contains(where: \.isEmpty) {
                problems.append("\(path): matches none of the anyOf schemas (\(Self.summarise(failures)))")
            }
        }
        if case .array(let schemas)? = keywords["oneOf"] {
            let failures = schemas.map { errors(in: value, against: $0, at: path, depth: depth + 1) }
            let matching = failures.filter(\.isEmpty).count
            if matching == 0 {
                problems.append("\(path): matches none of the oneOf schemas (\(Self.summarise(failures)))")
            } else if matching > 1 {
                problems.append("\(path): matches \(matching) of the oneOf schemas; exactly one is allowed")
            }
        }
        if let excluded = keywords["not"], errors(in: value, against: excluded, at: path, depth: depth + 1).isEmpty {
            problems.append("\(path): matches a schema it must not match: \(excluded.jsonText)")
        }
        return problems
    }

    private static func summarise(_ failures: [[String]]) -> String {
        failures.enumerated().map { "option \($0.offset + 1): \($0.element.joined(separator: "; "))" }.joined(separator: " | ")
    }

    // MARK: References

    /// Resolves a local JSON Pointer reference (`#/components/schemas/Name`) within `document`.
    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        let pointer = reference.dropFirst()
        guard !pointer.isEmpty else { return document }
        guard pointer.hasPrefix("/") else { return nil }
        var current = document
        for rawToken in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let decoded = String(rawToken).removingPercentEncoding ?? String(rawToken)
            let token = decoded.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch current {
                case .object(let object):
                    guard let next = object[token] else { return nil }
                    current = next
                case .array(let elements):
                    guard let index = Int(token), elements.indices.contains(index) else { return nil }
                    current = elements[index]
                default:
                    return nil
            }
        }
        return current
    }

    // MARK: Messages

    private static func path(_ base: String, key: String) -> String {
        let isIdentifier = key.range(of: "^[A-Za-z_$][A-Za-z0-9_$]*$", options: .regularExpression) != nil
        return isIdentifier ? "\(base).\(key)" : "\(base)[\(JSONValue.string(key).jsonText)]"
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
            case .string(let text): text.count > 60 ? "'\(text.prefix(57))…'" : "'\(text)'"
            case .number(let number): number.plainText
            default: value.jsonText
        }
    }
}
