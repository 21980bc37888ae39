import Foundation

/// Lists stored as JSON text: read whole, written whole, and the same on both databases.
enum StoredJSON {
    static func encode<T: Encodable>(_ value: T) -> String {
        // Encoding plain arrays and strings cannot fail; the fallback only satisfies the signature.
        (try? JSONEncoder.api.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// Text edited by hand outside Lodestar into something unreadable reads as `fallback`.
    static func decode<T: Decodable>(_ type: T.Type, _ text: String?, fallback: T) -> T {
        guard let text else { return fallback }
        return (try? JSONDecoder.api.decode(T.self, from: Data(text.utf8))) ?? fallback
    }
}
