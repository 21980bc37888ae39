import Fluent
import LodestarCore
import Vapor

final class DependencyModel: EntityModel, @unchecked Sendable {
    static let schema = "dependencies"
    static let resource = ResourceInfo(path: "dependencies", singular: "dependency", plural: "dependencies", schemaName: "Dependency")
    static let access = WriteAccess.initiativeTeam
    static let listing = Listing(
        filters: [
            .id("predecessorID", "predecessor_id"),
            .id("successorID", "successor_id"),
            .vocabulary("kind", "kind", DependencyKind.self),
        ],
        sorts: ["kind": "kind", "createdAt": "created_at", "updatedAt": "updated_at"],
        defaultSort: "createdAt")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "predecessor_id") var predecessorID: UUID
    @Field(key: "successor_id") var successorID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "description") var description: String

    init() {}

    var fields: Dependency {
        Dependency(predecessorID: predecessorID, successorID: successorID, kind: .stored(kind), description: description)
    }

    func apply(_ fields: Dependency) {
        predecessorID = fields.predecessorID
        successorID = fields.successorID
        kind = fields.kind.rawValue
        description = fields.description
    }

    static func references(in fields: Dependency) -> [EntityReference] {
        [
            EntityReference("predecessorID", fields.predecessorID, InitiativeModel.self, what: "initiative"),
            EntityReference("successorID", fields.successorID, InitiativeModel.self, what: "initiative"),
        ]
    }

    /// The successor is the initiative that waits, so its owner is the one who declares what it needs.
    static func governingInitiativeID(of fields: Dependency) -> UUID? { fields.successorID }

    static func check(_ fields: Dependency, replacing id: UUID?, on database: any Database) async throws -> [FieldIssue] {
        var query = DependencyModel.query(on: database).field(\.$predecessorID).field(\.$successorID)
        // The record being replaced is about to become this edge, so it must not count against it.
        if let id { query = query.filter(\.$id != id) }
        let edges = try await query.all().map { (predecessor: $0.predecessorID, successor: $0.successorID) }
        if edges.contains(where: { $0.predecessor == fields.predecessorID && $0.successor == fields.successorID }) {
            return [FieldIssue("predecessorID", "the successor already depends on this predecessor")]
        }
        if DependencyGraph.wouldCreateCycle(adding: fields.predecessorID, fields.successorID, to: edges) {
            return [FieldIssue("predecessorID", "this dependency would close a loop: the predecessor already waits for the successor")]
        }
        return []
    }
}
