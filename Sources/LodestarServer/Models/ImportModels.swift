import Fluent
import Foundation

final class ExternalLinkModel: Model, @unchecked Sendable {
    static let schema = "external_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "source") var source: String
    @Field(key: "entity") var entity: String
    @Field(key: "external_id") var externalID: String
    @Field(key: "record_id") var recordID: UUID
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(source: String, entity: String, externalID: String, recordID: UUID) {
        self.id = UUID()
        self.source = source
        self.entity = entity
        self.externalID = externalID
        self.recordID = recordID
    }
}

final class ImportRunModel: Model, @unchecked Sendable {
    static let schema = "import_runs"

    @ID(key: .id) var id: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "format") var format: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "actor_email") var actorEmail: String
    @Field(key: "created") var created: Int
    @Field(key: "updated") var updated: Int
    @Field(key: "unchanged") var unchanged: Int
    @Field(key: "skipped") var skipped: Int
    @Field(key: "succeeded") var succeeded: Bool
    @Field(key: "message") var message: String

    init() {}
}

final class ImportUploadModel: Model, @unchecked Sendable {
    static let schema = "import_uploads"

    @ID(key: .id) var id: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "user_id") var userID: UUID
    @Field(key: "format") var format: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "options") var options: String
    @Field(key: "content") var content: Data

    init() {}
}
