import Fluent
import LodestarCore
import Vapor

final class DemandModel: EntityModel, @unchecked Sendable {
    static let schema = "demands"
    static let resource = ResourceInfo(path: "demands", singular: "demand", plural: "demands", schemaName: "Demand")
    static let access = WriteAccess.initiativeTeam
    static let listing = Listing(
        filters: [
            .id("initiativeID", "initiative_id"),
            .id("poolID", "pool_id"),
            .text("period", "period"),
        ],
        sorts: ["period": "period", "fte": "fte", "updatedAt": "updated_at"],
        defaultSort: "period")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "initiative_id") var initiativeID: UUID
    @Field(key: "pool_id") var poolID: UUID
    @Field(key: "period") var period: String
    @Field(key: "fte") var fte: Double

    init() {}

    var fields: Demand {
        Demand(initiativeID: initiativeID, poolID: poolID, period: .stored(period), fte: fte)
    }

    func apply(_ fields: Demand) {
        initiativeID = fields.initiativeID
        poolID = fields.poolID
        period = fields.period.description
        fte = fields.fte
    }

    static func references(in fields: Demand) -> [EntityReference] {
        [
            EntityReference("initiativeID", fields.initiativeID, InitiativeModel.self, what: "initiative"),
            EntityReference("poolID", fields.poolID, ResourcePoolModel.self, what: "resource pool"),
        ]
    }

    static func governingInitiativeID(of fields: Demand) -> UUID? { fields.initiativeID }

    static func check(_ fields: Demand, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        var query = DemandModel.query(on: database)
            .filter(\.$initiativeID == fields.initiativeID)
            .filter(\.$poolID == fields.poolID)
            .filter(\.$period == fields.period.description)
        if let id { query = query.filter(\.$id != id) }
        return try await query.first() == nil
            ? [] : [FieldIssue("period", "the initiative already has a demand on this pool for \(fields.period)")]
    }
}
