import Fluent
import LodestarCore
import Vapor

final class StatusUpdateModel: EntityModel, @unchecked Sendable {
    static let schema = "status_updates"
    static let resource = ResourceInfo(
        path: "status-updates", singular: "status update", plural: "status updates", schemaName: "StatusUpdate")
    static let access = WriteAccess.initiativeTeam
    static let listing = Listing(
        filters: [
            .id("initiativeID", "initiative_id"),
            .text("periodStart", "period_start"),
            .vocabulary("overall", "overall", Health.self),
        ],
        sorts: ["periodStart": "period_start", "overall": "overall", "updatedAt": "updated_at"],
        defaultSort: "periodStart")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "initiative_id") var initiativeID: UUID
    @Field(key: "period_start") var periodStart: String
    @Field(key: "overall") var overall: String
    @Field(key: "schedule") var schedule: String
    @Field(key: "cost") var cost: String
    @Field(key: "scope") var scope: String
    @Field(key: "risk") var risk: String
    @Field(key: "benefits") var benefits: String
    @Field(key: "summary") var summary: String
    @Field(key: "accomplishments") var accomplishments: String
    @Field(key: "next_steps") var nextSteps: String
    @Field(key: "blockers") var blockers: String

    init() {}

    var fields: StatusUpdate {
        StatusUpdate(
            initiativeID: initiativeID, periodStart: .stored(periodStart), overall: .stored(overall), schedule: .stored(schedule),
            cost: .stored(cost), scope: .stored(scope), risk: .stored(risk), benefits: .stored(benefits), summary: summary,
            accomplishments: accomplishments, nextSteps: nextSteps, blockers: blockers)
    }

    func apply(_ fields: StatusUpdate) {
        initiativeID = fields.initiativeID
        periodStart = fields.periodStart.description
        overall = fields.overall.rawValue
        schedule = fields.schedule.rawValue
        cost = fields.cost.rawValue
        scope = fields.scope.rawValue
        risk = fields.risk.rawValue
        benefits = fields.benefits.rawValue
        summary = fields.summary
        accomplishments = fields.accomplishments
        nextSteps = fields.nextSteps
        blockers = fields.blockers
    }

    static func references(in fields: StatusUpdate) -> [EntityReference] {
        [EntityReference("initiativeID", fields.initiativeID, InitiativeModel.self, what: "initiative")]
    }

    static func governingInitiativeID(of fields: StatusUpdate) -> UUID? { fields.initiativeID }

    static func check(_ fields: StatusUpdate, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        var query = StatusUpdateModel.query(on: database)
            .filter(\.$initiativeID == fields.initiativeID)
            .filter(\.$periodStart == fields.periodStart.description)
        if let id { query = query.filter(\.$id != id) }
        return try await query.first() == nil
            ? [] : [FieldIssue("periodStart", "the initiative already has a status update for the period starting \(fields.periodStart)")]
    }
}
