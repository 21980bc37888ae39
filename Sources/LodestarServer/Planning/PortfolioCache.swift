import Fluent
import LodestarCore
import SQLKit
import Vapor

/// Keeps the last portfolio loaded for each set of parts while its tables' `TableFingerprint` is
/// unchanged, so a cached answer is never stale, only cheaper.
actor PortfolioCache {
    private var entries: [PortfolioData.Parts: (fingerprint: String, data: PortfolioData)] = [:]

    func data(_ parts: PortfolioData.Parts, on database: any Database) async throws -> PortfolioData {
        guard let fingerprint = try await TableFingerprint.read(versioned: parts.tables, on: database) else {
            return try await PortfolioData.load(on: database, parts: parts)
        }
        if let entry = entries[parts], entry.fingerprint == fingerprint { return entry.data }
        let data = try await PortfolioData.load(on: database, parts: parts)
        entries[parts] = (fingerprint, data)
        return data
    }
}

private struct PortfolioCacheKey: StorageKey {
    typealias Value = PortfolioCache
}

extension Application {
    var portfolioCache: PortfolioCache {
        if let cache = storage[PortfolioCacheKey.self] { return cache }
        let cache = PortfolioCache()
        storage[PortfolioCacheKey.self] = cache
        return cache
    }
}

extension Request {
    /// The portfolio's `parts`, from the cache when no table changed since it was loaded.
    func portfolio(_ parts: PortfolioData.Parts) async throws -> PortfolioData {
        try await application.portfolioCache.data(parts, on: db)
    }
}
