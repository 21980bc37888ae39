import Foundation
import LodestarCore

// Days, quarters and vocabulary values are stored as their text so both databases hold the same
// sortable, readable values (`2027-03-31`, `2027-Q1`, `on_hold`) without driver-specific types.

extension Vocabulary {
    /// The value a stored raw value names; values only enter the database through validated fields,
    /// so the fallback marks a row edited by hand outside Lodestar.
    static func stored(_ raw: String) -> Self {
        Self(rawValue: raw) ?? allCases.first!
    }

    static func stored(_ raw: String?) -> Self? { raw.flatMap(Self.init(rawValue:)) }
}

extension Day {
    static func stored(_ text: String) -> Day { Day(text) ?? Day(ordinal: 0) }
    static func stored(_ text: String?) -> Day? { text.flatMap { Day($0) } }
}

extension Quarter {
    static func stored(_ text: String) -> Quarter { Quarter(text) ?? Quarter(index: 0) }
}

extension Optional where Wrapped: CustomStringConvertible {
    var storedText: String? { map(\.description) }
}

/// Values stored as JSON text (lists inside a record, a scenario's changes, a run's outcome): read and
/// written whole, and both databases store text alike.
enum StoredJSON {
    static func encode(_ value: some Encodable) -> String {
        // Lodestar's own value types always encode; the fallback only satisfies the signature.
        (try? JSONEncoder.api.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// Text edited by hand outside Lodestar into something unreadable (or no text) reads as `fallback`.
    static func decode<T: Decodable>(_ type: T.Type, _ text: String?, fallback: T) -> T {
        guard let text else { return fallback }
        return (try? JSONDecoder.api.decode(T.self, from: Data(text.utf8))) ?? fallback
    }
}
