import Foundation
import MCP

/// A tool call's arguments, checked against the tool's parameters before the tool runs: unknown
/// names, wrong types, values out of range and missing required arguments are refused, each with a
/// message naming the argument, so a bad call never reaches the engines.
struct ToolArguments: Sendable {
    private let values: [String: Value]

    init(_ supplied: [String: Value]?, parameters: [ToolParameter]) throws(ToolFailure) {
        let declared = Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0) })
        var values: [String: Value] = [:]
        for (name, value) in supplied ?? [:] {
            guard let parameter = declared[name] else {
                let known = parameters.map(\.name).sorted()
                throw .invalid(name, known.isEmpty ? "is not accepted: this tool takes no arguments" : "is not accepted; the arguments are \(known.joined(separator: ", "))")
            }
            // Assistants send null for "not given"; treat it so.
            if value.isNull { continue }
            values[name] = try Self.checked(value, against: parameter)
        }
        for parameter in parameters where parameter.required && values[parameter.name] == nil {
            throw .invalid(parameter.name, "is required")
        }
        self.values = values
    }

    func text(_ name: String) -> String? { values[name]?.stringValue }

    func integer(_ name: String, default fallback: Int) -> Int { values[name]?.intValue ?? fallback }

    func number(_ name: String) -> Double? { values[name].flatMap(Self.double) }

    func texts(_ name: String) -> [String] { values[name]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// A structured argument decoded into `type`; a shape that does not decode is the argument's fault.
    func decoded<T: Decodable>(_ name: String, as type: T.Type) throws(ToolFailure) -> T? {
        guard let value = values[name] else { return nil }
        do {
            return try JSONDecoder.api.decode(T.self, from: try JSONEncoder().encode(value))
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalid(Self.path(name, context.codingPath + [key]), "is required")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw .invalid(Self.path(name, context.codingPath), "has the wrong type: \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            throw .invalid(Self.path(name, context.codingPath), "is not valid: \(context.debugDescription)")
        } catch {
            throw .invalid(name, "could not be read")
        }
    }

    private static func path(_ name: String, _ codingPath: [any CodingKey]) -> String {
        codingPath.reduce(name) { path, key in key.intValue.map { "\(path)[\($0)]" } ?? "\(path).\(key.stringValue)" }
    }

    private static func double(_ value: Value) -> Double? {
        switch value {
            case .int(let number): Double(number)
            case .double(let number): number
            case .string(let text): Double(text.trimmingCharacters(in: .whitespaces))
            default: nil
        }
    }

    private static func checked(_ value: Value, against parameter: ToolParameter) throws(ToolFailure) -> Value {
        let name = parameter.name
        switch parameter.kind {
            case .text(let maxLength, let choices):
                guard let text = value.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) else { throw .invalid(name, "must be a string") }
                if parameter.required, text.isEmpty { throw .invalid(name, "must not be empty") }
                guard text.count <= maxLength else { throw .invalid(name, "must be at most \(maxLength) characters") }
                if let choices, !choices.contains(text) { throw .invalid(name, "must be one of \(choices.joined(separator: ", "))") }
                return .string(text)
            case .integer(let range):
                // Some assistants send numbers as strings; the value, not its spelling, is what is checked.
                guard let number = double(value), number.rounded() == number, let whole = Int(exactly: number), range.contains(whole) else {
                    throw .invalid(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
                }
                return .int(whole)
            case .number(let range):
                guard let number = double(value), number.isFinite, range.contains(number) else {
                    throw .invalid(name, "must be a number from \(range.lowerBound) to \(range.upperBound)")
                }
                return .double(number)
            case .texts(let choices, let maxCount):
                guard let items = value.arrayValue else { throw .invalid(name, "must be an array of strings") }
                guard items.count <= maxCount else { throw .invalid(name, "may hold at most \(maxCount) items") }
                var texts: [Value] = []
                for (index, item) in items.enumerated() {
                    guard let text = item.stringValue else { throw .invalid("\(name)[\(index)]", "must be a string") }
                    if let choices, !choices.contains(text) { throw .invalid("\(name)[\(index)]", "must be one of \(choices.joined(separator: ", "))") }
                    texts.append(.string(text))
                }
                return .array(texts)
            case .structured(let schema):
                if schema.objectValue?["type"] == "array" {
                    guard value.arrayValue != nil else { throw .invalid(name, "must be an array") }
                } else {
                    guard value.objectValue != nil else { throw .invalid(name, "must be an object") }
                }
                return value
        }
    }
}
