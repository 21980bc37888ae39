import Foundation

/// Lists inside a record (a service's problems, a survey's questions, an assessment's ratings) are
/// stored as JSON text: they are only ever read whole, and both databases store text alike.
enum StoredJSON {
    static func encode<T: Encodable>(_ value: T) -> String {
        // Encoding these plain value lists cannot fail; the fallback only satisfies the signature.
        (try? JSONEncoder.api.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// Text edited by hand outside Lodestar into something unreadable reads as empty.
    static func decode<T: Decodable>(_ type: T.Type, _ text: String, empty: T) -> T {
        (try? JSONDecoder.api.decode(T.self, from: Data(text.utf8))) ?? empty
    }
}
