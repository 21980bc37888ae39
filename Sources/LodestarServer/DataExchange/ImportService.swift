import Fluent
import Foundation
import LodestarCore
import Vapor

/// What an import did, or would do: one line per record, and the totals.
public struct ImportOutcome: Content, Sendable, Equatable {
    public enum Action: String, Vocabulary {
        case create, update, unchanged, skip
    }

    public struct Line: Content, Sendable, Equatable {
        /// `initiatives`, `milestones`, `pools`, `dependencies`, `demands`, or `file` for skipped parts.
        public var entity: String
        public var externalID: String
        public var name: String
        public var action: Action
        public var detail: String
        public var location: String
    }

    public var format: String
    public var fileName: String
    /// False for a preview: nothing was written.
    public var committed: Bool
    public var created: Int
    public var updated: Int
    public var unchanged: Int
    public var skipped: Int
    public var lines: [Line]
    /// The history entry of a committed import.
    public var runID: UUID?

    public var summary: String {
        committed ? "\(created) created, \(updated) updated, \(unchanged) unchanged, \(skipped) skipped"
            : "\(created) to create, \(updated) to update, \(unchanged) unchanged, \(skipped) skipped"
    }
}

/// Writes an import plan in one transaction: records are matched by their external ids (and pools by
/// name), so importing the same source again updates instead of duplicating; every write goes through
/// `EntityStore` (validated, audited). A preview runs the very same writes and rolls them back, so it
/// reports exactly what a commit would do, errors included.
struct ImportService {
    let caller: Caller
    let database: any Database

    private struct Rollback: Error {
        var outcome: ImportOutcome
    }

    func run(_ plan: ImportPlan, format: String, commit: Bool) async throws -> ImportOutcome {
        try caller.require([.admin, .pmo], to: "import portfolio data")
        do {
            let outcome = try await database.transaction { database in
                var writer = Writer(caller: caller, database: database, plan: plan)
                var outcome = try await writer.write(format: format)
                outcome.committed = commit
                if !commit { throw Rollback(outcome: outcome) }
                outcome.runID = try await Self.record(outcome, by: caller, on: database)
                return outcome
            }
            return outcome
        } catch let rollback as Rollback {
            return rollback.outcome
        }
    }

    /// A failed sync is kept in the history with its reason; its own writes were rolled back.
    static func recordFailure(format: String, source: String, message: String, by caller: Caller, on database: any Database) async throws {
        let run = ImportRunModel()
        run.id = UUID()
        run.occurredAt = Date()
        run.format = format
        run.fileName = String(source.prefix(250))
        run.actorEmail = caller.email
        run.created = 0
        run.updated = 0
        run.unchanged = 0
        run.skipped = 0
        run.succeeded = false
        run.message = String(message.prefix(2000))
        try await run.create(on: database)
    }

    static func record(_ outcome: ImportOutcome, by caller: Caller, on database: any Database) async throws -> UUID {
        let run = ImportRunModel()
        run.id = UUID()
        run.occurredAt = Date()
        run.format = outcome.format
        run.fileName = String(outcome.fileName.prefix(250))
        run.actorEmail = caller.email
        run.created = outcome.created
        run.updated = outcome.updated
        run.unchanged = outcome.unchanged
        run.skipped = outcome.skipped
        run.succeeded = true
        run.message = "\(outcome.created) created, \(outcome.updated) updated, \(outcome.unchanged) unchanged, \(outcome.skipped) skipped"
        try await run.create(on: database)
        return run.id!
    }

    /// One plan's writes inside the transaction.
    private struct Writer {
        let caller: Caller
        let database: any Database
        let plan: ImportPlan
        var lines: [ImportOutcome.Line] = []
        /// New milestones and demands, the bulk of a large plan, are validated here and inserted many
        /// rows per statement at the end (with their audit entries), instead of one store call each.
        var pending = PendingRows()
        var milestoneLinks: [String: UUID] = [:]
        var demands: [String: DemandModel] = [:]

        init(caller: Caller, database: any Database, plan: ImportPlan) {
            self.caller = caller
            self.database = database
            self.plan = plan
        }

        struct PendingRows {
            var milestones: [MilestoneModel] = []
            var forecasts: [ForecastChangeModel] = []
            var demands: [DemandModel] = []
            var links: [ExternalLinkModel] = []
            var audit: [AuditEntryModel] = []
        }

        mutating func write(format: String) async throws -> ImportOutcome {
            var poolIDs: [String: UUID] = [:]
            for pool in plan.pools {
                poolIDs[pool.externalID] = try await write(pool)
            }
            var initiativeIDs: [String: UUID] = [:]
            for initiative in plan.initiatives {
                initiativeIDs[initiative.externalID] = try await write(initiative)
            }
            func initiativeID(_ key: String, _ location: FileLocation) throws -> UUID {
                guard let id = initiativeIDs[key] else {
                    throw ImportFailure([ImportError(location, "belongs to initiative '\(key)', which the file does not define")])
                }
                return id
            }
            // What already exists, read once rather than per record.
            milestoneLinks = Dictionary(
                try await ExternalLinkModel.query(on: database).filter(\.$source == plan.source).filter(\.$entity == "milestones").all()
                    .map { ($0.externalID, $0.recordID) }, uniquingKeysWith: { first, _ in first })
            let initiatives = Array(Set(initiativeIDs.values))
            if !plan.demands.isEmpty, !initiatives.isEmpty {
                for demand in try await DemandModel.query(on: database).filter(\.$initiativeID ~~ initiatives).all() {
                    demands["\(demand.initiativeID)|\(demand.poolID)|\(demand.period)"] = demand
                }
            }
            for milestone in plan.milestones {
                try await write(milestone, initiativeID: try initiativeID(milestone.initiativeExternalID, milestone.location))
            }
            for dependency in plan.dependencies {
                try await write(dependency,
                                predecessor: try initiativeID(dependency.predecessorExternalID, dependency.location),
                                successor: try initiativeID(dependency.successorExternalID, dependency.location))
            }
            for demand in plan.demands {
                let location = FileLocation(file: plan.fileName, element: "demand \(demand.externalID)")
                guard let pool = poolIDs[demand.poolExternalID] else { continue }
                try await write(demand, initiativeID: try initiativeID(demand.initiativeExternalID, location), poolID: pool)
            }
            for item in plan.raidItems {
                try await write(item, initiativeID: try initiativeID(item.initiativeExternalID, item.location))
            }
            try await flush()
            for skipped in plan.skipped {
                lines.append(.init(entity: "file", externalID: "", name: "", action: .skip, detail: skipped.reason, location: skipped.location.description))
            }
            func count(_ action: ImportOutcome.Action) -> Int { lines.filter { $0.action == action }.count }
            return ImportOutcome(
                format: format, fileName: plan.fileName, committed: false, created: count(.create), updated: count(.update),
                unchanged: count(.unchanged), skipped: count(.skip), lines: lines, runID: nil)
        }

        // MARK: - per kind of record

        private mutating func write(_ planned: ImportPlan.PlannedInitiative) async throws -> UUID {
            let existing = try await InitiativeModel.query(on: database)
                .filter(\.$externalSource == plan.source).filter(\.$externalID == planned.externalID).first()
            let line = { (action: ImportOutcome.Action, detail: String) in
                ImportOutcome.Line(entity: "initiatives", externalID: planned.externalID, name: "\(planned.fields.code) \(planned.fields.name)",
                                   action: action, detail: detail, location: planned.location.description)
            }
            let progress = planned.progress.map { String(format: "%.0f%% done", $0 * 100) }
            guard let existing else {
                let model = try await store(InitiativeModel.self, planned.location).create(planned.fields)
                lines.append(line(.create, [planned.fields.status.label, progress].compactMap { $0 }.joined(separator: ", ")))
                return model.id!
            }
            let merged = try Self.merge(planned.fields, into: existing.fields, owned: planned.ownedFields)
            if merged == existing.fields {
                lines.append(line(.unchanged, progress ?? ""))
            } else {
                _ = try await store(InitiativeModel.self, planned.location).update(existing.id!, expectedVersion: existing.version) { _ in merged }
                lines.append(line(.update, Self.changedFields(existing.fields, merged)))
            }
            return existing.id!
        }

        private mutating func write(_ planned: ImportPlan.PlannedPool) async throws -> UUID {
            let line = { (action: ImportOutcome.Action, detail: String) in
                ImportOutcome.Line(entity: "pools", externalID: planned.externalID, name: planned.fields.name,
                                   action: action, detail: detail, location: planned.location.description)
            }
            if let id = try await linked("pools", planned.externalID) {
                lines.append(line(.unchanged, "pool already imported"))
                return id
            }
            // Pools are shared by every plan that names them; one the PMO already keeps is reused as it is.
            if let pool = try await ResourcePoolModel.query(on: database).filter(\.$name == planned.fields.name).first() {
                try await link("pools", planned.externalID, to: pool.id!)
                lines.append(line(.unchanged, "matches the existing pool of that name"))
                return pool.id!
            }
            let model = try await store(ResourcePoolModel.self, planned.location).create(planned.fields)
            try await link("pools", planned.externalID, to: model.id!)
            lines.append(line(.create, String(format: "cost rate %.0f per FTE-quarter", planned.fields.costRate)))
            return model.id!
        }

        private mutating func write(_ planned: ImportPlan.PlannedMilestone, initiativeID: UUID) async throws {
            let fields = Milestone(
                initiativeID: initiativeID, name: planned.name, baselineDate: planned.baselineDate,
                forecastDate: planned.forecastDate, actualDate: planned.actualDate)
            let line = { (action: ImportOutcome.Action, detail: String) in
                ImportOutcome.Line(entity: "milestones", externalID: planned.externalID, name: planned.name,
                                   action: action, detail: detail, location: planned.location.description)
            }
            let dates = "forecast \(planned.forecastDate)" + (planned.actualDate.map { ", reached \($0)" } ?? "")
            if let id = milestoneLinks[planned.externalID], let existing = try await MilestoneModel.find(id, on: database) {
                if existing.fields == fields {
                    lines.append(line(.unchanged, dates))
                } else {
                    _ = try await store(MilestoneModel.self, planned.location).update(id, expectedVersion: existing.version) { _ in fields }
                    lines.append(line(.update, Self.changedFields(existing.fields, fields)))
                }
                return
            }
            try check(fields.validate(), planned.location)
            let model = MilestoneModel(Record(id: UUID(), fields: fields))
            pending.milestones.append(model)
            // The first forecast starts the slippage history, as a milestone created in the app does.
            pending.forecasts.append(ForecastChangeModel(ForecastChange(
                milestoneID: model.id!, changedOn: Day(Date()), previousDate: nil, newDate: fields.forecastDate,
                changedBy: caller.credential == .commandLine ? nil : caller.userID)))
            pending.links.append(ExternalLinkModel(source: plan.source, entity: "milestones", externalID: planned.externalID, recordID: model.id!))
            try audit(MilestoneModel.resource.path, model.id!, fields)
            lines.append(line(.create, dates))
        }

        private mutating func write(_ planned: ImportPlan.PlannedDependency, predecessor: UUID, successor: UUID) async throws {
            let line = { (action: ImportOutcome.Action, detail: String) in
                ImportOutcome.Line(entity: "dependencies", externalID: planned.externalID, name: planned.externalID,
                                   action: action, detail: detail, location: planned.location.description)
            }
            if try await DependencyModel.query(on: database)
                .filter(\.$predecessorID == predecessor).filter(\.$successorID == successor).first() != nil {
                lines.append(line(.unchanged, "already recorded"))
                return
            }
            let model = try await store(DependencyModel.self, planned.location)
                .create(Dependency(predecessorID: predecessor, successorID: successor, description: planned.description))
            try await link("dependencies", planned.externalID, to: model.id!)
            lines.append(line(.create, planned.description))
        }

        private mutating func write(_ planned: ImportPlan.PlannedDemand, initiativeID: UUID, poolID: UUID) async throws {
            let location = FileLocation(file: plan.fileName, element: "demand \(planned.externalID)")
            let fields = Demand(initiativeID: initiativeID, poolID: poolID, period: planned.period, fte: planned.fte)
            let line = { (action: ImportOutcome.Action, detail: String) in
                ImportOutcome.Line(entity: "demands", externalID: planned.externalID, name: "\(planned.poolExternalID) \(planned.period)",
                                   action: action, detail: detail, location: location.description)
            }
            let detail = String(format: "%.2f FTE", planned.fte)
            if let existing = demands["\(initiativeID)|\(poolID)|\(planned.period)"] {
                if abs(existing.fte - planned.fte) < 0.0005 {
                    lines.append(line(.unchanged, detail))
                } else {
                    _ = try await store(DemandModel.self, location).update(existing.id!, expectedVersion: existing.version) { _ in fields }
                    lines.append(line(.update, String(format: "%.2f → %.2f FTE", existing.fte, planned.fte)))
                }
                return
            }
            try check(fields.validate(), location)
            let model = DemandModel(Record(id: UUID(), fields: fields))
            pending.demands.append(model)
            demands["\(initiativeID)|\(poolID)|\(planned.period)"] = model
            try audit(DemandModel.resource.path, model.id!, fields)
            lines.append(line(.create, detail))
        }

        private mutating func write(_ planned: ImportPlan.PlannedRAIDItem, initiativeID: UUID) async throws {
            let line = { (action: ImportOutcome.Action, detail: String) in
                ImportOutcome.Line(entity: "raid-items", externalID: planned.externalID, name: planned.title,
                                   action: action, detail: detail, location: planned.location.description)
            }
            let detail = "\(planned.kind.label), \(planned.status.label)"
            if let id = try await linked("raid-items", planned.externalID), let existing = try await RAIDItemModel.find(id, on: database) {
                // Owner, mitigation, escalation and scoring are the team's judgement in Lodestar; the source owns the rest.
                var fields = existing.fields
                fields.title = planned.title
                fields.description = planned.description
                fields.dueDate = planned.dueDate
                fields.status = planned.status
                if fields == existing.fields {
                    lines.append(line(.unchanged, detail))
                } else {
                    _ = try await store(RAIDItemModel.self, planned.location).update(id, expectedVersion: existing.version) { [fields] _ in fields }
                    lines.append(line(.update, Self.changedFields(existing.fields, fields)))
                }
                return
            }
            let fields = RAIDItem(
                initiativeID: initiativeID, kind: planned.kind, title: planned.title, description: planned.description,
                probability: planned.probability, impact: planned.impact, dueDate: planned.dueDate, status: planned.status)
            let model = try await store(RAIDItemModel.self, planned.location).create(fields)
            try await link("raid-items", planned.externalID, to: model.id!)
            lines.append(line(.create, detail))
        }

        // MARK: - support

        private func check(_ issues: [FieldIssue], _ location: FileLocation) throws {
            if !issues.isEmpty { throw ImportFailure(issues.map { ImportError(location, field: $0.field, $0.reason) }) }
        }

        /// The audit entry `EntityStore` would write for a created record.
        private mutating func audit(_ entity: String, _ id: UUID, _ fields: some Encodable) throws {
            let changes = AuditLog.changes(before: nil, after: try JSONValue(encoding: fields))
            pending.audit.append(AuditEntryModel(
                occurredAt: Date(), actorID: caller.credential == .commandLine ? nil : caller.userID, actorEmail: caller.email,
                action: .create, entity: entity, entityID: id, changes: String(decoding: try JSONEncoder.api.encode(changes), as: UTF8.self)))
        }

        /// Inserts the pending rows, parents first, a few hundred per statement.
        private mutating func flush() async throws {
            try await Self.insert(pending.milestones, on: database)
            try await Self.insert(pending.forecasts, on: database)
            try await Self.insert(pending.demands, on: database)
            try await Self.insert(pending.links, on: database)
            try await Self.insert(pending.audit, on: database)
            pending = PendingRows()
        }

        private static func insert<M: Model>(_ models: [M], on database: any Database) async throws {
            var start = 0
            while start < models.count {
                try await models[start..<min(start + 200, models.count)].create(on: database)
                start += 200
            }
        }

        private func store<M: EntityModel>(_ model: M.Type, _ location: FileLocation) -> LocatedStore<M> {
            LocatedStore(store: EntityStore<M>(caller: caller, database: database), location: location)
        }

        private func linked(_ entity: String, _ externalID: String) async throws -> UUID? {
            try await ExternalLinkModel.query(on: database)
                .filter(\.$source == plan.source).filter(\.$entity == entity).filter(\.$externalID == externalID)
                .first()?.recordID
        }

        private func link(_ entity: String, _ externalID: String, to id: UUID) async throws {
            try await ExternalLinkModel(source: plan.source, entity: entity, externalID: externalID, recordID: id).create(on: database)
        }

        /// The existing initiative with only the fields the source owns replaced.
        static func merge(_ imported: Initiative, into existing: Initiative, owned: [String]) throws -> Initiative {
            guard case .object(var result) = try JSONValue(encoding: existing), case .object(let incoming) = try JSONValue(encoding: imported) else {
                return imported
            }
            for key in owned { result[key] = incoming[key] ?? .null }
            return try JSONValue.object(result.filter { $0.value != .null }).decode(as: Initiative.self)
        }

        static func changedFields<T: Encodable>(_ before: T, _ after: T) -> String {
            guard let old = try? JSONValue(encoding: before), let new = try? JSONValue(encoding: after) else { return "" }
            return AuditLog.changes(before: old, after: new).keys.sorted().joined(separator: ", ")
        }
    }
}

/// An `EntityStore` whose validation problems become import errors at the record's place in the file.
private struct LocatedStore<M: EntityModel> {
    let store: EntityStore<M>
    let location: FileLocation

    func create(_ fields: M.Fields) async throws -> M {
        do { return try await store.create(fields) } catch let problem as Problem { throw failure(problem) }
    }

    func update(_ id: UUID, expectedVersion: Int, with change: @escaping @Sendable (M.Fields) throws -> M.Fields) async throws -> M {
        do { return try await store.update(id, expectedVersion: expectedVersion, with: change) } catch let problem as Problem { throw failure(problem) }
    }

    private func failure(_ problem: Problem) -> any Error {
        guard !problem.issues.isEmpty else { return problem }
        return ImportFailure(problem.issues.map { ImportError(location, field: $0.field, $0.reason) })
    }
}
