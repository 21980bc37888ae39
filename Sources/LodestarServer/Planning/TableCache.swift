import Fluent
import SQLKit
import Vapor

/// One database table that a `TableCache` keeps in memory as part of a larger value (`Data`).
protocol CachedTable: Hashable, Sendable, RawRepresentable where RawValue == String {
    associatedtype Data: Sendable
    /// Rows are only ever inserted (no `version` or `updated_at`): the row count is the fingerprint.
    var isAppendOnly: Bool { get }
    /// Reads the table into its place in `data`.
    func load(into data: inout Data, on database: any Database) async throws
    /// Copies the table's part of `source` into `data`.
    func copy(from source: Data, into data: inout Data)
}

extension CachedTable {
    var isAppendOnly: Bool { false }
}

/// Keeps the tables this instance last read, each with its `TableFingerprint`, and rereads only the
/// tables whose fingerprint moved: a write to one initiative rereads the initiatives, not the
/// 100,000 scores. Answers computed from the data are kept with the fingerprints they came from.
/// A cached answer is never stale, only cheaper: the fingerprints are read on every request, so a
/// write through any instance is seen by all.
actor TableCache<Table: CachedTable> {
    private var data: Table.Data
    private let empty: Table.Data
    private var fingerprints: [Table: String] = [:]
    private var answers: [String: any Sendable] = [:]
    /// Answers kept at most: one per distinct question (say, a capacity window) since the last change.
    private let answerLimit = 16

    init(empty: Table.Data) {
        data = empty
        self.empty = empty
    }

    /// `tables`, fresh, in a value holding nothing else (so no answer reads a table it did not ask
    /// to have refreshed), and a text naming their versions (nil when the database cannot say).
    func read(_ tables: [Table], on database: any Database) async throws -> (data: Table.Data, version: String?) {
        guard let current = try await TableFingerprint.readEach(
            versioned: tables.filter { !$0.isAppendOnly }.map(\.rawValue), appendOnly: tables.filter(\.isAppendOnly).map(\.rawValue),
            on: database)
        else {
            var fresh = empty
            for table in tables { try await table.load(into: &fresh, on: database) }
            return (fresh, nil)
        }
        for table in tables where fingerprints[table] != current[table.rawValue] {
            var fresh = data
            try await table.load(into: &fresh, on: database)
            // Another request may have refreshed meanwhile (actors are reentrant); either read is current.
            table.copy(from: fresh, into: &data)
            fingerprints[table] = current[table.rawValue]
        }
        var result = empty
        for table in tables { table.copy(from: data, into: &result) }
        return (result, tables.map { current[$0.rawValue] ?? "" }.joined(separator: "|"))
    }

    /// The answer `compute` gives for `question` over `tables`, computed again only when one of
    /// them changed.
    func answer<Answer: Sendable>(
        _ question: String, over tables: [Table], on database: any Database,
        compute: @Sendable @escaping (Table.Data) async throws -> Answer
    ) async throws -> Answer {
        let (data, version) = try await read(tables, on: database)
        guard let version else { return try await compute(data) }
        let key = "\(question)|\(version)"
        if let cached = answers[key] as? Answer { return cached }
        let answer = try await compute(data)
        if answers.count >= answerLimit { answers.removeAll() }
        answers[key] = answer
        return answer
    }
}
