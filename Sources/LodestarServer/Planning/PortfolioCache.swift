import Fluent
import LodestarCore
import SQLKit
import Vapor

/// Keeps the planning tables this instance last read, each with its `TableFingerprint`, and reloads
/// only the tables whose fingerprint moved: a write to one initiative rereads the initiatives, not
/// the 100,000 scores. Answers computed from the data (the capacity picture with its shadow prices)
/// are kept with the fingerprints they came from. A cached answer is never stale, only cheaper.
actor PortfolioCache {
    private var data = PortfolioData()
    private var fingerprints: [PlanningTable: String] = [:]
    private var answers: [String: any Sendable] = [:]
    /// Answers kept at most: one per distinct question (say, a capacity window) since the last change.
    private let answerLimit = 16

    func data(_ parts: PortfolioData.Parts, on database: any Database) async throws -> PortfolioData {
        try await refresh(parts, on: database).data
    }

    /// The answer `compute` gives for `question` over the tables of `parts`, computed again only when
    /// one of those tables changed.
    func answer<Answer: Sendable>(
        _ question: String, over parts: PortfolioData.Parts, on database: any Database,
        compute: @Sendable @escaping (PortfolioData) async throws -> Answer
    ) async throws -> Answer {
        let (data, version) = try await refresh(parts, on: database)
        guard let version else { return try await compute(data) }
        let key = "\(question)|\(version)"
        if let cached = answers[key] as? Answer { return cached }
        let answer = try await compute(data)
        if answers.count >= answerLimit { answers.removeAll() }
        answers[key] = answer
        return answer
    }

    /// The requested tables, fresh, and a text naming their versions (nil when the database cannot say).
    private func refresh(_ parts: PortfolioData.Parts, on database: any Database) async throws -> (data: PortfolioData, version: String?) {
        let tables = parts.tables
        guard let current = try await TableFingerprint.readEach(versioned: tables.map(\.rawValue), on: database) else {
            return (try await PortfolioData.load(on: database, parts: parts), nil)
        }
        for table in tables where fingerprints[table] != current[table.rawValue] {
            var fresh = data
            try await table.load(into: &fresh, on: database)
            // Another request may have refreshed meanwhile (actors are reentrant); either read is current.
            table.copy(from: fresh, into: &data)
            fingerprints[table] = current[table.rawValue]
        }
        return (data.restricted(to: parts), tables.map { current[$0.rawValue] ?? "" }.joined(separator: "|"))
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
    /// The portfolio's `parts`, from the cache for every table that did not change since it was loaded.
    func portfolio(_ parts: PortfolioData.Parts) async throws -> PortfolioData {
        try await application.portfolioCache.data(parts, on: db)
    }
}
