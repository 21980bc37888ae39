import Foundation
import LodestarCore

/// A record as the JSON API writes it: `id` and `version` beside the fields in one flat object, so
/// an assistant reads the same shape from a tool as from `GET /api/v1/...`.
struct WireRecord<Fields: EntityFields>: Encodable, Sendable {
    var record: Record<Fields>

    init(_ record: Record<Fields>) { self.record = record }

    private enum MetaKeys: String, CodingKey {
        case id, version
    }

    func encode(to encoder: any Encoder) throws {
        try record.fields.encode(to: encoder)
        var container = encoder.container(keyedBy: MetaKeys.self)
        try container.encode(record.id, forKey: .id)
        try container.encode(record.version, forKey: .version)
    }
}
