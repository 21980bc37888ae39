import Fluent
import LodestarCore
import Vapor

final class PoolCapacityModel: EntityModel, @unchecked Sendable {
    static let schema = "pool_capacities"
    static let resource = ResourceInfo(path: "pool-capacities", singular: "pool capacity", plural: "pool capacities", schemaName: "PoolCapacity")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        filters: [
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
    @Field(key: "pool_id") var poolID: UUID
    @Field(key: "period") var period: String
    @Field(key: "fte") var fte: Double

    init() {}

    var fields: PoolCapacity {
        PoolCapacity(poolID: poolID, period: .stored(period), fte: fte)
    }

    func apply(_ fields: PoolCapacity) {
        poolID = fields.poolID
        period = fields.period.description
        fte = fields.fte
    }

    static func references(in fields: PoolCapacity) -> [EntityReference] {
        [EntityReference("poolID", fields.poolID, ResourcePoolModel.self, what: "resource pool")]
    }

    static func check(_ fields: PoolCapacity, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        var query = PoolCapacityModel.query(on: database)
            .filter(\.$poolID == fields.poolID)
            .filter(\.$period == fields.period.description)
        if let id { query = query.filter(\.$id != id) }
        return try await query.first() == nil ? [] : [FieldIssue("period", "the pool already has a capacity for \(fields.period)")]
    }
}
