import Fluent
import SQLKit
import LodestarCore
import Vapor

final class InitiativeModel: EntityModel, @unchecked Sendable {
    static let schema = "initiatives"
    static let resource = ResourceInfo(path: "initiatives", singular: "initiative", plural: "initiatives", schemaName: "Initiative")
    static let access = WriteAccess.initiativeTeam
    static let listing = Listing(
        filters: [
            .vocabulary("status", "status", InitiativeStatus.self),
            .vocabulary("tier", "tier", GovernanceTier.self),
            .vocabulary("kind", "kind", InitiativeKind.self),
            .vocabulary("currentGate", "current_gate", Gate.self),
            .id("ownerID", "owner_id"),
            .id("sponsorID", "sponsor_id"),
            .text("externalSource", "external_source"),
            .text("externalID", "external_id"),
        ],
        sorts: [
            "code": "code", "name": "name", "status": "status", "tier": "tier", "plannedStart": "planned_start",
            "plannedFinish": "planned_finish", "budget": "total_budget", "actualCost": "actual_cost", "updatedAt": "updated_at",
        ],
        defaultSort: "code", searchKey: "name")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "owner_id") var ownerID: UUID?
    @OptionalField(key: "sponsor_id") var sponsorID: UUID?
    @Field(key: "status") var status: String
    @Field(key: "tier") var tier: String
    @Field(key: "current_gate") var currentGate: String
    @OptionalField(key: "planned_start") var plannedStart: String?
    @OptionalField(key: "planned_finish") var plannedFinish: String?
    @OptionalField(key: "baseline_start") var baselineStart: String?
    @OptionalField(key: "baseline_finish") var baselineFinish: String?
    @Field(key: "capex_budget") var capexBudget: Double
    @Field(key: "opex_budget") var opexBudget: Double
    /// capex + opex, stored so the portfolio can be sorted by size in the database.
    @Field(key: "total_budget") var totalBudget: Double
    @Field(key: "actual_cost") var actualCost: Double
    @OptionalField(key: "health_override") var healthOverride: String?
    @OptionalField(key: "health_override_reason") var healthOverrideReason: String?
    @OptionalField(key: "external_source") var externalSource: String?
    @OptionalField(key: "external_id") var externalID: String?

    init() {}

    var fields: Initiative {
        Initiative(
            code: code, name: name, description: description, kind: .stored(kind), ownerID: ownerID, sponsorID: sponsorID,
            status: .stored(status), tier: .stored(tier), currentGate: .stored(currentGate),
            plannedStart: .stored(plannedStart), plannedFinish: .stored(plannedFinish),
            baselineStart: .stored(baselineStart), baselineFinish: .stored(baselineFinish),
            capexBudget: capexBudget, opexBudget: opexBudget, actualCost: actualCost,
            healthOverride: .stored(healthOverride), healthOverrideReason: healthOverrideReason,
            externalSource: externalSource, externalID: externalID)
    }

    func apply(_ fields: Initiative) {
        code = fields.code
        name = fields.name
        description = fields.description
        kind = fields.kind.rawValue
        ownerID = fields.ownerID
        sponsorID = fields.sponsorID
        status = fields.status.rawValue
        tier = fields.tier.rawValue
        currentGate = fields.currentGate.rawValue
        plannedStart = fields.plannedStart.storedText
        plannedFinish = fields.plannedFinish.storedText
        baselineStart = fields.baselineStart.storedText
        baselineFinish = fields.baselineFinish.storedText
        capexBudget = fields.capexBudget
        opexBudget = fields.opexBudget
        totalBudget = fields.totalBudget
        actualCost = fields.actualCost
        healthOverride = fields.healthOverride?.rawValue
        healthOverrideReason = fields.healthOverride == nil ? nil : fields.healthOverrideReason
        externalSource = fields.externalSource
        externalID = fields.externalID
    }

    static func references(in fields: Initiative) -> [EntityReference] {
        [
            EntityReference("ownerID", fields.ownerID, UserModel.self, what: "user"),
            EntityReference("sponsorID", fields.sponsorID, UserModel.self, what: "user"),
        ]
    }

    static func check(_ fields: Initiative, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        let taken: Bool
        if let sql = database as? any SQLDatabase {   // a plain statement: this runs on every initiative write
            let others = id.map { SQLQueryString(" AND id <> \(bind: $0)") } ?? ""
            taken = try await sql.raw("SELECT 1 AS taken FROM initiatives WHERE code = \(bind: fields.code)\(others) LIMIT 1").first() != nil
        } else {
            var query = InitiativeModel.query(on: database).filter(\.$code == fields.code)
            if let id { query = query.filter(\.$id != id) }
            taken = try await query.first() != nil
        }
        return taken ? [FieldIssue("code", "'\(fields.code)' is already used by another initiative")] : []
    }
}

extension InitiativeModel {
    /// Intake is the PMO's: owners run the initiatives they are given.
    static var ownersMayCreate: Bool { false }
    /// Owner and sponsor are foreign keys to users, and the code has a unique index.
    static var databaseEnforcesCreateRules: Bool { true }
}
