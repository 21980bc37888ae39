import Foundation
import LodestarCore
import MCP

/// A tool an assistant may call: its contract (name, description, parameters) and what it does.
/// The work is a plain function of checked arguments and a session, shared by every transport.
struct AssistantTool: Sendable {
    var name: String
    var title: String
    var description: String
    var parameters: [ToolParameter] = []
    /// Reads only: assistants may call it without asking the person first.
    var readOnly = true
    var run: @Sendable (ToolArguments, Caller, AssistantSession) async throws -> ToolAnswer

    var definition: Tool {
        Tool(
            name: name, title: title, description: description, inputSchema: ToolParameter.inputSchema(parameters),
            annotations: .init(title: title, readOnlyHint: readOnly, destructiveHint: readOnly ? nil : false, idempotentHint: readOnly, openWorldHint: false))
    }
}

/// What a tool answers: a short account in words, the full structured answer, and the record it
/// concerned (for the audit trail).
struct ToolAnswer: Sendable {
    var summary: String
    var value: Value
    var subjectID: UUID?

    init(summary: String, value: some Encodable, subjectID: UUID? = nil) throws {
        self.summary = summary
        // The API's encoder, so dates and days read exactly as the JSON API writes them.
        self.value = try JSONDecoder().decode(Value.self, from: JSONEncoder.api.encode(value))
        self.subjectID = subjectID
    }
}
