import Fluent
import LodestarCore
import Vapor

final class ResourcePoolModel: EntityModel, @unchecked Sendable {
    static let schema = "resource_pools"
    static let resource = ResourceInfo(path: "pools", singular: "resource pool", plural: "resource pools", schemaName: "ResourcePool")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        filters: [
            .vocabulary("kind", "kind", PoolKind.self),
        ],
        sorts: ["name": "name", "kind": "kind", "costRate": "cost_rate", "updatedAt": "updated_at"],
        defaultSort: "name", searchKey: "name")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "description") var description: String
    @Field(key: "cost_rate") var costRate: Double

    init() {}

    var fields: ResourcePool {
        ResourcePool(name: name, kind: .stored(kind), description: description, costRate: costRate)
    }

    func apply(_ fields: ResourcePool) {
        name = fields.name
        kind = fields.kind.rawValue
        description = fields.description
        costRate = fields.costRate
    }

    static func references(in fields: ResourcePool) -> [EntityReference] { [] }

    static func check(_ fields: ResourcePool, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        var query = ResourcePoolModel.query(on: database).filter(\.$name == fields.name)
        if let id { query = query.filter(\.$id != id) }
        return try await query.first() == nil ? [] : [FieldIssue("name", "'\(fields.name)' is already used by another resource pool")]
    }
}
