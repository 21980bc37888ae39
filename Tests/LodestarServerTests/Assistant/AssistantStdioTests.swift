import Fluent
import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

/// `lodestar mcp` driven as a desktop assistant drives it, over the demo portfolio in a SQLite file
/// the test app shares, every answer checked against the JSON API's.
@Suite("Assistant over stdio: lodestar mcp answers from live data within the caller's permissions")
struct AssistantStdioTests {
    static let questionTools = [
        "which_initiatives_to_prioritise", "biggest_resource_constraints", "why_projects_are_delayed", "most_critical_work",
        "outcomes_delivered", "where_leadership_should_focus",
    ]

    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lodestar-mcp-\(UUID().uuidString).sqlite").path
    }

    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static func start(_ database: String, as person: Fixture.Person?) async throws -> MCPSubprocess {
        let process = try MCPSubprocess(database: database, token: person?.token)
        let initialised = try await process.request("initialize", .object([
            "protocolVersion": .string("2025-06-18"), "capabilities": .object([:]),
            "clientInfo": .object(["name": .string("lodestar-tests"), "version": .string("1")]),
        ]))
        #expect(initialised["result"]?["serverInfo"]?["name"] == .string("lodestar"), "\(initialised.jsonText)")
        try process.notify("notifications/initialized")
        return process
    }

    @Test("initialize, list and call every tool as an executive; each figure equals the API's")
    func executiveAsksEveryQuestion() async throws {
        let database = Self.temporaryDatabase()
        defer { Self.removeDatabase(database) }
        try await withTestApp(sqliteFile: database) { app, people in
            // setup: the demo portfolio, and a decision overdue that waits on the executive
            let demo = try await app.loadDemoPortfolio()
            let target = try #require(demo.initiatives.first { $0.status == .active })
            let waiting = try await create(app, "decisions", as: people.pmo, Decision(
                title: "Approve the vendor switch", initiativeID: target.id, decisionMakerID: people.executive.id, options: ["Switch", "Stay"],
                requestedOn: Day.today().adding(days: -30), neededBy: Day.today().adding(days: -3)))
            let dashboard = try await app.api(.GET, "/api/v1/dashboard", as: people.executive).json.decode(as: ExecutiveDashboard.self)
            let runsBefore = try await ScenarioRunModel.query(on: app.db).count()
            let process = try await Self.start(database, as: people.executive)

            // MUT: tools/list
            let listed = try await process.request("tools/list")
            let tools = listed["result"]?["tools"]?.elements ?? []
            let names = Set(tools.compactMap { $0["name"]?.stringValue })
            #expect(names == Set(Self.questionTools + [
                "search_portfolio", "initiative_picture", "decisions_waiting_on_me", "run_what_if_scenario", "draft_status_update",
                "save_status_update",
            ]))
            for tool in tools {
                #expect(tool["inputSchema"]?["type"] == .string("object"))
                #expect((tool["description"]?.stringValue ?? "").count > 80, "\(tool["name"]?.jsonText ?? "") needs a description an assistant can act on")
            }

            // the six questions: the same figures, headlines, charts and links as the dashboard
            for (index, name) in Self.questionTools.enumerated() {
                let result = try await process.callTool(name)
                #expect(result["isError"] == .bool(false), "\(name): \(result.jsonText)")
                let answer = try #require(result["structuredContent"]?["answer"]).decode(as: ExecutiveDashboard.Answer.self)
                let expected = dashboard.answers[index]
                #expect(answer.id == expected.id)
                #expect(answer.figure == expected.figure, "\(name)")
                #expect(answer.headline == expected.headline)
                #expect(answer.detail == expected.detail)
                #expect(answer.chart.map(\.value) == expected.chart.map(\.value))
                #expect(answer.chart.map(\.label) == expected.chart.map(\.label))
                #expect(answer.chart.map(\.link) == expected.chart.map(\.link))
                #expect(answer.link == expected.link)
                let text = result["content"]?.elements?.first?["text"]?.stringValue ?? ""
                #expect(text.contains(expected.headline), "the words state the headline: \(text)")
            }
            let focus = try await process.callTool("where_leadership_should_focus")
            let insights = try #require(focus["structuredContent"]?["insights"]).decode(as: [ExecutiveDashboard.Insight].self)
            #expect(insights == dashboard.insights)

            // search, the initiative's picture and the decisions waiting, as the API tells them
            let found = try await process.callTool("search_portfolio", ["query": .string(target.code), "kinds": .array([.string("initiatives")])])
            #expect(found["structuredContent"]?["hits"]?.elements?.first?["id"] == .string(target.id.uuidString), "\(found.jsonText)")
            let picture = try await process.callTool("initiative_picture", ["initiative": .string(target.code)])
            let health = try await app.api(.GET, "/api/v1/initiatives/\(target.id)/health", as: people.executive)
            #expect(picture["structuredContent"]?["initiative"]?["id"] == .string(target.id.uuidString))
            #expect(picture["structuredContent"]?["health"]?["overall"] == health.json["overall"])
            #expect(picture["structuredContent"]?["decisions"]?.elements?.contains { $0["id"] == .string(waiting.uuidString) } == true)
            let pending = try await app.api(.GET, "/api/v1/decisions?decisionMakerID=\(people.executive.id)&status=pending", as: people.executive)
            let mine = try await process.callTool("decisions_waiting_on_me")
            let listedIDs = Set(mine["structuredContent"]?["decisions"]?.elements?.compactMap { $0["decision"]?["id"]?.stringValue } ?? [])
            #expect(listedIDs == Set(pending.ids.map(\.uuidString)))
            #expect(listedIDs.contains(waiting.uuidString))
            #expect(mine["structuredContent"]?["overdue"] == .number(1))

            // a what-if is answered and never stored
            let forced = try #require(demo.initiatives.first { $0.status == .proposed })
            let whatIf = try await process.callTool("run_what_if_scenario", ["forceIn": .array([.string(forced.code)]), "timeLimit": .number(0.3)])
            #expect(whatIf["isError"] == .bool(false), "\(whatIf.jsonText)")
            #expect(whatIf["structuredContent"]?["saved"] == .bool(false))
            #expect(whatIf["structuredContent"]?["outcome"]?["funded"]?.elements?.contains { $0["initiativeID"] == .string(forced.id.uuidString) } == true)
            #expect(try await ScenarioRunModel.query(on: app.db).count() == runsBefore)
            #expect(try await InitiativeModel.find(forced.id, on: app.db)?.status == forced.status.rawValue)

            // bad arguments and unknown tools are errors with clear messages, and the server carries on
            let wrongType = try await process.callTool("search_portfolio", ["query": .number(5)])
            #expect(wrongType["isError"] == .bool(true))
            #expect(wrongType["structuredContent"]?["error"]?["argument"] == .string("query"))
            let unknownArgument = try await process.callTool("initiative_picture", ["initiative": .string(target.code), "colour": .string("red")])
            #expect(unknownArgument["content"]?.elements?.first?["text"]?.stringValue?.contains("'colour' is not accepted") == true)
            let missing = try await process.callTool("initiative_picture", ["initiative": .string("NOPE-404")])
            #expect(missing["structuredContent"]?["error"]?["kind"] == .string("not_found"))
            let badQuarter = try await process.callTool("run_what_if_scenario", ["budgetCaps": .array([.object(["quarter": .string("2027-Q9"), "amount": .number(1)])])])
            #expect(badQuarter["structuredContent"]?["error"]?["argument"] == .string("budgetCaps[0].quarter"), "\(badQuarter.jsonText)")
            let unknownTool = try await process.request("tools/call", .object(["name": .string("delete_everything"), "arguments": .object([:])]))
            #expect(unknownTool["error"]?["code"] == .number(-32602))
            #expect(unknownTool["error"]?["message"]?.stringValue?.contains("delete_everything") == true)
            // an executive owns no initiative, so drafting a status is refused like the API refuses it
            let draft = try await process.callTool("draft_status_update", ["initiative": .string(target.code)])
            #expect(draft["structuredContent"]?["error"]?["kind"] == .string("forbidden"))

            // resources and prompts
            let resources = try await process.request("resources/list")
            #expect(resources["result"]?["resources"]?.elements?.count == 2)
            let report = try await process.request("resources/read", .object(["uri": .string(AssistantResources.statusReportURI)]))
            #expect(report["result"]?["contents"]?.elements?.first?["text"]?.stringValue?.contains("# Portfolio status report") == true)
            let impact = try await process.request("resources/read", .object(["uri": .string(AssistantResources.impactReportURI)]))
            #expect(impact["result"]?["contents"]?.elements?.first?["text"]?.stringValue?.contains("impact report") == true, "\(impact)")
            let briefing = try await process.request("prompts/get", .object(["name": .string("weekly_executive_briefing")]))
            #expect(briefing["result"]?["messages"]?.elements?.first?["content"]?["text"]?.stringValue?.contains(dashboard.answers[5].headline) == true)
            let review = try await process.request("prompts/get", .object(["name": .string("prepare_gate_review"), "arguments": .object(["initiative": .string(target.code)])]))
            #expect(review["result"]?["messages"]?.elements?.first?["content"]?["text"]?.stringValue?.contains(target.name) == true)

            let ended = await process.finish()
            #expect(ended.status == 0, "\(ended.errors)")

            // every call is audited as the executive, refusals included
            let audit = try await app.api(.GET, "/api/v1/audit?action=invoke&limit=200", as: people.admin)
            let entries = audit.items
            #expect(entries.allSatisfy { $0["actorEmail"] == .string(people.executive.email) })
            let outcomes = entries.compactMap { $0["changes"]?["outcome"]?["after"]?.stringValue }
            #expect(outcomes.contains("answered"))
            #expect(outcomes.contains("forbidden"))
            #expect(outcomes.contains("invalid_argument"))
            #expect(entries.contains { $0["changes"]?["tool"]?["after"] == .string("run_what_if_scenario") && $0["changes"]?["transport"]?["after"] == .string("stdio") })
        }
    }

    @Test("a viewer may read but not run scenarios or write; an owner drafts and saves their own status, once")
    func rolesDecideWhatAToolMayDo() async throws {
        let database = Self.temporaryDatabase()
        defer { Self.removeDatabase(database) }
        try await withTestApp(sqliteFile: database) { app, people in
            let demo = try await app.loadDemoPortfolio()
            let mine = try await createInitiative(app, people, owner: people.owner, code: "MCP-1")
            let notMine = try #require(demo.initiatives.first { $0.status == .active })

            let viewer = try await Self.start(database, as: people.viewer)
            let read = try await viewer.callTool("which_initiatives_to_prioritise")
            #expect(read["isError"] == .bool(false))
            let scenario = try await viewer.callTool("run_what_if_scenario", ["timeLimit": .number(0.2)])
            #expect(scenario["isError"] == .bool(true))
            #expect(scenario["structuredContent"]?["error"]?["kind"] == .string("forbidden"))
            #expect(scenario["content"]?.elements?.first?["text"]?.stringValue?.contains("viewer") == true)
            let write = try await viewer.callTool("save_status_update", ["initiative": .string("MCP-1"), "summary": .string("All fine")])
            #expect(write["structuredContent"]?["error"]?["kind"] == .string("forbidden"))
            _ = await viewer.finish()

            let owner = try await Self.start(database, as: people.owner)
            let draft = try await owner.callTool("draft_status_update", ["initiative": .string("MCP-1")])
            #expect(draft["isError"] == .bool(false), "\(draft.jsonText)")
            let drafted = try #require(draft["structuredContent"]?["draft"]).decode(as: StatusUpdate.self)
            #expect(try await StatusUpdateModel.query(on: app.db).filter(\.$initiativeID == mine).count() == 0, "a draft saves nothing")
            let saved = try await owner.callTool("save_status_update", [
                "initiative": .string(mine.uuidString), "summary": .string(drafted.summary + "\nConfirmed by the owner."), "overall": .string("amber"),
            ])
            #expect(saved["isError"] == .bool(false), "\(saved.jsonText)")
            let stored = try await app.api(.GET, "/api/v1/status-updates?initiativeID=\(mine)", as: people.viewer)
            #expect(stored.items.count == 1)
            #expect(stored.items.first?["overall"] == .string("amber"))
            #expect(stored.items.first?["summary"]?.stringValue?.hasSuffix("Confirmed by the owner.") == true)
            let again = try await owner.callTool("save_status_update", ["initiative": .string("MCP-1"), "summary": .string("Twice")])
            #expect(again["structuredContent"]?["error"]?["argument"] == .string("periodStart"), "\(again.jsonText)")
            let others = try await owner.callTool("save_status_update", ["initiative": .string(notMine.code), "summary": .string("Not mine")])
            #expect(others["structuredContent"]?["error"]?["kind"] == .string("forbidden"))
            _ = await owner.finish()

            // the save went through the store: audited as a create by the owner
            let audit = try await app.api(.GET, "/api/v1/audit?entity=status-updates&action=create", as: people.admin)
            #expect(audit.items.contains { $0["actorEmail"] == .string(people.owner.email) })
        }
    }

    @Test("without a valid LODESTAR_TOKEN, lodestar mcp says what to do and stops")
    func refusesWithoutAToken() async throws {
        let database = Self.temporaryDatabase()
        defer { Self.removeDatabase(database) }
        try await withTestApp(sqliteFile: database) { _, _ in
            let missing = try await MCPSubprocess(database: database, token: nil).finish()
            #expect(missing.status != 0)
            #expect(missing.errors.contains("LODESTAR_TOKEN is not set"), "\(missing.errors)")
            let wrong = try await MCPSubprocess(database: database, token: "not-a-token").finish()
            #expect(wrong.status != 0)
            #expect(wrong.errors.contains("unknown or revoked"), "\(wrong.errors)")
        }
    }
}
