import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

/// A small portfolio with a known answer: one pool of 2 FTE a quarter; running work (RUN-1) takes
/// 1 FTE in 2027-Q1 and Q2; two proposals each want 1.5 FTE for two quarters, so neither fits beside
/// the running work in the first half of the year. NEW-2 waits on RUN-1 anyway; in the second half
/// only one of them fits, and the better-scored NEW-1 should win.
struct PlanningFixture {
    var objective: UUID
    var pool: UUID
    var running: UUID
    var strong: UUID
    var weak: UUID
    var orphan: UUID
    var model: UUID
    var fit: UUID

    static func seed(_ app: Application, _ people: Fixture) async throws -> PlanningFixture {
        let theme = try await create(app, "objectives", as: people.pmo, Objective(level: .theme, name: "Growth", weight: 1))
        let objective = try await create(app, "objectives", as: people.pmo, Objective(parentID: theme, level: .objective, name: "Win new markets", weight: 1))
        let uncovered = try await create(app, "objectives", as: people.pmo, Objective(level: .theme, name: "Sustainability", weight: 1))
        _ = uncovered
        let pool = try await create(app, "pools", as: people.pmo, ResourcePool(name: "Data engineering"))
        for quarter in ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"] {
            try await create(app, "pool-capacities", as: people.pmo, PoolCapacity(poolID: pool, period: Quarter(quarter)!, fte: 2))
        }
        func initiative(_ code: String, _ status: InitiativeStatus, budget: Double) async throws -> UUID {
            try await create(app, "initiatives", as: people.pmo, Initiative(
                code: code, name: "Initiative \(code)", ownerID: people.owner.id, status: status,
                plannedStart: Day("2027-01-01"), plannedFinish: Day("2027-06-30"), capexBudget: budget))
        }
        let running = try await initiative("RUN-1", .active, budget: 300_000)
        let strong = try await initiative("NEW-1", .proposed, budget: 200_000)
        let weak = try await initiative("NEW-2", .proposed, budget: 200_000)
        let orphan = try await initiative("ORPH-1", .proposed, budget: 50_000)
        for (id, fte) in [(running, 1.0), (strong, 1.5), (weak, 1.5)] {
            for quarter in ["2027-Q1", "2027-Q2"] {
                try await create(app, "demands", as: people.pmo, Demand(initiativeID: id, poolID: pool, period: Quarter(quarter)!, fte: fte))
            }
        }
        for (id, contribution) in [(running, 1.0), (strong, 0.8), (weak, 0.3)] {
            try await create(app, "alignments", as: people.pmo, Alignment(initiativeID: id, objectiveID: objective, contribution: contribution))
        }
        try await create(app, "dependencies", as: people.pmo, Dependency(predecessorID: running, successorID: weak))
        let model = try await create(app, "scoring-models", as: people.pmo, ScoringModel(name: "Strategic value", isDefault: true))
        let fit = try await create(app, "scoring-criteria", as: people.pmo, ScoringCriterion(modelID: model, name: "Strategic fit", weight: 3))
        let urgency = try await create(app, "scoring-criteria", as: people.pmo, ScoringCriterion(modelID: model, name: "Urgency", weight: 1, scaleMin: 1, scaleMax: 5))
        for (id, values) in [(running, (8.0, 3.0)), (strong, (9.0, 5.0)), (weak, (4.0, 2.0))] {
            try await create(app, "scores", as: people.pmo, Score(initiativeID: id, criterionID: fit, value: values.0))
            try await create(app, "scores", as: people.pmo, Score(initiativeID: id, criterionID: urgency, value: values.1))
        }
        return PlanningFixture(objective: objective, pool: pool, running: running, strong: strong, weak: weak, orphan: orphan, model: model, fit: fit)
    }

    func scenario(_ name: String, forcedIn: [UUID] = [], forcedOut: [UUID] = [], extraFTE: Double = 0) -> Scenario {
        Scenario(
            name: name, firstQuarter: Quarter("2027-Q1")!, quarters: 4,
            capacityChanges: extraFTE == 0 ? [] : ["2027-Q1", "2027-Q2"].map { .init(poolID: pool, quarter: Quarter($0)!, fte: extraFTE) },
            forcedIn: forcedIn, forcedOut: forcedOut)
    }
}

@Suite("Planning API: strategy, priorities, capacity, scenarios, cycles")
struct PlanningAPITests {
    @Test("strategy map: the tree with investment, orphans, uncovered objectives and critical work through dependencies", arguments: TestDatabase.available)
    func strategyMap(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let f = try await PlanningFixture.seed(app, people)
            let map = try await app.api(.GET, "/api/v1/strategy", as: people.viewer)
            #expect(map.status == .ok)
            let growth = try #require(map.json["themes"]?.arrayValue?.first { $0["name"] == .string("Growth") })
            let child = try #require(growth["children"]?.arrayValue?.first)
            #expect(child["initiatives"]?.arrayValue?.count == 3)
            #expect(child["investment"]?.numberValue == 300_000, "only in-flight work counts as investment")
            #expect(map.json["orphans"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == ["ORPH-1"])
            #expect(map.json["uncovered"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Sustainability"])
            // RUN-1 carries its own alignment and NEW-2's, which waits on it: it ranks first.
            let critical = try #require(map.json["criticalWork"]?.arrayValue)
            let running = try #require(critical.first)
            #expect(running["code"] == .string("RUN-1"))
            #expect(running["blocked"]?.arrayValue == [.string(f.weak.uuidString)])
            #expect((running["waitingValue"]?.numberValue ?? 0) > 0)
        }
    }

    @Test("priorities: ranked with every part explained, parts add up, and 'why X above Y' answers per criterion", arguments: TestDatabase.available)
    func priorities(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let f = try await PlanningFixture.seed(app, people)
            let ranking = try await app.api(.GET, "/api/v1/priorities", as: people.viewer)
            #expect(ranking.status == .ok)
            let entries = try #require(ranking.json["entries"]?.arrayValue)
            #expect(entries.compactMap { $0["code"]?.stringValue } == ["NEW-1", "RUN-1", "NEW-2", "ORPH-1"])
            for entry in entries {
                let parts = entry["parts"]?.arrayValue?.compactMap { $0["points"]?.numberValue } ?? []
                #expect(abs(parts.reduce(0, +) - (entry["total"]?.numberValue ?? -1)) < 1e-9)
            }
            #expect(entries[3]["missing"]?.arrayValue?.count == 2, "an unscored initiative says which criteria are missing")

            let why = try await app.api(.GET, "/api/v1/priorities/explain?a=\(f.weak)&b=\(f.strong)", as: people.viewer)
            #expect(why.status == .ok, "\(why.text)")
            #expect(why.json["higher"]?["code"] == .string("NEW-1"))
            #expect(why.json["differences"]?.arrayValue?.first?["criterion"] == .string("Strategic fit"))
            #expect(why.json["summary"]?.stringValue?.contains("Strategic fit") == true)

            let bad = try await app.api(.GET, "/api/v1/priorities/explain?a=nope", as: people.viewer)
            expectInvalid(bad, fields: ["a", "b"])
        }
    }

    @Test("scoring models: WSJF ranks by cost of delay over job size; one default, switched atomically and audited", arguments: TestDatabase.available)
    func scoringModels(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let f = try await PlanningFixture.seed(app, people)
            let wsjf = try await create(app, "scoring-models", as: people.pmo, ScoringModel(name: "WSJF", method: .wsjf))
            try await expectRejected(app, "scoring-criteria", as: people.pmo, ScoringCriterion(modelID: wsjf, name: "Value", weight: 1), fields: ["wsjfComponent"])
            var criteria: [WSJFComponent: UUID] = [:]
            for component in WSJFComponent.allCases {
                criteria[component] = try await create(app, "scoring-criteria", as: people.pmo, ScoringCriterion(
                    modelID: wsjf, name: component.label, weight: 1, scaleMin: 1, scaleMax: 20, wsjfComponent: component))
            }
            // The weak initiative is small and urgent: WSJF puts it first.
            let wsjfScores: [(UUID, [Double])] = [(f.strong, [8, 5, 3, 13]), (f.weak, [5, 8, 2, 2])]
            for (id, values) in wsjfScores {
                for (component, value) in zip(WSJFComponent.allCases, values) {
                    try await create(app, "scores", as: people.pmo, Score(initiativeID: id, criterionID: criteria[component]!, value: value))
                }
            }
            let ranking = try await app.api(.GET, "/api/v1/priorities?model=\(wsjf)", as: people.viewer)
            let entries = try #require(ranking.json["entries"]?.arrayValue)
            #expect(entries.first?["code"] == .string("NEW-2"))
            #expect(entries.first?["total"]?.numberValue == 7.5)     // (5 + 8 + 2) / 2

            // A second default is refused; switching goes through its own action.
            let second = try await app.api(.PATCH, apiPath("scoring-models", wsjf), as: people.pmo, json: patchBody(["isDefault": .bool(true)]), ifMatch: 1)
            expectInvalid(second, fields: ["isDefault"])
            #expect(try await app.api(.POST, "/api/v1/scoring-models/\(wsjf)/default", as: people.executive, ifMatch: 1).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/scoring-models/\(wsjf)/default", as: people.pmo, ifMatch: 7).status == .preconditionFailed)
            let switched = try await app.api(.POST, "/api/v1/scoring-models/\(wsjf)/default", as: people.pmo, ifMatch: 1)
            #expect(switched.status == .ok, "\(switched.text)")
            let old = try await app.api(.GET, apiPath("scoring-models", f.model), as: people.viewer)
            #expect(old.json["isDefault"] == .bool(false))
            #expect(old.json["version"] == .number(2))
            let byDefault = try await app.api(.GET, "/api/v1/priorities", as: people.viewer)
            #expect(byDefault.json["modelID"] == .string(wsjf.uuidString))
            let audit = try await app.api(.GET, "/api/v1/audit?entity=scoring-models&id=\(f.model)", as: people.admin)
            #expect(audit.json["items"]?.arrayValue?.contains { $0["action"] == .string("update") } == true)
        }
    }

    @Test("capacity: over-allocations name the initiatives that cause them; shadow prices name pool and quarter", arguments: TestDatabase.available)
    func capacity(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let f = try await PlanningFixture.seed(app, people)
            // Asked before the change, so the answer after it must not come from a stale cache.
            let before = try await app.api(.GET, "/api/v1/capacity?from=2027-Q1&quarters=4", as: people.viewer)
            let causesBefore = before.json["overAllocations"]?.arrayValue?.flatMap { $0["causes"]?.arrayValue ?? [] } ?? []
            #expect(!causesBefore.contains { $0["code"] == .string("NEW-2") })
            // Approving a proposal puts 2.5 FTE on a 2 FTE pool.
            let approved = try await app.api(.PATCH, apiPath("initiatives", f.weak), as: people.pmo, json: patchBody(["status": .string("approved")]), ifMatch: 1)
            #expect(approved.status == .ok)
            let picture = try await app.api(.GET, "/api/v1/capacity?from=2027-Q1&quarters=4", as: people.viewer)
            #expect(picture.status == .ok, "\(picture.text)")
            #expect(picture.json["cells"]?.arrayValue?.count == 4)
            let over = try #require(picture.json["overAllocations"]?.arrayValue)
            #expect(over.count == 2)
            #expect(over.first?["excess"]?.numberValue == 0.5)
            #expect(over.first?["causes"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == ["NEW-2", "RUN-1"])
            expectInvalid(try await app.api(.GET, "/api/v1/capacity?from=2027Q1&quarters=99", as: people.viewer), fields: ["from", "quarters"])
        }
    }

    @Test("scenarios: only staff write them; executives run and compare; forced in/out and capacity changes move the answer", arguments: TestDatabase.available)
    func scenarios(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let f = try await PlanningFixture.seed(app, people)
            #expect(try await app.api(.POST, apiPath("scenarios"), as: people.executive, json: f.scenario("Mine")).status == .forbidden)
            try await expectRejected(app, "scenarios", as: people.pmo, Scenario(
                name: "Bad", firstQuarter: Quarter("2027-Q1")!, quarters: 40,
                budgetCaps: [.init(quarter: Quarter("2020-Q1")!, amount: -1)], forcedIn: [f.weak], forcedOut: [f.weak]),
                fields: ["quarters", "budgetCaps[0].quarter", "budgetCaps[0].amount", "forcedOut"])

            let baseline = try await create(app, "scenarios", as: people.pmo, f.scenario("Baseline"))
            let more = try await create(app, "scenarios", as: people.pmo, f.scenario("Two more engineers", extraFTE: 2))
            let forced = try await create(app, "scenarios", as: people.pmo, f.scenario("Weak forced in", forcedIn: [f.weak], forcedOut: [f.strong]))
            #expect(try await app.api(.POST, "/api/v1/scenarios/\(baseline)/runs", as: people.viewer).status == .forbidden)

            func run(_ id: UUID) async throws -> JSONValue {
                let response = try await app.api(.POST, "/api/v1/scenarios/\(id)/runs", as: people.executive)
                #expect(response.status == .created, "\(response.text)")
                return response.json["outcome"] ?? .null
            }
            func funded(_ outcome: JSONValue) -> Set<String> { Set(outcome["funded"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []) }

            let base = try await run(baseline)
            #expect(funded(base) == ["RUN-1", "NEW-1"], "one proposal fits beside the running work; the stronger one")
            #expect((base["bound"]?.numberValue ?? 0) >= (base["value"]?.numberValue ?? 1))
            let weak = try #require(base["leftOut"]?.arrayValue?.first { $0["code"] == .string("NEW-2") })
            #expect(weak["reason"]?.stringValue?.contains("Data engineering in 2027-Q3 is short by 1.0 FTE") == true, "\(weak)")
            #expect(base["shadowPrices"]?.arrayValue?.first?["explanation"]?.stringValue?.hasPrefix("One more FTE of Data engineering") == true)

            let bigger = try await run(more)
            #expect(funded(bigger) == ["RUN-1", "NEW-1", "NEW-2"])
            let swapped = try await run(forced)
            #expect(funded(swapped) == ["RUN-1", "NEW-2"])
            #expect(swapped["leftOut"]?.arrayValue?.first { $0["code"] == .string("NEW-1") }?["reason"] == .string("Forced out by the scenario."))

            let comparison = try await app.api(.GET, "/api/v1/scenarios/compare?ids=\(baseline),\(more)", as: people.executive)
            #expect(comparison.status == .ok, "\(comparison.text)")
            #expect(comparison.json["comparison"]?["columns"]?.arrayValue?.compactMap { $0["fundedCount"]?.numberValue } == [2, 3])
            let differences = comparison.json["comparison"]?["differences"]?.arrayValue ?? []
            let weakFates = try #require(differences.first { $0["code"] == .string("NEW-2") }?["fates"]?.arrayValue)
            #expect(weakFates.first?.stringValue?.hasPrefix("Left out: Does not fit") == true)
            #expect(weakFates.last == .string("Funded from 2027-Q3"))
            #expect(try await app.api(.GET, "/api/v1/scenarios/compare?ids=\(baseline)", as: people.executive).status == .unprocessableEntity)
            #expect(try await app.api(.GET, "/api/v1/scenarios/compare?ids=\(baseline),\(more)", as: people.owner).status == .forbidden)
        }
    }

    @Test("promoting a run: staff only, needs a reason, refuses a run of an older scenario version, then approves, dates and records the decision", arguments: TestDatabase.available)
    func promotion(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let f = try await PlanningFixture.seed(app, people)
            let id = try await create(app, "scenarios", as: people.pmo, f.scenario("Baseline"))
            let reason = AnyBody(.object(["reason": .string("Capacity allows one new data product this half.")]))
            #expect(try await app.api(.POST, "/api/v1/scenarios/\(id)/promote", as: people.pmo, json: reason).status == .notFound, "no run yet")
            #expect(try await app.api(.POST, "/api/v1/scenarios/\(id)/runs", as: people.pmo).status == .created)

            #expect(try await app.api(.POST, "/api/v1/scenarios/\(id)/promote", as: people.executive, json: reason).status == .forbidden)
            expectInvalid(try await app.api(.POST, "/api/v1/scenarios/\(id)/promote", as: people.pmo, json: AnyBody(.object(["reason": .string("  ")]))),
                          fields: ["reason"])

            // An edit after the run makes the run stale.
            let edited = try await app.api(.PATCH, apiPath("scenarios", id), as: people.pmo, json: patchBody(["description": .string("Edited")]), ifMatch: 1)
            #expect(edited.status == .ok)
            #expect(try await app.api(.POST, "/api/v1/scenarios/\(id)/promote", as: people.pmo, json: reason).status == .conflict)
            let run = try await app.api(.POST, "/api/v1/scenarios/\(id)/runs", as: people.pmo)
            #expect(run.status == .created)
            let planned = try #require(run.json["outcome"]?["funded"]?.arrayValue?.first { $0["code"] == .string("NEW-1") })
            let start = try #require(planned["start"]?.stringValue.flatMap(Quarter.init))

            let promoted = try await app.api(.POST, "/api/v1/scenarios/\(id)/promote", as: people.pmo, json: reason)
            #expect(promoted.status == .ok, "\(promoted.text)")
            #expect(promoted.json["changed"] == .number(1))
            let strong = try await app.api(.GET, apiPath("initiatives", f.strong), as: people.viewer)
            #expect(strong.json["status"] == .string("approved"))
            #expect(strong.json["plannedStart"] == .string(start.firstDay.description))
            #expect(strong.json["version"] == .number(2))
            let decisionID = try #require(promoted.json["decisionID"]?.stringValue)
            let decision = try await app.api(.GET, "/api/v1/decisions/\(decisionID)", as: people.viewer)
            #expect(decision.json["rationale"] == .string("Capacity allows one new data product this half."))
            #expect(decision.json["decisionMakerID"] == .string(people.pmo.id.uuidString))
            #expect(decision.json["status"] == .string("decided"))
            let audit = try await app.api(.GET, "/api/v1/audit?entity=initiatives&id=\(f.strong)", as: people.admin)
            let entries = audit.json["items"]?.arrayValue ?? []
            #expect(entries.contains { entry in entry["action"] == .string("update") && entry["actorEmail"] == .string(people.pmo.email) })
            #expect(try await app.api(.POST, "/api/v1/scenarios/\(id)/promote", as: people.pmo, json: reason).status == .conflict, "a run is promoted once")
        }
    }

    @Test("planning cycles: one open at a time; closing keeps a snapshot; changes since then are listed", arguments: TestDatabase.available)
    func planningCycles(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let f = try await PlanningFixture.seed(app, people)
            let cycle = try await create(app, "planning-cycles", as: people.pmo, PlanningCycle(name: "2027 Q1", quarter: Quarter("2027-Q1")!, openedOn: Day("2026-11-02")!))
            try await expectRejected(app, "planning-cycles", as: people.pmo, PlanningCycle(name: "Another", quarter: Quarter("2027-Q2")!, openedOn: Day("2026-11-03")!),
                                     fields: ["status"])
            expectInvalid(try await app.api(.PATCH, apiPath("planning-cycles", cycle), as: people.pmo,
                                            json: patchBody(["status": .string("closed"), "closedOn": .string("2026-12-01")]), ifMatch: 1), fields: ["status"])
            let summary = AnyBody(.object(["decisionsSummary": .string("Fund NEW-1; defer NEW-2.")]))
            #expect(try await app.api(.POST, "/api/v1/planning-cycles/\(cycle)/close", as: people.executive, json: summary, ifMatch: 1).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/planning-cycles/\(cycle)/snapshot", as: people.pmo).status == .notFound)
            let closed = try await app.api(.POST, "/api/v1/planning-cycles/\(cycle)/close", as: people.pmo, json: summary, ifMatch: 1)
            #expect(closed.status == .ok, "\(closed.text)")
            #expect(closed.json["status"] == .string("closed"))
            let snapshot = try await app.api(.GET, "/api/v1/planning-cycles/\(cycle)/snapshot", as: people.viewer)
            #expect(snapshot.json["plan"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == ["RUN-1"])

            #expect(try await app.api(.PATCH, apiPath("initiatives", f.strong), as: people.pmo, json: patchBody(["status": .string("approved")]), ifMatch: 1).status == .ok)
            let changes = try await app.api(.GET, "/api/v1/planning-cycles/\(cycle)/changes", as: people.viewer)
            #expect(changes.json["joined"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == ["NEW-1"])
            #expect(changes.json["budgetChange"]?.numberValue == 200_000)
            // A new cycle may open once the last one closed.
            try await create(app, "planning-cycles", as: people.pmo, PlanningCycle(name: "2027 Q2", quarter: Quarter("2027-Q2")!, openedOn: Day("2027-02-01")!))
        }
    }
}
