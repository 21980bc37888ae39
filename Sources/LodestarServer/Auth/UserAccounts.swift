import Fluent
import LodestarCore
import Vapor

/// Creating and changing accounts, shared by the API, the admin command line and the demo.
enum UserAccounts {
    static let minimumPasswordLength = 10

    static func issues(email: String?, name: String?, password: String?) -> [FieldIssue] {
        var checks = FieldChecks()
        if let email {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            checks.require(parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && email.count <= 254 && !email.contains(" "),
                           "email", "must be an email address such as name@example.org")
        }
        if let name { checks.text(name, "name", maxLength: 120) }
        if let password {
            checks.require(password.count >= minimumPasswordLength, "password", "must be at least \(minimumPasswordLength) characters")
            checks.require(password.count <= 72, "password", "must be at most 72 characters")
        }
        return checks.issues
    }

    static func create(
        email: String, name: String, role: Role, password: String, by caller: Caller, on request: Request
    ) async throws -> UserModel {
        let hash = try await request.password.async.hash(password)
        return try await create(email: email, name: name, role: role, password: password, passwordHash: hash, by: caller, on: request.db)
    }

    /// `passwordHash` must be the hash of `password`; the password itself is only validated here.
    static func create(
        email: String, name: String, role: Role, password: String?, passwordHash: String, by caller: Caller, on database: any Database
    ) async throws -> UserModel {
        let normalised = UserModel.normalise(email: email)
        let problems = issues(email: normalised, name: name, password: password)
        if !problems.isEmpty { throw Problem.validation(problems) }
        if try await UserModel.query(on: database).filter(\.$email == normalised).first() != nil {
            throw Problem.validation([FieldIssue("email", "\(normalised) already has an account")])
        }
        let user = UserModel(email: normalised, name: name.trimmingCharacters(in: .whitespaces), role: role, passwordHash: passwordHash)
        try await database.transaction { database in
            try await user.create(on: database)
            try await AuditLog.record(
                .create, entity: "users", id: user.id!, before: nil,
                after: try JSONValue(encoding: UserBody(user)), by: caller, on: database)
        }
        return user
    }

    static func change(
        _ id: UUID, expectedVersion: Int, _ change: UserController.UserChange, by caller: Caller, on request: Request
    ) async throws -> UserModel {
        let problems = issues(email: nil, name: change.name, password: change.password)
        if !problems.isEmpty { throw Problem.validation(problems) }
        let hash = try await change.password.asyncMap { try await request.password.async.hash($0) }
        return try await request.db.transaction { database in
            switch try await VersionClaim.claim(UserModel.schema, id: id, expectedVersion: expectedVersion, on: database) {
                case .claimed: break
                case .stale(let current): throw Problem.staleVersion(current: current)
                case .notFound: throw Problem.notFound("User \(id)")
            }
            guard let user = try await UserModel.find(id, on: database) else { throw Problem.notFound("User \(id)") }
            if user.id == caller.userID, change.role.map({ $0 != .admin }) ?? false || change.disabled == true {
                throw Problem.validation([FieldIssue("role", "you cannot remove your own admin access")])
            }
            let before = try JSONValue(encoding: UserBody(user))
            if let name = change.name { user.name = name }
            if let role = change.role { user.role = role }
            if let disabled = change.disabled { user.disabled = disabled }
            if let hash { user.passwordHash = hash }
            try await user.save(on: database)
            if hash != nil || change.disabled == true {
                // A new password or a disabled account ends every browser session; API tokens keep
                // working after a password change (automation should survive a rotation) and stop
                // with a disabled account, which every authentication checks.
                try await SessionModel.query(on: database).filter(\.$user.$id == id).delete()
            }
            var after = try JSONValue(encoding: UserBody(user))
            if hash != nil, case .object(var fields) = after {
                fields["password"] = .string("(changed)")
                after = .object(fields)
            }
            try await AuditLog.record(.update, entity: "users", id: id, before: before, after: after, by: caller, on: database)
            return user
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
