import Fluent
import LodestarCore
import Vapor

final class PlanningCycleModel: EntityModel, @unchecked Sendable {
    static let schema = "planning_cycles"
    static let resource = ResourceInfo(path: "planning-cycles", singular: "planning cycle", plural: "planning cycles", schemaName: "PlanningCycle")
    static let access = WriteAccess.portfolioStaff
    static let ownersMayCreate = false
    static let listing = Listing(
        filters: [.vocabulary("status", "status", PlanningCycleStatus.self)],
        sorts: ["quarter": "quarter", "name": "name", "openedOn": "opened_on", "updatedAt": "updated_at"],
        defaultSort: "quarter", searchKey: "name")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "name") var name: String
    @Field(key: "quarter") var quarter: String
    @Field(key: "status") var status: String
    @Field(key: "opened_on") var openedOn: String
    @OptionalField(key: "closed_on") var closedOn: String?
    @Field(key: "decisions_summary") var decisionsSummary: String

    init() {}

    var fields: PlanningCycle {
        PlanningCycle(
            name: name, quarter: .stored(quarter), status: .stored(status), openedOn: .stored(openedOn), closedOn: .stored(closedOn),
            decisionsSummary: decisionsSummary)
    }

    func apply(_ fields: PlanningCycle) {
        name = fields.name
        quarter = fields.quarter.description
        status = fields.status.rawValue
        openedOn = fields.openedOn.description
        closedOn = fields.closedOn.storedText
        decisionsSummary = fields.decisionsSummary
    }

    static func references(in fields: PlanningCycle) -> [EntityReference] { [] }

    /// One cycle is open at a time, and a cycle closes only through `POST /planning-cycles/{id}/close`,
    /// which keeps its snapshot first (so a cycle without a snapshot cannot be closed).
    static func check(_ fields: PlanningCycle, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        var issues: [FieldIssue] = []
        let current = try await id.asyncMap { try await PlanningCycleModel.find($0, on: database) } ?? nil
        let snapshotKept = try await id.asyncMap { try await PlanSnapshotModel.query(on: database).filter(\.$cycleID == $0).count() > 0 } ?? false
        if fields.status == .closed, current?.status != PlanningCycleStatus.closed.rawValue, !snapshotKept {
            issues.append(FieldIssue("status", "close a cycle with POST /api/v1/planning-cycles/{id}/close, which keeps its snapshot"))
        }
        if fields.status == .open {
            var open = PlanningCycleModel.query(on: database).filter(\.$status == PlanningCycleStatus.open.rawValue)
            if let id { open = open.filter(\.$id != id) }
            if let other = try await open.first() {
                issues.append(FieldIssue("status", "'\(other.name)' is still open: close it before opening another cycle"))
            }
            if current?.status == PlanningCycleStatus.closed.rawValue {
                issues.append(FieldIssue("status", "a closed cycle stays closed; open a new cycle"))
            }
        }
        return issues
    }
}
