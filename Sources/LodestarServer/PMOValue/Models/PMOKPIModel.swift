import Fluent
import LodestarCore
import Vapor

final class PMOKPIModel: EntityModel, @unchecked Sendable {
    static let schema = "pmo_kpis"
    static let resource = ResourceInfo(path: "pmo-kpis", singular: "PMO KPI", plural: "PMO KPIs", schemaName: "PMOKPI")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        filters: [.id("serviceID", "service_id"), .vocabulary("source", "source", KPISource.self)],
        sorts: ["name": "name", "updatedAt": "updated_at"], defaultSort: "name", searchKey: "name")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "unit") var unit: String
    @Field(key: "direction") var direction: String
    @Field(key: "target") var target: Double
    @OptionalField(key: "service_id") var serviceID: UUID?
    @Field(key: "source") var source: String

    init() {}

    var fields: PMOKPI {
        PMOKPI(name: name, description: description, unit: unit, direction: .stored(direction), target: target, serviceID: serviceID,
               source: .stored(source))
    }

    func apply(_ fields: PMOKPI) {
        name = fields.name
        description = fields.description
        unit = fields.unit
        direction = fields.direction.rawValue
        target = fields.target
        serviceID = fields.serviceID
        source = fields.source.rawValue
    }

    static func references(in fields: PMOKPI) -> [EntityReference] {
        [EntityReference("serviceID", fields.serviceID, PMOServiceModel.self, what: "PMO service")]
    }
}
