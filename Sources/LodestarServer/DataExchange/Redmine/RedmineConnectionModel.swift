import Fluent
import Foundation

final class RedmineConnectionModel: Model, @unchecked Sendable {
    static let schema = "redmine_connections"

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "url") var url: String
    @Field(key: "api_key_sealed") var apiKeySealed: String
    /// Redmine's own `updated_on` of the newest issue seen, so the next sync asks only for later changes.
    @OptionalField(key: "last_synced_at") var lastSyncedAt: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
