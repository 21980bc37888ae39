import Foundation

/// Maps what Redmine's REST API returns into an import plan: projects become initiatives, versions
/// become their milestones, and issues give each project its progress; issues tracked as risks,
/// assumptions, issues or dependencies (or raised as urgent) become RAID items.
public enum RedmineMapping {
    /// The parts of Redmine's JSON the mapping reads (`/projects.json`, `/versions.json`, `/issues.json`).
    public struct Project: Decodable, Sendable, Equatable {
        public var id: Int
        public var name: String
        public var identifier: String
        public var description: String?
        /// 1 active, 5 closed, 9 archived.
        public var status: Int?
    }

    public struct Reference: Decodable, Sendable, Equatable {
        public var id: Int
        public var name: String?
    }

    public struct Version: Decodable, Sendable, Equatable {
        public var id: Int
        public var project: Reference
        public var name: String
        /// open, locked or closed.
        public var status: String?
        public var due_date: String?
        public var updated_on: String?
    }

    public struct Status: Decodable, Sendable, Equatable {
        public var id: Int
        public var name: String?
        public var is_closed: Bool?
    }

    public struct Issue: Decodable, Sendable, Equatable {
        public var id: Int
        public var project: Reference
        public var tracker: Reference?
        public var status: Status?
        public var priority: Reference?
        public var subject: String
        public var description: String?
        public var due_date: String?
        public var done_ratio: Int?
        public var updated_on: String?
    }

    /// One sync's data. `issues` may be only those changed since the last sync.
    public struct Snapshot: Sendable {
        public var projects: [Project]
        public var versions: [Version]
        public var issues: [Issue]
        /// Every issue of each project whose progress this sync can judge, by project id. A project's
        /// progress and status are worked out from all its issues or not at all: an incremental sync
        /// sees a few, and a status inferred from those would flap between syncs.
        public var progressIssues: [Int: [Issue]]

        /// `progressIssues` nil: `issues` are all the issues there are.
        public init(projects: [Project], versions: [Version], issues: [Issue], progressIssues: [Int: [Issue]]? = nil) {
            self.projects = projects
            self.versions = versions
            self.issues = issues
            self.progressIssues = progressIssues ?? Dictionary(grouping: issues, by: \.project.id)
        }
    }

    public static let ownedInitiativeFields = ["name", "description", "status", "externalSource", "externalID"]
    static let raidTrackers: [String: RAIDKind] = ["risk": .risk, "assumption": .assumption, "issue": .issue, "dependency": .dependency]
    static let impactOfPriority = ["low": 2, "normal": 3, "high": 4, "urgent": 5, "immediate": 5]

    public static func plan(_ snapshot: Snapshot, server: String) -> ImportPlan {
        var plan = ImportPlan(source: "redmine", fileName: server)
        func location(_ what: String) -> FileLocation { FileLocation(file: server, element: what) }
        for project in snapshot.projects {
            let issues = snapshot.progressIssues[project.id] ?? []
            let progress = issues.isEmpty ? nil
                : Double(issues.reduce(0) { $0 + (($1.status?.is_closed ?? false) ? 100 : min(max($1.done_ratio ?? 0, 0), 100)) }) / Double(issues.count) / 100
            let closed = project.status == 5 || project.status == 9
            let status: InitiativeStatus = closed ? .completed : (progress ?? 0) > 0 ? .active : .approved
            var fields = Initiative(
                code: String(project.identifier.uppercased().prefix(40)), name: String(project.name.prefix(200)),
                description: String((project.description ?? "").prefix(8000)), status: status,
                currentGate: closed ? .close : status == .active ? .deliver : .plan,
                externalSource: "redmine", externalID: "project:\(project.id)")
            fields.kind = .project
            var planned = ImportPlan.PlannedInitiative(
                externalID: "project:\(project.id)", fields: fields, location: location("project \(project.identifier)"), progress: progress)
            // Without the project's issues (none at all, or none changed since the last sync) the inferred status means nothing.
            planned.ownedFields = issues.isEmpty && !closed ? ownedInitiativeFields.filter { $0 != "status" } : ownedInitiativeFields
            plan.initiatives.append(planned)
        }
        let known = Set(snapshot.projects.map(\.id))
        for version in snapshot.versions {
            let what = "version \(version.id) \(version.name)"
            guard known.contains(version.project.id) else { continue }
            guard let due = version.due_date.flatMap({ Day($0.prefix(10)) }) else {
                plan.skipped.append(.init(location(what), "version without a due date"))
                continue
            }
            plan.milestones.append(.init(
                externalID: "version:\(version.id)", initiativeExternalID: "project:\(version.project.id)", name: String(version.name.prefix(200)),
                baselineDate: nil, forecastDate: due, actualDate: version.status == "closed" ? due : nil, progress: nil, location: location(what)))
        }
        for issue in snapshot.issues where known.contains(issue.project.id) {
            let tracker = issue.tracker?.name?.lowercased() ?? ""
            let priority = issue.priority?.name?.lowercased() ?? "normal"
            let kind = raidTrackers[tracker] ?? (priority == "urgent" || priority == "immediate" ? .issue : nil)
            guard let kind else { continue }
            plan.raidItems.append(.init(
                externalID: "issue:\(issue.id)", initiativeExternalID: "project:\(issue.project.id)", kind: kind,
                title: String(issue.subject.prefix(200)), description: String((issue.description ?? "").prefix(4000)),
                probability: kind == .issue ? 5 : 3, impact: impactOfPriority[priority] ?? 3,
                dueDate: issue.due_date.flatMap { Day($0.prefix(10)) }, status: (issue.status?.is_closed ?? false) ? .closed : .open,
                location: location("issue #\(issue.id)")))
        }
        return plan
    }
}
