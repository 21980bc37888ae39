import Fluent
import LodestarCore
import Vapor

/// A person who signs in. Passwords are stored only as Bcrypt hashes.
final class UserModel: Model, @unchecked Sendable {
    // @unchecked: Fluent's property wrappers are mutable reference state; a model instance is only
    // ever used by one task at a time.
    static let schema = "users"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var roleRaw: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "disabled") var disabled: Bool

    init() {}

    init(id: UUID? = nil, email: String, name: String, role: Role, passwordHash: String) {
        self.id = id
        self.version = 1
        self.email = email
        self.name = name
        self.roleRaw = role.rawValue
        self.passwordHash = passwordHash
        self.disabled = false
    }

    var role: Role {
        get { Role.stored(roleRaw) }
        set { roleRaw = newValue.rawValue }
    }

    static func normalise(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

/// What the API says about a user: never the password hash.
struct UserBody: Content, Equatable {
    var id: UUID
    var version: Int
    var email: String
    var name: String
    var role: Role
    var disabled: Bool

    init(_ user: UserModel) {
        id = user.id!
        version = user.version
        email = user.email
        name = user.name
        role = user.role
        disabled = user.disabled
    }
}
