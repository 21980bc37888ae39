import Foundation

/// Reads the JSON of Jira's REST API (a search page, an agile board/sprint page, or one issue) into an
/// import plan: epics become initiatives (or milestones of their project's initiative) and the issues
/// under them give their progress.
public struct JiraImporter: Sendable {
    public enum EpicMapping: String, Vocabulary {
        /// Each epic is an initiative; issues outside epics fall under their project's initiative.
        case initiatives
        /// Each Jira project is an initiative and its epics are its milestones.
        case milestones
    }

    /// Custom field ids differ on every Jira site, so the fields that matter are configurable.
    public struct Options: Sendable, Equatable, Codable {
        public var epics: EpicMapping
        /// e.g. `customfield_10014`; the agile API's `epic` object and a `parent` epic are used as well.
        public var epicLinkField: String?
        /// e.g. `customfield_10016`; when set, progress is weighted by story points.
        public var storyPointsField: String?

        public init(epics: EpicMapping = .initiatives, epicLinkField: String? = nil, storyPointsField: String? = nil) {
            self.epics = epics
            self.epicLinkField = epicLinkField
            self.storyPointsField = storyPointsField
        }
    }

    public static let ownedInitiativeFields = ["name", "status", "plannedStart", "plannedFinish", "externalSource", "externalID"]

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    struct Issue {
        var key: String
        var type: String
        var summary: String
        var statusCategory: String
        var created: Day?
        var due: Day?
        var resolved: Day?
        var projectKey: String
        var projectName: String
        var epicKey: String?
        var points: Double?
        var location: FileLocation
        /// Only the agile API's `epic` object and parent links carry these.
        var epicName: String? = nil
        var epicDone: Bool? = nil

        var isEpic: Bool { type.lowercased() == "epic" }
        /// Done by its status, or resolved (boards often resolve issues without moving their status).
        var isDone: Bool { statusCategory == "done" || resolved != nil }
    }

    /// What the file says about an epic, from the epic issue itself or from the `epic` objects of its issues.
    struct Epic {
        var key: String
        var name: String
        var done: Bool
        var projectKey: String
        var projectName: String
        var created: Day?
        var due: Day?
        var resolved: Day?
        var location: FileLocation
    }

    public func plan(data: Data, named file: String) throws -> ImportPlan {
        let issues = try Self.issues(in: data, file: file, options: options)
        var errors: [ImportError] = []
        var plan = ImportPlan(source: "jira", fileName: file)

        var epics: [String: Epic] = [:]
        var epicOrder: [String] = []
        func note(_ epic: Epic) {
            if epics[epic.key] == nil { epicOrder.append(epic.key) }
            if let existing = epics[epic.key], existing.location.line != nil, epic.location.line == nil { return }
            epics[epic.key] = epic
        }
        for issue in issues where issue.isEpic {
            note(Epic(key: issue.key, name: issue.summary, done: issue.isDone, projectKey: issue.projectKey, projectName: issue.projectName,
                      created: issue.created, due: issue.due, resolved: issue.resolved, location: issue.location))
        }
        // Issues from the agile API name their epic even when the epic itself is not in the file.
        for issue in issues {
            guard let key = issue.epicKey, epics[key] == nil else { continue }
            note(Epic(key: key, name: issue.epicName ?? key, done: issue.epicDone ?? false, projectKey: issue.projectKey,
                      projectName: issue.projectName, created: nil, due: nil, resolved: nil,
                      location: FileLocation(file: file, line: issue.location.line, element: "issue \(issue.key) epic \(key)")))
        }

        let work = issues.filter { !$0.isEpic }
        let byEpic = Dictionary(grouping: work.filter { $0.epicKey.flatMap { epics[$0] } != nil }, by: { $0.epicKey! })
        let withoutEpic = work.filter { $0.epicKey.flatMap { epics[$0] } == nil }

        func projectInitiative(_ key: String, _ name: String, _ members: [Issue], location: FileLocation) {
            guard !plan.initiatives.contains(where: { $0.externalID == "project:\(key)" }) else { return }
            plan.initiatives.append(initiative(
                externalID: "project:\(key)", code: key, name: name.isEmpty ? key : name, done: !members.isEmpty && members.allSatisfy(\.isDone),
                start: members.compactMap(\.created).min(), finish: members.compactMap(\.due).max(),
                progress: progress(members), location: location))
        }

        switch options.epics {
            case .initiatives:
                for key in epicOrder {
                    let epic = epics[key]!
                    let members = byEpic[key] ?? []
                    plan.initiatives.append(initiative(
                        externalID: key, code: key, name: epic.name, done: epic.done,
                        start: ([epic.created] + members.map(\.created)).compactMap { $0 }.min(),
                        finish: epic.due ?? members.compactMap(\.due).max(), progress: progress(members), location: epic.location))
                }
                for (key, members) in Dictionary(grouping: withoutEpic, by: \.projectKey).sorted(by: { $0.key < $1.key }) {
                    projectInitiative(key, members[0].projectName, members, location: members[0].location)
                }
            case .milestones:
                for (key, members) in Dictionary(grouping: work, by: \.projectKey).sorted(by: { $0.key < $1.key }) {
                    projectInitiative(key, members[0].projectName, members, location: members[0].location)
                }
                for key in epicOrder {
                    let epic = epics[key]!
                    projectInitiative(epic.projectKey, epic.projectName, [], location: epic.location)
                    let members = byEpic[key] ?? []
                    let actual = epic.done ? (epic.resolved ?? members.compactMap(\.resolved).max()) : nil
                    guard let forecast = epic.due ?? members.compactMap(\.due).max() ?? actual else {
                        plan.skipped.append(.init(epic.location, "epic \(key) has no due date, and none of its issues has one"))
                        continue
                    }
                    plan.milestones.append(.init(
                        externalID: key, initiativeExternalID: "project:\(epic.projectKey)", name: String(epic.name.prefix(200)),
                        baselineDate: nil, forecastDate: forecast, actualDate: actual, progress: progress(members), location: epic.location))
                }
        }
        if issues.isEmpty {
            plan.skipped.append(.init(FileLocation(file: file), "the file holds no issues"))
        }
        errors += plan.validationErrors()
        if !errors.isEmpty { throw ImportFailure(Array(errors.prefix(100))) }
        return plan
    }

    private func initiative(
        externalID: String, code: String, name: String, done: Bool, start: Day?, finish: Day?, progress: Double?, location: FileLocation
    ) -> ImportPlan.PlannedInitiative {
        let status: InitiativeStatus = done ? .completed : (progress ?? 0) > 0 ? .active : .approved
        var fields = Initiative(
            code: String(code.prefix(40)), name: String(name.prefix(200)), status: status,
            currentGate: status == .completed ? .close : status == .active ? .deliver : .plan,
            plannedStart: start, plannedFinish: finish, externalSource: "jira", externalID: externalID)
        if let start, let finish, finish < start { fields.plannedStart = nil }
        var planned = ImportPlan.PlannedInitiative(externalID: externalID, fields: fields, location: location, progress: progress)
        planned.ownedFields = Self.ownedInitiativeFields
        return planned
    }

    /// Done share of the issues, by story points when they carry them.
    private func progress(_ issues: [Issue]) -> Double? {
        guard !issues.isEmpty else { return nil }
        let points = issues.compactMap(\.points).reduce(0, +)
        if points > 0 { return issues.filter(\.isDone).compactMap(\.points).reduce(0, +) / points }
        return Double(issues.filter(\.isDone).count) / Double(issues.count)
    }

    // MARK: - reading the JSON

    static func issues(in data: Data, file: String, options: Options) throws -> [Issue] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            let message = ((error as NSError).userInfo["NSDebugDescription"] as? String) ?? "\(error)"
            let line = message.range(of: #"line (\d+)"#, options: .regularExpression)
                .flatMap { Int(message[$0].dropFirst(5)) }
            throw ImportFailure([ImportError(FileLocation(file: file, line: line), "is not valid JSON: \(message)")])
        }
        let raw: [Any]
        if let page = object as? [String: Any], let list = page["issues"] as? [Any] {
            raw = list
        } else if let single = object as? [String: Any], single["fields"] != nil {
            raw = [single]
        } else if let list = object as? [Any] {
            raw = list
        } else {
            throw ImportFailure([ImportError(FileLocation(file: file, line: 1), field: "issues",
                                             "is missing: expected a Jira search result ({\"issues\": [...]}) or an issue ({\"key\", \"fields\"})")])
        }
        let lines = LineIndex(data)
        var errors: [ImportError] = []
        var issues: [Issue] = []
        for (index, element) in raw.enumerated() {
            let fallback = FileLocation(file: file, element: "issues[\(index)]")
            guard let issue = element as? [String: Any], let key = issue["key"] as? String, !key.isEmpty else {
                errors.append(ImportError(fallback, field: "key", "is missing"))
                continue
            }
            let location = FileLocation(file: file, line: lines.line(ofKey: key), element: "issue \(key)")
            guard let fields = issue["fields"] as? [String: Any] else {
                errors.append(ImportError(location, field: "fields", "is missing"))
                continue
            }
            let type = (fields["issuetype"] as? [String: Any])?["name"] as? String ?? ""
            let status = fields["status"] as? [String: Any]
            let category = (status?["statusCategory"] as? [String: Any])?["key"] as? String ?? "new"
            let project = fields["project"] as? [String: Any]
            let projectKey = project?["key"] as? String ?? String(key.split(separator: "-").first ?? "JIRA")
            let agileEpic = fields["epic"] as? [String: Any]
            let parent = fields["parent"] as? [String: Any]
            let parentIsEpic = ((parent?["fields"] as? [String: Any])?["issuetype"] as? [String: Any])?["name"] as? String == "Epic"
            let linked = options.epicLinkField.flatMap { fields[$0] as? String }
            var points: Double?
            if let field = options.storyPointsField, let value = fields[field], !(value is NSNull) {
                guard let number = value as? Double ?? (value as? NSNumber)?.doubleValue else {
                    errors.append(ImportError(location, field: field, "story points must be a number, not '\(value)'"))
                    continue
                }
                points = number
            }
            func day(_ name: String) -> Day? {
                guard let text = fields[name] as? String else { return nil }
                guard let value = Day(text.prefix(10)) else {
                    errors.append(ImportError(location, field: name, "'\(text)' is not a date"))
                    return nil
                }
                return value
            }
            var entry = Issue(
                key: key, type: type, summary: (fields["summary"] as? String) ?? key, statusCategory: category,
                created: day("created"), due: day("duedate"), resolved: day("resolutiondate"),
                projectKey: projectKey, projectName: project?["name"] as? String ?? projectKey,
                epicKey: (agileEpic?["key"] as? String) ?? linked ?? (parentIsEpic ? parent?["key"] as? String : nil),
                points: points, location: location)
            if entry.summary.isEmpty { entry.summary = key }
            entry.epicName = (agileEpic?["summary"] as? String) ?? (agileEpic?["name"] as? String)
                ?? (parentIsEpic ? (parent?["fields"] as? [String: Any])?["summary"] as? String : nil)
            entry.epicDone = agileEpic?["done"] as? Bool
            issues.append(entry)
        }
        if !errors.isEmpty { throw ImportFailure(Array(errors.prefix(100))) }
        return issues
    }
}
