import Fluent
import LodestarCore
import Vapor

/// The planning tables of this instance, reread table by table as they change.
typealias PortfolioCache = TableCache<PlanningTable>

extension TableCache where Table == PlanningTable {
    func data(_ parts: PortfolioData.Parts, on database: any Database) async throws -> PortfolioData {
        try await read(parts.tables, on: database).data
    }

    func answer<Answer: Sendable>(
        _ question: String, over parts: PortfolioData.Parts, on database: any Database,
        compute: @Sendable @escaping (PortfolioData) async throws -> Answer
    ) async throws -> Answer {
        try await answer(question, over: parts.tables, on: database, compute: compute)
    }
}

private struct PortfolioCacheKey: StorageKey {
    typealias Value = PortfolioCache
}

extension Application {
    var portfolioCache: PortfolioCache {
        if let cache = storage[PortfolioCacheKey.self] { return cache }
        let cache = PortfolioCache(empty: PortfolioData())
        storage[PortfolioCacheKey.self] = cache
        return cache
    }
}

extension Request {
    /// The portfolio's `parts`, from the cache for every table that did not change since it was loaded.
    func portfolio(_ parts: PortfolioData.Parts) async throws -> PortfolioData {
        try await application.portfolioCache.data(parts, on: db)
    }
}
