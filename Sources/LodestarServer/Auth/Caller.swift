import LodestarCore
import Vapor

/// The authenticated user of a request, and how they proved it.
struct Caller: Sendable, Equatable {
    enum Credential: Sendable, Equatable {
        /// A browser session; unsafe requests must echo its CSRF token.
        case session(id: UUID, csrfToken: String)
        case apiToken(id: UUID)
        /// The command line, run by whoever can reach the database.
        case commandLine
    }

    var userID: UUID
    var email: String
    var name: String
    var role: Role
    var credential: Credential

    init(userID: UUID, email: String, name: String, role: Role, credential: Credential) {
        self.userID = userID
        self.email = email
        self.name = name
        self.role = role
        self.credential = credential
    }

    init(user: UserModel, credential: Credential) {
        self.init(userID: user.id!, email: user.email, name: user.name, role: user.role, credential: credential)
    }

    var isPortfolioStaff: Bool { role == .admin || role == .pmo }

    var csrfToken: String? {
        if case .session(_, let token) = credential { return token }
        return nil
    }

    func require(_ roles: Set<Role>, to action: String) throws {
        guard roles.contains(role) else {
            throw Problem.forbidden("Your role (\(role.rawValue)) may not \(action).")
        }
    }
}

private struct CallerKey: StorageKey {
    typealias Value = Caller
}

extension Request {
    /// The signed-in user, or a 401.
    var caller: Caller {
        get throws {
            guard let caller = storage[CallerKey.self] else { throw Problem.unauthenticated }
            return caller
        }
    }

    var optionalCaller: Caller? {
        get { storage[CallerKey.self] }
        set { storage[CallerKey.self] = newValue }
    }
}
