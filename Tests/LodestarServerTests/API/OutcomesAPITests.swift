import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Outcomes API: benefits and their measurements")
struct OutcomesAPITests {
    static func benefit(initiative: UUID?, objective: UUID? = nil, _ name: String = "Days sales outstanding",
                        direction: BenefitDirection = .decrease) -> Benefit {
        Benefit(initiativeID: initiative, objectiveID: objective, name: name, unit: "days", baseline: 52,
                target: direction == .decrease ? 40 : 60, targetDate: Day("2028-06-30"), direction: direction)
    }

    static func reading(_ benefit: UUID, on day: String = "2027-09-30", value: Double = 48) -> BenefitMeasurement {
        BenefitMeasurement(benefitID: benefit, measuredOn: Day(day)!, value: value, note: "Finance month-end report")
    }

    static func theme(_ app: Application, _ people: Fixture) async throws -> UUID {
        try await create(app, "objectives", as: people.pmo, Objective(level: .theme, name: "Improve cash flow"))
    }

    // MARK: - benefits

    @Test("benefits: create, read, patch, stale write, list by initiative, delete, audit", arguments: TestDatabase.available)
    func benefitLifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people)
            let objective = try await Self.theme(app, people)
            try await expectRoundTrip(
                app, people, "benefits", as: people.pmo, record: Self.benefit(initiative: initiative),
                patch: ["target": .number(38), "targetDate": .string("2028-12-31")],
                filter: "initiativeID=\(initiative)", decoy: Self.benefit(initiative: nil, objective: objective, "Free cash flow", direction: .increase))
        }
    }

    @Test("benefits: exactly one of initiative or objective, a target on the right side of the baseline, existing references", arguments: TestDatabase.available)
    func benefitValidation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people)
            let objective = try await Self.theme(app, people)
            try await expectRejected(app, "benefits", as: people.pmo, Self.benefit(initiative: nil), fields: ["initiativeID"])
            try await expectRejected(app, "benefits", as: people.pmo, Self.benefit(initiative: initiative, objective: objective), fields: ["initiativeID"])
            var wrongWay = Self.benefit(initiative: initiative)
            wrongWay.target = 60
            try await expectRejected(app, "benefits", as: people.pmo, wrongWay, fields: ["target"])
            wrongWay.direction = .increase
            wrongWay.target = 52
            try await expectRejected(app, "benefits", as: people.pmo, wrongWay, fields: ["target"])
            var unnamed = Self.benefit(initiative: initiative, "")
            unnamed.unit = String(repeating: "x", count: 41)
            try await expectRejected(app, "benefits", as: people.pmo, unnamed, fields: ["name", "unit"])
            try await expectRejected(app, "benefits", as: people.pmo, Self.benefit(initiative: UUID()), fields: ["initiativeID"])
            try await expectRejected(app, "benefits", as: people.pmo, Self.benefit(initiative: nil, objective: UUID()), fields: ["objectiveID"])

            // Moving a benefit onto an objective as well as its initiative breaks the same rule.
            let id = try await create(app, "benefits", as: people.pmo, Self.benefit(initiative: initiative))
            try await expectPatchRejected(app, "benefits", id, version: 1, as: people.pmo, ["objectiveID": .id(objective)], fields: ["initiativeID"])
            let moved = try await app.api(.PATCH, apiPath("benefits", id), as: people.pmo,
                                          json: patchBody(["objectiveID": .id(objective), "initiativeID": .null]), ifMatch: 1)
            #expect(moved.status == .ok)
            #expect(moved.json["initiativeID"] == nil)
            #expect(moved.json["objectiveID"] == .id(objective))
            #expect(try await count(app, "benefits", as: people.viewer) == 1)
        }
    }

    @Test("benefits: owners define their own initiatives' benefits, never an objective's; viewers and executives read only", arguments: TestDatabase.available)
    func benefitAuthorisation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let mine = try await createInitiative(app, people, owner: people.owner)
            let theirs = try await createInitiative(app, people, owner: people.otherOwner)
            let objective = try await Self.theme(app, people)
            try await expectOwnerScope(
                app, people, "benefits", own: Self.benefit(initiative: mine), others: Self.benefit(initiative: theirs),
                patch: ["target": .number(45)], handOver: ["initiativeID": .id(theirs)])

            // An objective's benefit has no owner but the PMO.
            let objectiveBenefit = Self.benefit(initiative: nil, objective: objective, "Free cash flow", direction: .increase)
            #expect(try await app.api(.POST, apiPath("benefits"), as: people.owner, json: objectiveBenefit).status == .forbidden)
            let id = try await create(app, "benefits", as: people.pmo, objectiveBenefit)
            try await expectCannotWrite(app, "benefits", id, record: Self.benefit(initiative: nil, objective: objective, "Net promoter score", direction: .increase),
                                        as: [people.viewer, people.executive, people.owner])
            try await expectCredentialsRequired(app, "benefits", id, record: Self.benefit(initiative: mine))
        }
    }

    // MARK: - measurements

    @Test("measurements: create, read, patch, stale write, list by benefit, delete, audit", arguments: TestDatabase.available)
    func measurementLifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people)
            let dso = try await create(app, "benefits", as: people.pmo, Self.benefit(initiative: initiative))
            let churn = try await create(app, "benefits", as: people.pmo, Self.benefit(initiative: initiative, "Churn", direction: .decrease))
            try await expectRoundTrip(
                app, people, "benefit-measurements", as: people.pmo, record: Self.reading(dso),
                patch: ["value": .number(47.5), "note": .string("Restated after audit")],
                filter: "benefitID=\(dso)", decoy: Self.reading(churn))
        }
    }

    @Test("measurements: a missing benefit, a bad date and an over-long note are 422s; deleting the benefit deletes its readings", arguments: TestDatabase.available)
    func measurementValidation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let initiative = try await createInitiative(app, people)
            let dso = try await create(app, "benefits", as: people.pmo, Self.benefit(initiative: initiative))
            try await expectRejected(app, "benefit-measurements", as: people.pmo, Self.reading(UUID()), fields: ["benefitID"])
            var long = Self.reading(dso)
            long.note = String(repeating: "x", count: 2001)
            try await expectRejected(app, "benefit-measurements", as: people.pmo, long, fields: ["note"])
            try await expectRejected(app, "benefit-measurements", as: people.pmo,
                                     AnyBody(.object(["benefitID": .id(dso), "measuredOn": .string("30/09/2027"), "value": .number(48), "note": .string("")])),
                                     fields: ["measuredOn"])

            let reading = try await create(app, "benefit-measurements", as: people.pmo, Self.reading(dso))
            try await expectPatchRejected(app, "benefit-measurements", reading, version: 1, as: people.pmo, ["benefitID": .id(UUID())], fields: ["benefitID"])
            #expect(try await app.api(.DELETE, apiPath("benefits", dso), as: people.pmo).status == .noContent)
            #expect(try await app.api(.GET, apiPath("benefit-measurements", reading), as: people.viewer).status == .notFound)
        }
    }

    @Test("measurements: the owner of the benefit's initiative records them; an objective's benefit is the PMO's", arguments: TestDatabase.available)
    func measurementAuthorisation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let mine = try await createInitiative(app, people, owner: people.owner)
            let theirs = try await createInitiative(app, people, owner: people.otherOwner)
            let myBenefit = try await create(app, "benefits", as: people.pmo, Self.benefit(initiative: mine))
            let theirBenefit = try await create(app, "benefits", as: people.pmo, Self.benefit(initiative: theirs))
            try await expectOwnerScope(
                app, people, "benefit-measurements", own: Self.reading(myBenefit), others: Self.reading(theirBenefit),
                patch: ["value": .number(46)], handOver: ["benefitID": .id(theirBenefit)])

            let objective = try await Self.theme(app, people)
            let objectiveBenefit = try await create(app, "benefits", as: people.pmo,
                                                    Self.benefit(initiative: nil, objective: objective, "Free cash flow", direction: .increase))
            let id = try await create(app, "benefit-measurements", as: people.pmo, Self.reading(objectiveBenefit))
            try await expectCannotWrite(app, "benefit-measurements", id, record: Self.reading(objectiveBenefit, on: "2027-10-31"),
                                        as: [people.viewer, people.executive, people.owner])
            try await expectCredentialsRequired(app, "benefit-measurements", id, record: Self.reading(myBenefit))
        }
    }
}
