import Fluent
import LodestarCore
import Vapor

extension EntityModel {
    /// The records of this kind whose `column` holds `id`, e.g. the milestones of an initiative.
    static func all(where column: FieldKey, is id: UUID, on database: any Database) async throws -> [Self] {
        try await query(on: database).filter(.extendedPath([column], schema: schema, space: nil), .equal, .bind(id)).all()
    }

    static func all(where column: FieldKey, in ids: [UUID], on database: any Database) async throws -> [Self] {
        guard !ids.isEmpty else { return [] }
        return try await query(on: database)
            .filter(.extendedPath([column], schema: schema, space: nil), .subset(inverse: false), .array(ids.map { .bind($0) }))
            .all()
    }
}

/// Names of people by id, for pages that show owners, sponsors and decision makers.
struct UserDirectory: Sendable {
    var names: [UUID: String]

    static func load(_ ids: [UUID?], on database: any Database) async throws -> UserDirectory {
        let wanted = Array(Set(ids.compactMap { $0 }))
        guard !wanted.isEmpty else { return UserDirectory(names: [:]) }
        let users = try await UserModel.query(on: database).filter(\.$id ~~ wanted).all()
        return UserDirectory(names: Dictionary(uniqueKeysWithValues: users.map { ($0.id!, $0.name) }))
    }

    func name(_ id: UUID?) -> String {
        guard let id else { return "—" }
        return names[id] ?? "Unknown user"
    }
}
