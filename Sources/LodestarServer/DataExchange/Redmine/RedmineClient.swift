import Foundation
import LodestarCore
import Vapor

/// Reads projects, versions and issues from Redmine's REST API, page by page.
struct RedmineClient {
    let client: any Client
    let baseURL: String
    let apiKey: String

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private struct Page<Item: Decodable>: Decodable {
        var items: [Item]
        var total: Int

        struct Keys: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            let listKey = container.allKeys.first { !["total_count", "offset", "limit"].contains($0.stringValue) }
            items = try listKey.map { try container.decode([Item].self, forKey: $0) } ?? []
            total = try container.decodeIfPresent(Int.self, forKey: Keys(stringValue: "total_count")) ?? items.count
        }
    }

    func snapshot(issuesUpdatedSince since: String?) async throws -> RedmineMapping.Snapshot {
        let projects: [RedmineMapping.Project] = try await all("projects.json", [:])
        var versions: [RedmineMapping.Version] = []
        for project in projects {
            versions += try await all("projects/\(project.id)/versions.json", [:])
        }
        var query = ["status_id": "*", "sort": "updated_on"]
        guard let since else {
            return RedmineMapping.Snapshot(projects: projects, versions: versions, issues: try await all("issues.json", query))
        }
        query["updated_on"] = ">=\(since)"
        let changed: [RedmineMapping.Issue] = try await all("issues.json", query)
        // A changed project's progress needs all of its issues, not just the changed ones.
        var progressIssues: [Int: [RedmineMapping.Issue]] = [:]
        for projectID in Set(changed.map(\.project.id)).sorted() {
            progressIssues[projectID] = try await all(
                "issues.json", ["status_id": "*", "project_id": String(projectID), "subproject_id": "!*"])
        }
        return RedmineMapping.Snapshot(projects: projects, versions: versions, issues: changed, progressIssues: progressIssues)
    }

    private func all<Item: Decodable>(_ path: String, _ query: [String: String]) async throws -> [Item] {
        var items: [Item] = []
        var offset = 0
        while true {
            var parameters = query
            parameters["limit"] = "100"
            parameters["offset"] = String(offset)
            let page: Page<Item> = try await get(path, parameters)
            items += page.items
            offset += 100
            if page.items.isEmpty || offset >= page.total { return items }
        }
    }

    private func get<T: Decodable>(_ path: String, _ query: [String: String]) async throws -> T {
        var components = URLComponents(string: baseURL.hasSuffix("/") ? baseURL + path : baseURL + "/" + path)
        components?.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        guard let url = components?.url?.absoluteString else { throw Failure(description: "'\(baseURL)' is not a URL") }
        let response: ClientResponse
        do {
            response = try await client.get(URI(string: url), headers: ["X-Redmine-API-Key": apiKey, "Accept": "application/json"])
        } catch {
            throw Failure(description: "Redmine at \(baseURL) cannot be reached: \(error)")
        }
        switch response.status.code {
            case 200: break
            case 401, 403: throw Failure(description: "Redmine refused the API key (HTTP \(response.status.code)) for \(path)")
            default: throw Failure(description: "Redmine answered HTTP \(response.status.code) for \(path)")
        }
        do {
            return try response.content.decode(T.self, using: JSONDecoder())
        } catch {
            throw Failure(description: "Redmine's answer for \(path) cannot be read: \(error)")
        }
    }
}
