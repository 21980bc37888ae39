import Fluent
import Foundation
import LodestarCore
import SQLKit

/// An unrevoked API token with the user it acts as, read in one query: every API request asks, so
/// it skips Fluent's two model queries (token, then user), whose per-row reflection cost a loaded
/// server more than the work of many requests.
struct TokenHolder: Decodable {
    var tokenID: UUID
    var lastUsedAt: Date?
    var userID: UUID
    var email: String
    var name: String
    var role: String
    var disabled: Bool

    enum CodingKeys: String, CodingKey {
        case tokenID = "token_id", lastUsedAt = "last_used_at", userID = "user_id", email, name, role, disabled
    }

    static func find(digest: String, on database: any Database) async throws -> TokenHolder? {
        let sql = database as! any SQLDatabase
        return try await sql.raw("""
            SELECT t.id AS token_id, t.last_used_at, u.id AS user_id, u.email, u.name, u.role, u.disabled
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = \(bind: digest) AND t.revoked_at IS NULL
            """).first(decoding: TokenHolder.self)
    }

    static func recordUse(of tokenID: UUID, on database: any Database) async throws {
        try await (database as! any SQLDatabase).update(APITokenModel.schema)
            .set("last_used_at", to: Date())
            .where("id", .equal, tokenID)
            .run()
    }
}
