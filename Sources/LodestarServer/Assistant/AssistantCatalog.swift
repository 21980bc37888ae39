import Foundation
import LodestarCore
import MCP
import Vapor

/// Every tool an assistant may call, and the one way a call runs: authenticate, check the
/// arguments, run as the caller's role, audit, and answer in words and as structured JSON.
enum AssistantCatalog {
    static let tools: [AssistantTool] = ExecutiveQuestionTools.tools + [
        PortfolioSearch.tool, InitiativePicture.tool, DecisionsWaiting.tool, WhatIfScenario.tool,
        StatusUpdateTools.draftTool, StatusUpdateTools.saveTool,
    ]

    private static let byName = Dictionary(uniqueKeysWithValues: tools.map { ($0.name, $0) })

    static let auditEntity = "assistant-tools"

    /// Runs tool `name`. An unknown tool is a protocol error; everything else that goes wrong is a
    /// result marked `isError` whose text says what and why, so the assistant can tell the person or retry.
    static func call(_ name: String, arguments: [String: Value]?, session: AssistantSession) async throws -> CallTool.Result {
        guard let tool = byName[name] else {
            throw MCPError.invalidParams("Unknown tool '\(name)'. The tools are: \(tools.map(\.name).joined(separator: ", ")).")
        }
        let caller: Caller
        do {
            caller = try await session.caller()
        } catch let failure as ToolFailure {
            return result(failure)
        }
        do {
            let checked = try ToolArguments(arguments, parameters: tool.parameters)
            let answer = try await tool.run(checked, caller, session)
            try await audit(tool: name, arguments: arguments, outcome: "answered", subject: answer.subjectID, caller: caller, session: session)
            return try CallTool.Result(
                content: [.text(text: answer.summary, annotations: nil, _meta: nil), .text(text: jsonText(answer.value), annotations: nil, _meta: nil)],
                structuredContent: answer.value, isError: false)
        } catch {
            let failure = self.failure(error, session: session)
            try await audit(tool: name, arguments: arguments, outcome: failure.kind.rawValue, subject: nil, caller: caller, session: session)
            return result(failure)
        }
    }

    static func failure(_ error: any Error, session: AssistantSession) -> ToolFailure {
        switch error {
            case let failure as ToolFailure: return failure
            case let problem as Problem: return ToolFailure(problem)
            default:
                session.application.logger.report(error: error)
                return ToolFailure(kind: .failed, message: "Lodestar could not answer because of an internal error; it is logged on the server.")
        }
    }

    static func result(_ failure: ToolFailure) -> CallTool.Result {
        let heading = switch failure.kind {
            case .invalidArgument: "Invalid arguments"
            case .forbidden: "Not allowed"
            case .notFound: "Not found"
            case .conflict: "Conflict"
            case .unauthenticated: "Not signed in"
            case .failed: "Failed"
        }
        var error: [String: Value] = ["kind": .string(failure.kind.rawValue), "message": .string(failure.message)]
        if let argument = failure.argument { error["argument"] = .string(argument) }
        return CallTool.Result(
            content: [.text(text: "\(heading): \(failure.message)", annotations: nil, _meta: nil)],
            structuredContent: .object(["error": .object(error)]), isError: true)
    }

    /// Every call is recorded, answered or refused: who asked which tool what, over which transport.
    static func audit(
        tool: String, arguments: [String: Value]?, outcome: String, subject: UUID?, caller: Caller, session: AssistantSession
    ) async throws {
        let asked = (try? JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(arguments ?? [:]))) ?? .object([:])
        try await AuditLog.record(
            .invoke, entity: auditEntity, id: subject ?? caller.userID, before: nil,
            after: .object(["tool": .string(tool), "arguments": asked, "outcome": .string(outcome), "transport": .string(session.transport)]),
            by: caller, on: session.database)
    }

    static func jsonText(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null"
    }
}
