import Foundation

extension UUID {
    /// The id's 16 bytes as two big-endian numbers. Ordering by it is the order of `uuidString`
    /// (hex digits of the same bytes), without formatting two strings for every comparison, which
    /// dominated sorts of thousands of records.
    public var orderKey: OrderKey {
        withUnsafeBytes(of: uuid) { bytes in
            OrderKey(
                high: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                low: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }

    public struct OrderKey: Comparable, Hashable, Sendable {
        public var high: UInt64
        public var low: UInt64

        public static func < (lhs: OrderKey, rhs: OrderKey) -> Bool { (lhs.high, lhs.low) < (rhs.high, rhs.low) }
    }
}
