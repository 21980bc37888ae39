import Fluent
import LodestarCore
import Vapor

final class BenefitMeasurementModel: EntityModel, @unchecked Sendable {
    static let schema = "benefit_measurements"
    static let resource = ResourceInfo(
        path: "benefit-measurements", singular: "benefit measurement", plural: "benefit measurements",
        schemaName: "BenefitMeasurement")
    static let access = WriteAccess.initiativeTeam
    static let listing = Listing(
        filters: [
            .id("benefitID", "benefit_id"),
        ],
        sorts: ["measuredOn": "measured_on", "value": "value", "updatedAt": "updated_at"],
        defaultSort: "measuredOn")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "benefit_id") var benefitID: UUID
    @Field(key: "measured_on") var measuredOn: String
    @Field(key: "value") var value: Double
    @Field(key: "note") var note: String

    init() {}

    var fields: BenefitMeasurement {
        BenefitMeasurement(benefitID: benefitID, measuredOn: .stored(measuredOn), value: value, note: note)
    }

    func apply(_ fields: BenefitMeasurement) {
        benefitID = fields.benefitID
        measuredOn = fields.measuredOn.description
        value = fields.value
        note = fields.note
    }

    static func references(in fields: BenefitMeasurement) -> [EntityReference] {
        [EntityReference("benefitID", fields.benefitID, BenefitModel.self, what: "benefit")]
    }

    /// The benefit's initiative: its owner reports the readings. An objective's benefit has none, so
    /// only the PMO measures it.
    static func governingInitiativeID(of fields: BenefitMeasurement, on database: any Database) async throws -> UUID? {
        try await BenefitModel.find(fields.benefitID, on: database)?.initiativeID
    }
}
