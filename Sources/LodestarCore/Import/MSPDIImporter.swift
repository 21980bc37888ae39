import Foundation

/// Reads MS Project XML (MSPDI) into an import plan: the project's schedule becomes an initiative's
/// dates, milestone and phase tasks become milestones, work resources become pools, assignments become
/// demand per quarter, and links between initiatives become dependencies.
public struct MSPDIImporter: Sendable {
    public enum Grouping: String, Vocabulary {
        /// The whole file is one initiative (a project plan).
        case project
        /// Each top-level task is an initiative (a programme's master schedule); links across them
        /// become dependencies.
        case programme
    }

    public struct Options: Sendable, Equatable {
        public var grouping: Grouping
        /// The initiative code for a new initiative (project grouping); by default made from the title.
        public var code: String?

        public init(grouping: Grouping = .project, code: String? = nil) {
            self.grouping = grouping
            self.code = code
        }
    }

    /// Hours of one full-time person in one quarter (13 weeks of 40 hours), to turn work into FTE.
    public static let hoursPerFTEQuarter = 520.0
    /// Fields of an existing initiative that a re-import refreshes; governance fields stay the PMO's.
    public static let ownedInitiativeFields = ["name", "plannedStart", "plannedFinish", "baselineStart", "baselineFinish", "externalSource", "externalID"]

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// The parsed file: records only, in document order.
    struct Document {
        var project = XMLRecord(name: "Project", line: 1)
        var tasks: [XMLRecord] = []
        var resources: [XMLRecord] = []
        var assignments: [XMLRecord] = []
    }

    static let reader = SafeXMLReader(
        expectedRoot: "Project",
        recordPaths: [["Project", "Tasks", "Task"], ["Project", "Resources", "Resource"], ["Project", "Assignments", "Assignment"]],
        groupNames: ["PredecessorLink", "Baseline"])

    public func plan(fileAt url: URL, named name: String) throws -> ImportPlan {
        var document = Document()
        try Self.reader.read(fileAt: url, named: name) { Self.collect($0, into: &document) }
        return try plan(document, file: name)
    }

    public func plan(data: Data, named name: String) throws -> ImportPlan {
        var document = Document()
        try Self.reader.read(data, named: name) { Self.collect($0, into: &document) }
        return try plan(document, file: name)
    }

    private static func collect(_ record: XMLRecord, into document: inout Document) {
        switch record.name {
            case "Task": document.tasks.append(record)
            case "Resource": document.resources.append(record)
            case "Assignment": document.assignments.append(record)
            default: document.project = record
        }
    }

    // MARK: - mapping

    private struct Task {
        var record: XMLRecord
        var uid: String
        var name: String
        var level: Int
        var isSummary: Bool
        var isMilestone: Bool
        var start: Day?
        var finish: Day?
        var actualFinish: Day?
        var baselineStart: Day?
        var baselineFinish: Day?
        var percentComplete: Double
        var work: Double
    }

    private func plan(_ document: Document, file: String) throws -> ImportPlan {
        var errors: [ImportError] = []
        var plan = ImportPlan(source: "mspdi", fileName: file)
        let projectName = document.project["Title"] ?? document.project["Name"].map(Self.dropExtension) ?? Self.dropExtension(file)
        let projectKey = document.project["GUID"] ?? document.project["Name"] ?? Self.dropExtension(file)

        func location(_ record: XMLRecord, _ what: String) -> FileLocation {
            FileLocation(file: file, line: record.line, element: what)
        }
        func day(_ record: XMLRecord, _ field: String, _ what: String) -> Day? {
            guard let text = record[field] else { return nil }
            guard let value = Self.day(text) else {
                errors.append(ImportError(location(record, what), field: field, "'\(text)' is not a date (expected 2026-01-31T08:00:00)"))
                return nil
            }
            return value
        }
        func number(_ record: XMLRecord, _ field: String, _ what: String) -> Double? {
            guard let text = record[field] else { return nil }
            guard let value = Double(text), value.isFinite else {
                errors.append(ImportError(location(record, what), field: field, "'\(text)' is not a number"))
                return nil
            }
            return value
        }

        // Tasks, with their outline parents resolved from document order (MSPDI has no parent UID).
        var tasks: [Task] = []
        var projectSummary: Task?
        for record in document.tasks {
            let uid = record["UID"] ?? ""
            let what = "Task UID \(uid.isEmpty ? "?" : uid)"
            if uid.isEmpty {
                errors.append(ImportError(location(record, "Task"), field: "UID", "is missing"))
                continue
            }
            if record["IsNull"] == "1" {
                plan.skipped.append(.init(location(record, what), "blank row (IsNull)"))
                continue
            }
            let baseline = record.groups.first { $0.name == "Baseline" && $0.fields["Number"]?.trimmingWhitespace == "0" }
            let baselineRecord = XMLRecord(name: "Baseline", line: record.line, fields: baseline?.fields ?? [:])
            var task = Task(
                record: record, uid: uid, name: record["Name"] ?? "", level: Int(record["OutlineLevel"] ?? "") ?? 1,
                isSummary: record["Summary"] == "1", isMilestone: record["Milestone"] == "1",
                start: day(record, "Start", what), finish: day(record, "Finish", what),
                actualFinish: day(record, "ActualFinish", what),
                baselineStart: day(baselineRecord, "Start", what + " Baseline 0"),
                baselineFinish: day(baselineRecord, "Finish", what + " Baseline 0"),
                percentComplete: (number(record, "PercentComplete", what) ?? 0) / 100,
                work: record["Work"].flatMap(Self.hours) ?? 0)
            if uid == "0" || task.level == 0 {
                projectSummary = task
                continue
            }
            if task.name.isEmpty {
                plan.skipped.append(.init(location(record, what), "task without a name"))
                continue
            }
            task.level = max(task.level, 1)
            tasks.append(task)
        }

        // Initiatives.
        var initiativeOfTask: [String: String] = [:]
        switch options.grouping {
            case .project:
                let key = projectKey
                // MS Project does not always refresh the project's own dates; the tasks' span is the schedule.
                let start = ([document.project["StartDate"].flatMap(Self.day), projectSummary?.start] + tasks.map(\.start)).compactMap { $0 }.min()
                let finish = ([document.project["FinishDate"].flatMap(Self.day), projectSummary?.finish] + tasks.map(\.finish)).compactMap { $0 }.max()
                let baselineStart = projectSummary?.baselineStart ?? tasks.compactMap(\.baselineStart).min()
                let baselineFinish = projectSummary?.baselineFinish ?? tasks.compactMap(\.baselineFinish).max()
                let progress = projectSummary?.percentComplete ?? Self.weightedProgress(tasks.filter { !$0.isSummary })
                plan.initiatives.append(initiative(
                    key: key, code: options.code ?? Self.code(from: projectName), name: projectName,
                    start: start, finish: finish, baselineStart: baselineStart, baselineFinish: baselineFinish,
                    progress: progress, location: location(document.project, "Project")))
                for task in tasks { initiativeOfTask[task.uid] = key }
            case .programme:
                var currentTop: String?
                var codes = Set<String>()
                for task in tasks {
                    if task.level == 1 {
                        let key = "\(projectKey)/task/\(task.uid)"
                        currentTop = key
                        // Task names repeat ("Design", "Build" in every stream); the UID keeps codes unique.
                        var code = Self.code(from: task.name)
                        if !codes.insert(code).inserted {
                            code = String(code.prefix(40 - task.uid.count - 1)) + "-" + task.uid
                            codes.insert(code)
                        }
                        plan.initiatives.append(initiative(
                            key: key, code: code, name: task.name, start: task.start, finish: task.finish,
                            baselineStart: task.baselineStart, baselineFinish: task.baselineFinish, progress: task.percentComplete,
                            location: location(task.record, "Task UID \(task.uid)")))
                    }
                    initiativeOfTask[task.uid] = currentTop
                }
        }

        // Milestones: milestone tasks, and phases (summaries one level below the initiative).
        let phaseLevel = options.grouping == .project ? 1 : 2
        for task in tasks {
            guard let owner = initiativeOfTask[task.uid] else { continue }
            let what = "Task UID \(task.uid)"
            let isPhase = task.isSummary && task.level == phaseLevel
            guard task.isMilestone || isPhase else { continue }
            guard let forecast = task.finish ?? task.start else {
                plan.skipped.append(.init(location(task.record, what), "milestone without a finish date"))
                continue
            }
            plan.milestones.append(.init(
                externalID: "\(projectKey)/task/\(task.uid)", initiativeExternalID: owner, name: String(task.name.prefix(200)),
                baselineDate: task.baselineFinish ?? task.baselineStart, forecastDate: forecast,
                actualDate: task.percentComplete >= 1 ? (task.actualFinish ?? forecast) : nil,
                progress: task.percentComplete, location: location(task.record, what)))
        }

        // Dependencies: predecessor links that cross initiatives.
        var seenDependencies = Set<String>()
        for task in tasks {
            for link in task.record.groups where link.name == "PredecessorLink" {
                let what = "Task UID \(task.uid) PredecessorLink"
                let linkLocation = location(task.record, what)
                guard let predecessorUID = link.fields["PredecessorUID"].map({ String($0.trimmingWhitespace) }), !predecessorUID.isEmpty else {
                    errors.append(ImportError(linkLocation, field: "PredecessorUID", "is missing"))
                    continue
                }
                guard let from = initiativeOfTask[predecessorUID], let to = initiativeOfTask[task.uid] else {
                    plan.skipped.append(.init(linkLocation, "link from task UID \(predecessorUID), which is not imported"))
                    continue
                }
                guard from != to else {
                    plan.skipped.append(.init(linkLocation, "link inside one initiative (task UID \(predecessorUID) → \(task.uid)); the portfolio tracks links between initiatives"))
                    continue
                }
                guard seenDependencies.insert("\(from)→\(to)").inserted else { continue }
                let type = Self.linkTypes[link.fields["Type"].map { String($0.trimmingWhitespace) } ?? "1"] ?? "FS"
                let lagDays = (Double(link.fields["LinkLag"].map { String($0.trimmingWhitespace) } ?? "0") ?? 0) / 10 / 60 / 8
                var description = "From MS Project: \(type) link, task UID \(predecessorUID) → \(task.uid)"
                if lagDays != 0 { description += String(format: ", lag %.1f working days", lagDays) }
                plan.dependencies.append(.init(
                    externalID: "\(from)→\(to)", predecessorExternalID: from, successorExternalID: to,
                    description: description, location: linkLocation))
            }
        }

        // Pools: work resources. Named resources are shared across files, so the name is the key.
        var poolOfResource: [String: String] = [:]
        for record in document.resources {
            let uid = record["UID"] ?? "?"
            let what = "Resource UID \(uid)"
            if uid == "0" || record["IsNull"] == "1" { continue }
            guard let name = record["Name"] else {
                plan.skipped.append(.init(location(record, what), "resource without a name"))
                continue
            }
            if record["Type"] == "0" || record["IsCostResource"] == "1" || record["IsBudget"] == "1" {
                plan.skipped.append(.init(location(record, what), "\(name) is a material, cost or budget resource, not people"))
                continue
            }
            let key = name.lowercased()
            poolOfResource[uid] = key
            guard !plan.pools.contains(where: { $0.externalID == key }) else { continue }
            let hourlyRate = number(record, "StandardRate", what) ?? 0
            plan.pools.append(.init(
                externalID: key,
                fields: ResourcePool(name: String(name.prefix(120)), kind: .role, description: "Imported from MS Project (\(file)).",
                                     costRate: max(0, hourlyRate) * Self.hoursPerFTEQuarter),
                location: location(record, what)))
        }

        // Demand: each assignment's work spread evenly over its dates, summed per quarter.
        var demand: [String: ImportPlan.PlannedDemand] = [:]
        let tasksByUID = Dictionary(tasks.map { ($0.uid, $0) }, uniquingKeysWith: { first, _ in first })
        for record in document.assignments {
            let what = "Assignment UID \(record["UID"] ?? "?")"
            guard let resourceUID = record["ResourceUID"], let pool = poolOfResource[resourceUID] else { continue }
            guard let taskUID = record["TaskUID"], let task = tasksByUID[taskUID], let initiative = initiativeOfTask[taskUID] else { continue }
            let hours = record["Work"].flatMap(Self.hours) ?? 0
            guard hours > 0 else { continue }
            guard let start = day(record, "Start", what) ?? task.start, let finish = day(record, "Finish", what) ?? task.finish else {
                plan.skipped.append(.init(location(record, what), "assignment without dates"))
                continue
            }
            for (quarter, share) in Self.quarterShares(from: start, to: max(start, finish)) {
                let entry = ImportPlan.PlannedDemand(initiativeExternalID: initiative, poolExternalID: pool, period: quarter, fte: 0)
                demand[entry.externalID, default: entry].fte += hours * share / Self.hoursPerFTEQuarter
            }
        }
        plan.demands = demand.values
            .map { var entry = $0; entry.fte = ($0.fte * 1000).rounded() / 1000; return entry }
            .filter { $0.fte > 0 }
            .sorted { ($0.initiativeExternalID, $0.poolExternalID, $0.period) < ($1.initiativeExternalID, $1.poolExternalID, $1.period) }

        errors += plan.validationErrors()
        if !errors.isEmpty { throw ImportFailure(Array(errors.prefix(100))) }
        return plan
    }

    private func initiative(
        key: String, code: String, name: String, start: Day?, finish: Day?, baselineStart: Day?, baselineFinish: Day?,
        progress: Double?, location: FileLocation
    ) -> ImportPlan.PlannedInitiative {
        let progress = progress.map { min(max($0, 0), 1) }
        let status: InitiativeStatus = progress == 1 ? .completed : (progress ?? 0) > 0 ? .active : .approved
        let gate: Gate = status == .completed ? .close : status == .active ? .deliver : .plan
        var fields = Initiative(
            code: code, name: String(name.prefix(200)), kind: .project,
            status: status, currentGate: gate, plannedStart: start, plannedFinish: finish,
            baselineStart: baselineStart, baselineFinish: baselineFinish, externalSource: "mspdi", externalID: String(key.prefix(200)))
        // A plan whose finish precedes its start (a blank project) is kept without the inconsistent end.
        if let start, let finish, finish < start { fields.plannedFinish = nil }
        if let start = baselineStart, let finish = baselineFinish, finish < start { fields.baselineFinish = nil }
        var planned = ImportPlan.PlannedInitiative(externalID: String(key.prefix(200)), fields: fields, location: location, progress: progress)
        planned.ownedFields = Self.ownedInitiativeFields
        return planned
    }

    // MARK: - value formats

    static let linkTypes = ["0": "FF", "1": "FS", "2": "SF", "3": "SS"]

    /// `2003-01-02T08:00:00` (MSPDI writes local times without a zone) → its day.
    static func day(_ text: String) -> Day? {
        Day(text.prefix(10))
    }

    /// ISO-8601 durations as MS Project writes them (`PT80H0M0S`, `P2DT4H`) → hours.
    static func hours(_ text: String) -> Double? {
        var hours = 0.0, number = "", inTime = false
        for character in text.trimmingWhitespace.uppercased() {
            switch character {
                case "P": continue
                case "T": inTime = true
                case "-": number.append(character)
                case "0"..."9", ".": number.append(character)
                default:
                    guard let value = Double(number) else { return nil }
                    number = ""
                    switch (character, inTime) {
                        case ("D", false): hours += value * 24
                        case ("H", true): hours += value
                        case ("M", true): hours += value / 60
                        case ("S", true): hours += value / 3600
                        case ("W", false): hours += value * 24 * 7
                        case ("M", false): hours += value * 24 * 30
                        case ("Y", false): hours += value * 24 * 365
                        default: return nil
                    }
            }
        }
        return number.isEmpty ? hours : nil
    }

    /// The share of the days from `start` to `finish` (inclusive) that falls in each quarter.
    static func quarterShares(from start: Day, to finish: Day) -> [(Quarter, Double)] {
        let total = Double(start.days(until: finish) + 1)
        var result: [(Quarter, Double)] = []
        var quarter = Quarter(containing: start)
        while quarter.firstDay <= finish {
            let from = max(start, quarter.firstDay), to = min(finish, quarter.lastDay)
            result.append((quarter, Double(from.days(until: to) + 1) / total))
            quarter = quarter.adding(1)
        }
        return result
    }

    private static func weightedProgress(_ tasks: [Task]) -> Double? {
        guard !tasks.isEmpty else { return nil }
        let work = tasks.reduce(0) { $0 + $1.work }
        if work > 0 { return tasks.reduce(0) { $0 + $1.work * $1.percentComplete } / work }
        return tasks.reduce(0) { $0 + $1.percentComplete } / Double(tasks.count)
    }

    /// A readable initiative code from a title: `Office Move 2027` → `OFFICE-MOVE-2027`.
    public static func code(from title: String) -> String {
        let words = title.uppercased().split { !($0.isLetter || $0.isNumber) || !$0.isASCII }
        let code = words.joined(separator: "-")
        return String((code.isEmpty ? "IMPORTED" : code).prefix(40))
    }

    static func dropExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
