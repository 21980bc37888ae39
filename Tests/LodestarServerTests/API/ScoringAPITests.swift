import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Scoring API: criteria and scores")
struct ScoringAPITests {
    static func criterion(
        _ name: String = "Strategic fit", model: UUID, weight: Double = 3, scale: ClosedRange<Double> = 1...5
    ) -> ScoringCriterion {
        ScoringCriterion(modelID: model, name: name, description: "How directly it serves a theme", weight: weight,
                         scaleMin: scale.lowerBound, scaleMax: scale.upperBound)
    }

    /// The portfolio's default (weighted) scoring model, which criteria belong to.
    static func defaultModel(_ app: Application, _ people: Fixture) async throws -> UUID {
        try await create(app, "scoring-models", as: people.pmo, ScoringModel(name: "Strategic value", isDefault: true))
    }

    // MARK: - criteria

    @Test("criteria: create, read, patch, stale write, search by name, delete, audit", arguments: TestDatabase.available)
    func criterionLifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let model = try await Self.defaultModel(app, people)
            try await expectRoundTrip(
                app, people, "scoring-criteria", as: people.pmo, record: Self.criterion(model: model),
                patch: ["weight": .number(4), "scaleMax": .number(10)],
                filter: "q=FIT", decoy: Self.criterion("Risk reduction", model: model))
        }
    }

    @Test("criteria: name, weight, scale order and a taken name are 422s naming the field", arguments: TestDatabase.available)
    func criterionValidation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let model = try await Self.defaultModel(app, people)
            try await expectRejected(app, "scoring-criteria", as: people.pmo, Self.criterion(" ", model: model, weight: -1), fields: ["name", "weight"])
            try await expectRejected(app, "scoring-criteria", as: people.pmo, ScoringCriterion(modelID: model, name: "Urgency", weight: 1, scaleMin: 5, scaleMax: 5),
                                     fields: ["scaleMax"])
            try await create(app, "scoring-criteria", as: people.pmo, Self.criterion(model: model))
            try await expectRejected(app, "scoring-criteria", as: people.pmo, Self.criterion(model: model, weight: 1), fields: ["name"])
            let other = try await create(app, "scoring-criteria", as: people.pmo, Self.criterion("Risk reduction", model: model))
            try await expectPatchRejected(app, "scoring-criteria", other, version: 1, as: people.pmo, ["name": .string("Strategic fit")], fields: ["name"])
            #expect(try await count(app, "scoring-criteria", as: people.viewer) == 2)
        }
    }

    @Test("criteria: only admin and pmo write; others read; anonymous gets 401", arguments: TestDatabase.available)
    func criterionAuthorisation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let model = try await Self.defaultModel(app, people)
            let id = try await create(app, "scoring-criteria", as: people.admin, Self.criterion(model: model))
            try await expectCannotWrite(app, "scoring-criteria", id, record: Self.criterion("Urgency", model: model),
                                        as: [people.viewer, people.executive, people.owner])
            try await expectCredentialsRequired(app, "scoring-criteria", id, record: Self.criterion("Urgency", model: model))
        }
    }

    // MARK: - scores

    @Test("scores: create, read, patch, stale write, list by criterion, delete, audit", arguments: TestDatabase.available)
    func scoreLifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let model = try await Self.defaultModel(app, people)
            let initiative = try await createInitiative(app, people)
            let fit = try await create(app, "scoring-criteria", as: people.pmo, Self.criterion(model: model))
            let risk = try await create(app, "scoring-criteria", as: people.pmo, Self.criterion("Risk reduction", model: model))
            try await expectRoundTrip(
                app, people, "scores", as: people.pmo,
                record: Score(initiativeID: initiative, criterionID: fit, value: 4, rationale: "Core to the revenue theme"),
                patch: ["value": .number(5), "rationale": .string("Board named it the top priority")],
                filter: "criterionID=\(fit)", decoy: Score(initiativeID: initiative, criterionID: risk, value: 2))
        }
    }

    @Test("scores: a value outside the criterion's scale, a second score on one criterion and missing references are 422s", arguments: TestDatabase.available)
    func scoreRules(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let model = try await Self.defaultModel(app, people)
            let initiative = try await createInitiative(app, people)
            let fit = try await create(app, "scoring-criteria", as: people.pmo, Self.criterion(model: model, scale: 1...5))
            try await expectRejected(app, "scores", as: people.pmo, Score(initiativeID: initiative, criterionID: fit, value: 6), fields: ["value"])
            try await expectRejected(app, "scores", as: people.pmo, Score(initiativeID: initiative, criterionID: fit, value: 0.5), fields: ["value"])
            try await expectRejected(app, "scores", as: people.pmo, Score(initiativeID: initiative, criterionID: UUID(), value: 3), fields: ["criterionID"])
            try await expectRejected(app, "scores", as: people.pmo, Score(initiativeID: UUID(), criterionID: fit, value: 3), fields: ["initiativeID"])

            // The scale's ends are on the scale.
            let id = try await create(app, "scores", as: people.pmo, Score(initiativeID: initiative, criterionID: fit, value: 5))
            try await expectRejected(app, "scores", as: people.pmo, Score(initiativeID: initiative, criterionID: fit, value: 1), fields: ["criterionID"])
            try await expectPatchRejected(app, "scores", id, version: 1, as: people.pmo, ["value": .number(7)], fields: ["value"])
            let other = try await createInitiative(app, people)
            try await create(app, "scores", as: people.pmo, Score(initiativeID: other, criterionID: fit, value: 1))
            #expect(try await count(app, "scores", as: people.viewer) == 2)
        }
    }

    @Test("scores: only admin and pmo score, not even an initiative's owner; a criterion in use cannot be deleted (409)", arguments: TestDatabase.available)
    func scoreAuthorisation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let model = try await Self.defaultModel(app, people)
            let mine = try await createInitiative(app, people, owner: people.owner)
            let fit = try await create(app, "scoring-criteria", as: people.pmo, Self.criterion(model: model))
            let id = try await create(app, "scores", as: people.pmo, Score(initiativeID: mine, criterionID: fit, value: 3))
            let own = Score(initiativeID: mine, criterionID: fit, value: 5, rationale: "I think it matters")
            try await expectCannotWrite(app, "scores", id, record: own, as: [people.viewer, people.executive, people.owner])
            try await expectCredentialsRequired(app, "scores", id, record: own)

            #expect(try await app.api(.DELETE, apiPath("scoring-criteria", fit), as: people.pmo).status == .conflict)
            #expect(try await app.api(.GET, apiPath("scores", id), as: people.viewer).status == .ok)
        }
    }
}
