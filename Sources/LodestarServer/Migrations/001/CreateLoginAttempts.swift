import Fluent

struct CreateLoginAttempts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("login_attempts")
            .id()
            .field("key", .string, .required)
            .field("attempted_at", .datetime, .required)
            .create()
        try await database.createIndex(on: "login_attempts", "key", "attempted_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_attempts").delete()
    }
}
