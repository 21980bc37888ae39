import Fluent
import Foundation
import LodestarCore
import Vapor

/// Configures the Redmine connection and runs syncs: incremental (issues changed since the newest
/// one seen last time), all-or-nothing, and recorded in the import history with their errors.
struct RedmineSync {
    let caller: Caller
    let database: any Database
    let client: any Client
    let box: SecretBox

    struct Settings: Content, Equatable {
        /// Nil until an admin connects a server.
        var url: String?
        var hasAPIKey: Bool
        var lastSyncedAt: String?
    }

    struct Change: Content {
        var url: String
        /// Leave out to keep the stored key.
        var apiKey: String?
    }

    func settings() async throws -> Settings? {
        try caller.require([.admin, .pmo], to: "read the Redmine connection")
        return try await RedmineConnectionModel.query(on: database).first().map {
            Settings(url: $0.url, hasAPIKey: !$0.apiKeySealed.isEmpty, lastSyncedAt: $0.lastSyncedAt)
        }
    }

    /// Admin only: the key opens another system.
    func configure(_ change: Change) async throws -> Settings {
        try caller.require([.admin], to: "configure the Redmine connection")
        let url = change.url.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues: [FieldIssue] = []
        if URLComponents(string: url)?.scheme.map({ ["http", "https"].contains($0) }) != true || URLComponents(string: url)?.host == nil {
            issues.append(FieldIssue("url", "must be an http(s) URL such as https://redmine.example.org"))
        }
        let existing = try await RedmineConnectionModel.query(on: database).first()
        let key = change.apiKey?.trimmingCharacters(in: .whitespacesAndNewlines)
        if (key ?? "").isEmpty && existing == nil { issues.append(FieldIssue("apiKey", "is required")) }
        if let key, key.count > 200 { issues.append(FieldIssue("apiKey", "is longer than an API key can be")) }
        if !issues.isEmpty { throw Problem.validation(issues) }
        let connection = existing ?? RedmineConnectionModel()
        let changedServer = existing?.url != url
        if existing == nil {
            connection.id = UUID()
            connection.version = 0
        }
        connection.version += 1
        connection.url = url
        if let key, !key.isEmpty { connection.apiKeySealed = try box.seal(key) }
        // Another server's issues are not "changed since" this one's cursor.
        if changedServer { connection.lastSyncedAt = nil }
        try await database.transaction { database in
            try await connection.save(on: database)
            try await AuditLog.record(
                existing == nil ? .create : .update, entity: "redmine-connections", id: connection.id!,
                before: existing.map { JSONValue.object(["url": .string($0.url)]) },
                after: .object(["url": .string(url), "apiKey": .string(key == nil ? "(kept)" : "(changed)")]), by: caller, on: database)
        }
        return Settings(url: url, hasAPIKey: true, lastSyncedAt: connection.lastSyncedAt)
    }

    /// Fetches what changed and writes it; a failure is recorded in the history and rethrown.
    func run(commit: Bool = true) async throws -> ImportOutcome {
        try caller.require([.admin, .pmo], to: "sync from Redmine")
        guard let connection = try await RedmineConnectionModel.query(on: database).first() else {
            throw Problem.conflict("No Redmine connection is configured; an admin sets its URL and API key first.")
        }
        do {
            let apiKey = try box.open(connection.apiKeySealed)
            let snapshot = try await RedmineClient(client: client, baseURL: connection.url, apiKey: apiKey)
                .snapshot(issuesUpdatedSince: connection.lastSyncedAt)
            let plan = RedmineMapping.plan(snapshot, server: connection.url)
            let outcome = try await ImportService(caller: caller, database: database).run(plan, format: "redmine", commit: commit)
            if commit, let newest = snapshot.issues.compactMap(\.updated_on).max() {
                connection.lastSyncedAt = newest
                try await connection.save(on: database)
            }
            return outcome
        } catch {
            let message: String
            switch error {
                case let failure as RedmineClient.Failure: message = failure.description
                case let failure as ImportFailure: message = failure.description
                case let problem as Problem: message = problem.detail + problem.issues.map { " \($0.field): \($0.reason)" }.joined()
                default: message = "\(error)"
            }
            if commit { try await ImportService.recordFailure(format: "redmine", source: connection.url, message: message, by: caller, on: database) }
            throw Problem(status: .badGateway, slug: "sync-failed", title: "The Redmine sync failed", detail: "\(message). Nothing was changed.")
        }
    }
}
