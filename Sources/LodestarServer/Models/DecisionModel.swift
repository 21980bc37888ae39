import Fluent
import LodestarCore
import Vapor

final class DecisionModel: EntityModel, @unchecked Sendable {
    static let schema = "decisions"
    static let resource = ResourceInfo(path: "decisions", singular: "decision", plural: "decisions", schemaName: "Decision")
    static let access = WriteAccess.decisionMakers
    static let listing = Listing(
        filters: [
            .id("initiativeID", "initiative_id"),
            .id("decisionMakerID", "decision_maker_id"),
            .vocabulary("type", "type", DecisionType.self),
            .vocabulary("status", "status", DecisionStatus.self),
        ],
        sorts: [
            "title": "title", "type": "type", "status": "status", "requestedOn": "requested_on", "neededBy": "needed_by",
            "decidedOn": "decided_on", "updatedAt": "updated_at",
        ],
        defaultSort: "requestedOn", searchKey: "title")

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "title") var title: String
    @Field(key: "context") var context: String
    @Field(key: "type") var type: String
    @OptionalField(key: "initiative_id") var initiativeID: UUID?
    @OptionalField(key: "decision_maker_id") var decisionMakerID: UUID?
    /// A JSON array of strings: the options are only ever read whole, and both databases store text alike.
    @Field(key: "options") var options: String
    @Field(key: "requested_on") var requestedOn: String
    @OptionalField(key: "needed_by") var neededBy: String?
    @OptionalField(key: "decided_on") var decidedOn: String?
    @Field(key: "status") var status: String
    @Field(key: "outcome") var outcome: String
    @Field(key: "rationale") var rationale: String
    @OptionalField(key: "amount") var amount: Double?
    /// A JSON array of initiative ids; absent on rows written before governance.
    @OptionalField(key: "linked_initiative_ids") var linkedInitiativeIDs: String?

    init() {}

    var fields: Decision {
        Decision(
            title: title, context: context, type: .stored(type), initiativeID: initiativeID, decisionMakerID: decisionMakerID,
            options: Self.decodeOptions(options), requestedOn: .stored(requestedOn), neededBy: .stored(neededBy),
            decidedOn: .stored(decidedOn), status: .stored(status), outcome: outcome, rationale: rationale, amount: amount,
            linkedInitiativeIDs: StoredJSON.decode([UUID].self, linkedInitiativeIDs, fallback: []))
    }

    func apply(_ fields: Decision) {
        title = fields.title
        context = fields.context
        type = fields.type.rawValue
        initiativeID = fields.initiativeID
        decisionMakerID = fields.decisionMakerID
        options = Self.encodeOptions(fields.options)
        requestedOn = fields.requestedOn.description
        neededBy = fields.neededBy.storedText
        decidedOn = fields.decidedOn.storedText
        status = fields.status.rawValue
        outcome = fields.outcome
        rationale = fields.rationale
        amount = fields.amount
        linkedInitiativeIDs = StoredJSON.encode(fields.linkedInitiativeIDs)
    }

    static func references(in fields: Decision) -> [EntityReference] {
        [
            EntityReference("initiativeID", fields.initiativeID, InitiativeModel.self, what: "initiative"),
            EntityReference("decisionMakerID", fields.decisionMakerID, UserModel.self, what: "user"),
        ] + fields.linkedInitiativeIDs.enumerated().map {
            EntityReference("linkedInitiativeIDs[\($0.offset)]", $0.element, InitiativeModel.self, what: "initiative")
        }
    }

    /// Only the decision's maker (or an admin) records its outcome; a new pending decision is announced.
    func didWrite(previous: Decision?, by caller: Caller, on database: any Database) async throws {
        try DecisionRights.authoriseOutcome(previous: previous, next: fields, by: caller)
        if previous == nil, fields.status == .pending, let id {
            try await WebhookOutbox.enqueue(.decisionRequested, key: "decision.requested:\(id)", data: DecisionEvent(id: id, fields), on: database)
        }
    }

    /// A portfolio-level decision has no initiative, so only staff and executives may write it.
    static func governingInitiativeID(of fields: Decision) -> UUID? { fields.initiativeID }

    static func encodeOptions(_ options: [String]) -> String {
        // Encoding an array of strings cannot fail; the fallback only satisfies the signature.
        (try? JSONEncoder().encode(options)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// Text edited by hand outside Lodestar into something that is not an array reads as no options.
    static func decodeOptions(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
