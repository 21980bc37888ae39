import Fluent
import LodestarCore
import Vapor

/// Escalation of RAID items: by the rules, or by a person with a reason; every move recorded,
/// audited and announced.
enum EscalationService {
    struct MoveRequest: Content {
        var level: EscalationLevel
        var reason: String
    }

    struct RecordBody: Content {
        var id: UUID
        var itemID: UUID
        var initiativeID: UUID
        var from: EscalationLevel
        var to: EscalationLevel
        var direction: EscalationDirection
        var ruleID: UUID?
        var reason: String
        var actor: String
        var occurredOn: Day

        init(_ model: EscalationRecordModel) {
            let record = model.record
            id = model.id!
            itemID = record.itemID
            initiativeID = model.initiativeID
            from = record.from
            to = record.to
            direction = record.direction
            ruleID = record.ruleID
            reason = record.reason
            actor = model.actor
            occurredOn = record.occurredOn
        }
    }

    struct Evaluation: Content {
        var escalated: [RecordBody]
    }

    /// Runs the active rules over every open item and applies what they raise, all in one transaction.
    static func evaluate(on database: any Database, today: Day) async throws -> [EscalationRecordModel] {
        let items = try await RAIDItemModel.query(on: database).filter(\.$status != RAIDStatus.closed.rawValue).all()
        let rules = try await EscalationRuleModel.query(on: database).all().map(\.record)
        let milestones = Dictionary(uniqueKeysWithValues: try await MilestoneModel.all(where: "id", in: items.compactMap(\.milestoneID), on: database)
            .map { ($0.id!, $0.fields) })
        let subjects = items.map { item in
            EscalationEvaluation.Subject(
                item: item.record, identifiedOn: item.fields.identifiedOn ?? Day(item.createdAt ?? Date()),
                blockedMilestone: item.milestoneID.flatMap { milestones[$0] })
        }
        let due = EscalationEvaluation.evaluate(subjects, rules: rules, today: today)
        let rulesCaller = Commands.commandLineCaller("escalation rules")
        return try await database.transaction { database in
            var records: [EscalationRecordModel] = []
            for escalation in due {
                records.append(try await move(
                    escalation.itemID, to: escalation.to, ruleID: escalation.ruleID, reason: "\(escalation.ruleName): \(escalation.reason)",
                    by: rulesCaller, actor: "rule “\(escalation.ruleName)”", today: today, on: database))
            }
            return records
        }
    }

    /// A person moves an item up or down with a reason. Who may: the PMO and admins everywhere,
    /// executives (who receive escalations) anywhere, owners only within their own initiatives and
    /// only up to portfolio level.
    static func move(_ itemID: UUID, _ body: MoveRequest, by caller: Caller, today: Day, on database: any Database) async throws -> EscalationRecordModel {
        try caller.require([.admin, .pmo, .executive, .owner], to: "escalate or de-escalate RAID items")
        let reason = body.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 2000 else { throw Problem.validation([FieldIssue("reason", "say why, in at most 2000 characters")]) }
        guard let item = try await RAIDItemModel.find(itemID, on: database) else { throw Problem.notFound("RAID item \(itemID)") }
        if caller.role == .owner {
            let initiative = try await InitiativeModel.find(item.initiativeID, on: database)
            guard initiative?.ownerID == caller.userID else { throw Problem.forbidden("Owners may move only their own initiatives' RAID items.") }
            guard body.level != .executive, EscalationLevel.stored(item.escalationLevel) != .executive else {
                throw Problem.forbidden("Only the PMO and executives move items to or from executive level.")
            }
        }
        guard body.level.rawValue != item.escalationLevel else {
            throw Problem.validation([FieldIssue("level", "the item is already at \(body.level.rawValue) level")])
        }
        return try await database.transaction { database in
            try await move(itemID, to: body.level, ruleID: nil, reason: reason, by: caller, actor: caller.email, today: today, on: database)
        }
    }

    /// Changes the item's level through the store (versioned, audited), records the move and, going
    /// up, queues the `risk.escalated` event.
    private static func move(
        _ itemID: UUID, to level: EscalationLevel, ruleID: UUID?, reason: String, by caller: Caller, actor: String, today: Day,
        on database: any Database
    ) async throws -> EscalationRecordModel {
        guard let item = try await RAIDItemModel.find(itemID, on: database) else { throw Problem.notFound("RAID item \(itemID)") }
        let from = EscalationLevel.stored(item.escalationLevel)
        // Executives receive escalations but do not edit RAID logs, and rules are nobody: both write as the move itself.
        let writer = [Role.admin, .pmo, .owner].contains(caller.role) && caller.credential != .commandLine ? caller : Commands.commandLineCaller(caller.email)
        let stored = try await EntityStore<RAIDItemModel>(caller: writer, database: database)
            .update(itemID, expectedVersion: item.version) { current in
                var next = current
                next.escalationLevel = level
                return next
            }
        let record = EscalationRecordModel(
            EscalationRecord(itemID: itemID, from: from, to: level, ruleID: ruleID, reason: reason,
                             actorID: caller.credential == .commandLine ? nil : caller.userID, occurredOn: today),
            initiativeID: item.initiativeID, actor: actor)
        try await record.create(on: database)
        if level.rank > from.rank {
            try await WebhookOutbox.enqueue(.riskEscalated, key: "risk.escalated:\(record.id!)", data: RiskEvent(stored, record: record), on: database)
        }
        return record
    }

    static func history(initiativeID: UUID? = nil, itemID: UUID? = nil, limit: Int = 200, on database: any Database) async throws -> [EscalationRecordModel] {
        let query = EscalationRecordModel.query(on: database)
        if let initiativeID { query.filter(\.$initiativeID == initiativeID) }
        if let itemID { query.filter(\.$raidItemID == itemID) }
        return try await query.sort(\.$occurredOn, .descending).sort(\.$createdAt, .descending).limit(limit).all()
    }
}

struct RiskEvent: Encodable, Sendable {
    var itemID: UUID
    var initiativeID: UUID
    var title: String
    var kind: RAIDKind
    var score: Int
    var from: EscalationLevel
    var to: EscalationLevel
    var reason: String
    var by: String

    init(_ item: RAIDItemModel, record: EscalationRecordModel) {
        itemID = item.id!
        initiativeID = item.initiativeID
        title = item.title
        kind = .stored(item.kind)
        score = item.score
        from = .stored(record.fromLevel)
        to = .stored(record.toLevel)
        reason = record.reason
        by = record.actor
    }
}
