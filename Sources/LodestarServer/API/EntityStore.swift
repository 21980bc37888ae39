import Fluent
import LodestarCore
import SQLKit
import Vapor

/// Every single-record write to the portfolio goes through here, from the API and the web forms:
/// authorise, validate, check references, apply, audit — in one transaction.
struct EntityStore<M: EntityModel>: Sendable {
    let caller: Caller
    let database: any Database

    func create(_ fields: M.Fields, id: UUID? = nil) async throws -> M {
        try authoriseRole()
        if caller.role == .owner, !M.ownersMayCreate {
            throw Problem.forbidden("Owners may not create \(M.resource.plural); ask the PMO.")
        }
        // Made before the transaction: the write lock is held only for what needs the database.
        let model = M()
        model.id = id ?? UUID()
        model.version = 1
        model.apply(fields)
        let audit = try AuditLog.entry(.create, entity: M.resource.path, id: model.id!, before: nil, after: try JSONValue(encoding: fields), by: caller)
        let validatedFirst = M.databaseEnforcesCreateRules
        if validatedFirst {
            try await authoriseOwnership(of: fields, on: database)
            try await validate(fields, replacing: nil, on: database)
        }
        do {
            return try await database.writing { database in
                if !validatedFirst {
                    // Ownership first, so an owner cannot probe other owners' records through validation errors.
                    try await self.authoriseOwnership(of: fields, on: database)
                    try await self.validate(fields, replacing: nil, on: database)
                }
                try await PlainInsert.create(model, on: database)
                try await model.didWrite(previous: nil, by: self.caller, on: database)
                if let audit { try await PlainInsert.create(audit, on: database) }
                return model
            }
        } catch where validatedFirst && (error as? any DatabaseError)?.isConstraintFailure == true {
            // Another write got in between validation and this one: validation now says what it broke.
            try await validate(fields, replacing: nil, on: database)
            throw error
        }
    }

    /// Replaces the fields of the record at `expectedVersion`; any other current version is a 412.
    func update(_ id: UUID, expectedVersion: Int, with change: @escaping @Sendable (M.Fields) throws -> M.Fields) async throws -> M {
        try authoriseRole()
        return try await database.writing { database in
            try await self.claim(id, expectedVersion: expectedVersion, on: database)
            guard let model = try await RecordLookup.find(M.self, id, on: database) else { throw Problem.notFound("\(M.resource.singular.capitalisedFirst) \(id)") }
            let previous = model.fields
            try await self.authoriseOwnership(of: previous, on: database)
            let fields = try change(previous)
            try await self.authoriseOwnership(of: fields, on: database)
            try await self.validate(fields, replacing: id, on: database)
            model.apply(fields)
            try await model.save(on: database)
            try await model.didWrite(previous: previous, by: self.caller, on: database)
            try await AuditLog.record(
                .update, entity: M.resource.path, id: id, before: try JSONValue(encoding: previous),
                after: try JSONValue(encoding: fields), by: self.caller, on: database)
            return model
        }
    }

    func delete(_ id: UUID, expectedVersion: Int?) async throws {
        try authoriseRole()
        try await database.writing { database in
            // Claimed like an update, so a delete can never remove a version it did not see.
            if let expectedVersion { try await self.claim(id, expectedVersion: expectedVersion, on: database) }
            guard let model = try await RecordLookup.find(M.self, id, on: database) else { throw Problem.notFound("\(M.resource.singular.capitalisedFirst) \(id)") }
            try await self.authoriseOwnership(of: model.fields, on: database)
            let before = try JSONValue(encoding: model.fields)
            try await model.delete(on: database)
            try await AuditLog.record(.delete, entity: M.resource.path, id: id, before: before, after: nil, by: self.caller, on: database)
        }
    }

    private func claim(_ id: UUID, expectedVersion: Int, on database: any Database) async throws {
        switch try await VersionClaim.claim(M.schema, id: id, expectedVersion: expectedVersion, on: database) {
            case .claimed: return
            case .stale(let current): throw Problem.staleVersion(current: current)
            case .notFound: throw Problem.notFound("\(M.resource.singular.capitalisedFirst) \(id)")
        }
    }

    private func validate(_ fields: M.Fields, replacing id: UUID?, on database: any Database) async throws {
        var issues = fields.validate()
        for reference in M.references(in: fields) {
            guard let target = reference.id else { continue }
            if try await !reference.exists(target, database) {
                issues.append(FieldIssue(reference.field, "no \(reference.what) has id \(target)"))
            }
        }
        if issues.isEmpty { issues += try await M.check(fields, replacing: id, on: database) }
        if !issues.isEmpty { throw Problem.validation(issues) }
    }

    private func authoriseRole() throws {
        switch M.access {
            case .portfolioStaff:
                try caller.require([.admin, .pmo], to: "change \(M.resource.plural)")
            case .initiativeTeam:
                try caller.require([.admin, .pmo, .owner], to: "change \(M.resource.plural)")
            case .decisionMakers:
                try caller.require([.admin, .pmo, .executive, .owner], to: "change \(M.resource.plural)")
        }
    }

    /// Owners may touch only records of the initiatives they own, before and after the change.
    private func authoriseOwnership(of fields: M.Fields, on database: any Database) async throws {
        guard caller.role == .owner else { return }
        if let initiative = fields as? Initiative {
            guard initiative.ownerID == caller.userID else {
                throw Problem.forbidden("Owners may change only the initiatives they own.")
            }
            return
        }
        guard let initiativeID = try await M.governingInitiativeID(of: fields, on: database),
              let initiative = try await InitiativeModel.find(initiativeID, on: database),
              initiative.ownerID == caller.userID
        else {
            throw Problem.forbidden("Owners may change only the \(M.resource.plural) of the initiatives they own.")
        }
    }
}

extension String {
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
