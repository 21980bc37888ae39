import Foundation
import LodestarCore
import MCP

/// The Model Context Protocol server of one session: the same tools, resources and prompts over
/// stdio (`lodestar mcp`) and HTTP (`POST /mcp`).
enum AssistantServer {
    static let instructions = """
        Lodestar is the organisation's strategic portfolio: initiatives, objectives, capacity, risks, decisions, \
        benefits. Answer executives' questions with the six question tools (their figures are the dashboard's), \
        find records with search_portfolio, and link every record you mention. Every call runs with the \
        signed-in person's permissions and is audited. run_what_if_scenario never changes the plan; \
        save_status_update writes, so call it only after the initiative's owner confirmed the text.
        """

    static func make(session: AssistantSession) async -> Server {
        let server = Server(
            name: "lodestar", version: LodestarVersion.current, title: "Lodestar portfolio", instructions: instructions,
            capabilities: .init(
                prompts: .init(listChanged: false), resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in
            .init(tools: AssistantCatalog.tools.map(\.definition))
        }
        await server.withMethodHandler(CallTool.self) { parameters in
            try await AssistantCatalog.call(parameters.name, arguments: parameters.arguments, session: session)
        }
        await server.withMethodHandler(ListResources.self) { _ in
            .init(resources: AssistantResources.list, nextCursor: nil)
        }
        await server.withMethodHandler(ReadResource.self) { parameters in
            try await AssistantResources.read(parameters.uri, session: session)
        }
        await server.withMethodHandler(ListPrompts.self) { _ in
            .init(prompts: AssistantPrompts.list, nextCursor: nil)
        }
        await server.withMethodHandler(GetPrompt.self) { parameters in
            try await AssistantPrompts.get(parameters.name, arguments: parameters.arguments, session: session)
        }
        return server
    }
}
