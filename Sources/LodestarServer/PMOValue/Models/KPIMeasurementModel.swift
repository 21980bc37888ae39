import Fluent
import LodestarCore
import Vapor

final class KPIMeasurementModel: EntityModel, @unchecked Sendable {
    static let schema = "pmo_kpi_measurements"
    static let resource = ResourceInfo(
        path: "pmo-kpi-measurements", singular: "PMO KPI measurement", plural: "PMO KPI measurements", schemaName: "KPIMeasurement")
    static let access = WriteAccess.portfolioStaff
    static let listing = Listing(
        filters: [.id("kpiID", "kpi_id")],
        sorts: ["measuredOn": "measured_on", "value": "value", "updatedAt": "updated_at"], defaultSort: "measuredOn")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "kpi_id") var kpiID: UUID
    @Field(key: "measured_on") var measuredOn: String
    @Field(key: "value") var value: Double
    @Field(key: "note") var note: String

    init() {}

    var fields: KPIMeasurement { KPIMeasurement(kpiID: kpiID, measuredOn: .stored(measuredOn), value: value, note: note) }

    func apply(_ fields: KPIMeasurement) {
        kpiID = fields.kpiID
        measuredOn = fields.measuredOn.description
        value = fields.value
        note = fields.note
    }

    static func references(in fields: KPIMeasurement) -> [EntityReference] {
        [EntityReference("kpiID", fields.kpiID, PMOKPIModel.self, what: "PMO KPI")]
    }

    /// One value per KPI per day: a second one would make the trend ambiguous.
    static func check(_ fields: KPIMeasurement, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        let clash = try await query(on: database)
            .filter(\.$kpiID == fields.kpiID).filter(\.$measuredOn == fields.measuredOn.description).all()
            .contains { $0.id != id }
        return clash ? [FieldIssue("measuredOn", "the KPI already has a measurement on \(fields.measuredOn)")] : []
    }
}
