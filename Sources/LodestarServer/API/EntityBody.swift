import Foundation
import LodestarCore
import Vapor

/// A record on the wire: `id`, `version`, `createdAt`, `updatedAt` beside the entity's own fields,
/// in one flat JSON object.
struct EntityBody<Fields: EntityFields>: Content {
    var id: UUID
    var version: Int
    var createdAt: Date?
    var updatedAt: Date?
    var fields: Fields

    init<M: EntityModel>(_ model: M) where M.Fields == Fields {
        id = model.id!
        version = model.version
        createdAt = model.createdAt
        updatedAt = model.updatedAt
        fields = model.fields
    }

    private enum MetaKeys: String, CodingKey {
        case id, version, createdAt, updatedAt
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: MetaKeys.self)
        id = try container.decode(UUID.self, forKey: .id)
        version = try container.decode(Int.self, forKey: .version)
        createdAt = try container.decodeIfPresent(Date.self, forKey: .createdAt)
        updatedAt = try container.decodeIfPresent(Date.self, forKey: .updatedAt)
        fields = try Fields(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
        var container = encoder.container(keyedBy: MetaKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(version, forKey: .version)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(updatedAt, forKey: .updatedAt)
    }

    static var metaSchema: (properties: [String: JSONValue], required: [String]) {
        (
            [
                "id": .object(["type": .string("string"), "format": .string("uuid")]),
                "version": .object(["type": .string("integer"), "minimum": .number(1)]),
                "createdAt": .object(["type": .array([.string("string"), .string("null")]), "format": .string("date-time")]),
                "updatedAt": .object(["type": .array([.string("string"), .string("null")]), "format": .string("date-time")]),
            ],
            ["id", "version"]
        )
    }
}

/// A page of a list: the items, how many match in all, and where the page starts.
struct Page<Item: Content>: Content {
    var items: [Item]
    var total: Int
    var limit: Int
    var offset: Int
}
