import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Keeps the encoded JSON of recently listed pages of each resource with the `TableFingerprint` of
/// its table, so a page is read and encoded again only after a row of that table changed.
///
/// Decoding a page of 100 Fluent models and encoding it as JSON is most of a list request's cost; the
/// fingerprint (one aggregate query) is read on every request, so a write through any instance is seen
/// at once. Lists show every reader the same rows, so one entry serves all callers.
final class ListPageCache: Sendable {
    /// Pages kept across all resources; past this the cache starts again (cheap, and bounds memory).
    static let capacity = 512

    private let pages = NIOLockedValueBox<[String: (fingerprint: String, body: Data)]>([:])

    func page(table: String, query: String, on database: any Database, encode: () async throws -> Data) async throws -> Data {
        guard let fingerprint = try await TableFingerprint.read(versioned: [table], on: database) else { return try await encode() }
        let key = table + "?" + query
        if let cached = pages.withLockedValue({ $0[key] }), cached.fingerprint == fingerprint { return cached.body }
        let body = try await encode()
        pages.withLockedValue { pages in
            if pages.count >= Self.capacity { pages.removeAll(keepingCapacity: true) }
            pages[key] = (fingerprint, body)
        }
        return body
    }
}

private struct ListPageCacheKey: StorageKey {
    typealias Value = ListPageCache
}

extension Application {
    var listPageCache: ListPageCache {
        if let cache = storage[ListPageCacheKey.self] { return cache }
        let cache = ListPageCache()
        storage[ListPageCacheKey.self] = cache
        return cache
    }
}
