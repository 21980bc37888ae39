import Foundation

extension UUID {
    /// The id's 16 bytes as two big-endian numbers. Ordering by it is the order of `uuidString`
    /// (hex digits of the same bytes), without formatting two strings for every comparison, which
    /// dominated sorts of thousands of records.
    public var orderKey: OrderKey {
        let b = uuid
        let high = [b.0, b.1, b.2, b.3, b.4, b.5, b.6, b.7].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = [b.8, b.9, b.10, b.11, b.12, b.13, b.14, b.15].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return OrderKey(high: high, low: low)
    }

    public struct OrderKey: Comparable, Hashable, Sendable {
        public var high: UInt64
        public var low: UInt64

        public static func < (lhs: OrderKey, rhs: OrderKey) -> Bool { (lhs.high, lhs.low) < (rhs.high, rhs.low) }
    }
}
