import Fluent
import LodestarCore
import Vapor

final class MilestoneModel: EntityModel, @unchecked Sendable {
    static let schema = "milestones"
    static let resource = ResourceInfo(path: "milestones", singular: "milestone", plural: "milestones", schemaName: "Milestone")
    static let access = WriteAccess.initiativeTeam
    static let listing = Listing(
        filters: [
            .id("initiativeID", "initiative_id"),
        ],
        sorts: [
            "name": "name", "baselineDate": "baseline_date", "forecastDate": "forecast_date", "actualDate": "actual_date",
            "updatedAt": "updated_at",
        ],
        defaultSort: "forecastDate", searchKey: "name")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "initiative_id") var initiativeID: UUID
    @Field(key: "name") var name: String
    @OptionalField(key: "baseline_date") var baselineDate: String?
    @Field(key: "forecast_date") var forecastDate: String
    @OptionalField(key: "actual_date") var actualDate: String?

    init() {}

    var fields: Milestone {
        Milestone(
            initiativeID: initiativeID, name: name, baselineDate: .stored(baselineDate), forecastDate: .stored(forecastDate),
            actualDate: .stored(actualDate))
    }

    func apply(_ fields: Milestone) {
        initiativeID = fields.initiativeID
        name = fields.name
        baselineDate = fields.baselineDate.storedText
        forecastDate = fields.forecastDate.description
        actualDate = fields.actualDate.storedText
    }

    static func references(in fields: Milestone) -> [EntityReference] {
        [EntityReference("initiativeID", fields.initiativeID, InitiativeModel.self, what: "initiative")]
    }

    static func governingInitiativeID(of fields: Milestone) -> UUID? { fields.initiativeID }

    /// Keeps the slippage history: the first forecast and every later move of it.
    func didWrite(previous: Milestone?, by caller: Caller, on database: any Database) async throws {
        let current = fields
        if let previous, previous.forecastDate == current.forecastDate { return }
        let change = ForecastChangeModel(ForecastChange(
            milestoneID: id!, changedOn: Day(Date()), previousDate: previous?.forecastDate, newDate: current.forecastDate,
            // The command line acts for whoever can reach the database, so it names no person.
            changedBy: caller.credential == .commandLine ? nil : caller.userID))
        try await change.create(on: database)
    }
}
