import Foundation
import MCP

/// One argument of a tool: its JSON schema (what the assistant reads) and the checks its value must
/// pass (what `ToolArguments` enforces), declared once so the two cannot disagree.
struct ToolParameter: Sendable {
    enum Kind: Sendable {
        case text(maxLength: Int, choices: [String]?)
        case integer(ClosedRange<Int>)
        case number(ClosedRange<Double>)
        case texts(choices: [String]?, maxCount: Int)
        /// A JSON object or array (as `schema` says) whose shape the tool decodes and checks itself.
        case structured(Value)
    }

    var name: String
    var description: String
    var kind: Kind
    var required: Bool

    static func text(_ name: String, _ description: String, required: Bool = false, maxLength: Int = 200, choices: [String]? = nil) -> ToolParameter {
        ToolParameter(name: name, description: description, kind: .text(maxLength: maxLength, choices: choices), required: required)
    }

    static func integer(_ name: String, _ description: String, _ range: ClosedRange<Int>) -> ToolParameter {
        ToolParameter(name: name, description: description, kind: .integer(range), required: false)
    }

    static func number(_ name: String, _ description: String, _ range: ClosedRange<Double>) -> ToolParameter {
        ToolParameter(name: name, description: description, kind: .number(range), required: false)
    }

    static func texts(_ name: String, _ description: String, choices: [String]? = nil, maxCount: Int = 50) -> ToolParameter {
        ToolParameter(name: name, description: description, kind: .texts(choices: choices, maxCount: maxCount), required: false)
    }

    static func structured(_ name: String, _ description: String, schema: Value) -> ToolParameter {
        ToolParameter(name: name, description: description, kind: .structured(schema), required: false)
    }

    var schema: Value {
        var schema: [String: Value] = ["description": .string(description)]
        switch kind {
            case .text(let maxLength, let choices):
                schema["type"] = "string"
                schema["maxLength"] = .int(maxLength)
                if let choices { schema["enum"] = .array(choices.map(Value.string)) }
            case .integer(let range):
                schema["type"] = "integer"
                schema["minimum"] = .int(range.lowerBound)
                schema["maximum"] = .int(range.upperBound)
            case .number(let range):
                schema["type"] = "number"
                schema["minimum"] = .double(range.lowerBound)
                schema["maximum"] = .double(range.upperBound)
            case .texts(let choices, let maxCount):
                var items: [String: Value] = ["type": "string"]
                if let choices { items["enum"] = .array(choices.map(Value.string)) }
                schema["type"] = "array"
                schema["items"] = .object(items)
                schema["maxItems"] = .int(maxCount)
            case .structured(let shape):
                guard case .object(let fields) = shape else { break }
                schema.merge(fields) { described, _ in described }
        }
        return .object(schema)
    }

    /// The input schema of a tool taking `parameters`: nothing else is accepted.
    static func inputSchema(_ parameters: [ToolParameter]) -> Value {
        .object([
            "type": "object",
            "properties": .object(Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.schema) })),
            "required": .array(parameters.filter(\.required).map { .string($0.name) }),
            "additionalProperties": false,
        ])
    }
}
