import Fluent
import LodestarCore
import Vapor

/// One move of a milestone's forecast, written by `MilestoneModel.didWrite` and never edited: the
/// slippage history that forecasting and delay analysis read.
final class ForecastChangeModel: Model, @unchecked Sendable {
    static let schema = "milestone_forecast_changes"

    @ID(key: .id) var id: UUID?
    @Field(key: "milestone_id") var milestoneID: UUID
    @Field(key: "changed_on") var changedOn: String
    @OptionalField(key: "previous_date") var previousDate: String?
    @Field(key: "new_date") var newDate: String
    /// No foreign key, as in the audit log: history outlives the account that made it.
    @OptionalField(key: "changed_by") var changedBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(_ change: ForecastChange) {
        milestoneID = change.milestoneID
        changedOn = change.changedOn.description
        previousDate = change.previousDate.storedText
        newDate = change.newDate.description
        changedBy = change.changedBy
    }

    var change: ForecastChange {
        ForecastChange(
            milestoneID: milestoneID, changedOn: .stored(changedOn), previousDate: .stored(previousDate), newDate: .stored(newDate),
            changedBy: changedBy)
    }

    /// A milestone's forecast changes, oldest first.
    static func history(of milestoneID: UUID, on database: any Database) async throws -> [ForecastChange] {
        try await ForecastChangeModel.query(on: database)
            .filter(\.$milestoneID == milestoneID)
            .sort(\.$changedOn)
            // Several moves on one day keep the order they were made in.
            .sort(\.$createdAt)
            .all()
            .map(\.change)
    }
}
