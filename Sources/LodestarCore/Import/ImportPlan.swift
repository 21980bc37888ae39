import Foundation

/// The formats Lodestar reads a portfolio from.
public enum ImportFormat: String, Vocabulary {
    case mspdi, jira, xlsx, csv

    public var label: String {
        switch self {
            case .mspdi: "MS Project XML"
            case .jira: "Jira JSON"
            case .xlsx: "Excel (.xlsx)"
            case .csv: "CSV"
        }
    }
}

/// Where in a source file a record or an error comes from, precise enough to find it in an editor.
public struct FileLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    /// 1-based line (XML, JSON, CSV) or row (spreadsheets); nil when the format has none.
    public var line: Int?
    /// What the line or row holds, e.g. `Task UID 12`, `issue PROJ-7`, `row 4`.
    public var element: String?

    public init(file: String, line: Int? = nil, element: String? = nil) {
        self.file = file
        self.line = line
        self.element = element
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let element { text += " (\(element))" }
        return text
    }
}

/// Why a file cannot be imported: the file, the line or element, the field and the reason.
public struct ImportError: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public var location: FileLocation
    public var field: String?
    public var reason: String

    public init(_ location: FileLocation, field: String? = nil, _ reason: String) {
        self.location = location
        self.field = field
        self.reason = reason
    }

    public var description: String {
        "\(location): \(field.map { "\($0): " } ?? "")\(reason)"
    }
}

/// Every error a file has (up to a limit), so a user fixes them in one pass rather than one per try.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public var errors: [ImportError]

    public init(_ errors: [ImportError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// What a file says, as records keyed by their ids in the source system. The server matches the
/// external ids against the database to decide what is created, updated or left alone.
public struct ImportPlan: Sendable, Equatable {
    public struct PlannedInitiative: Sendable, Equatable {
        public var externalID: String
        /// Owner and sponsor are left for the PMO to assign; the source tools name people differently.
        public var fields: Initiative
        public var location: FileLocation
        /// Share of the work done (0–1) when the source says, shown in the preview.
        public var progress: Double?
        /// The fields of an existing initiative that this source refreshes on re-import; the others
        /// (owner, governance, budgets the source does not hold) stay as the PMO set them.
        public var ownedFields: [String] = []

        public init(externalID: String, fields: Initiative, location: FileLocation, progress: Double? = nil) {
            self.externalID = externalID
            self.fields = fields
            self.location = location
            self.progress = progress
        }
    }

    public struct PlannedMilestone: Sendable, Equatable {
        public var externalID: String
        public var initiativeExternalID: String
        public var name: String
        public var baselineDate: Day?
        public var forecastDate: Day
        public var actualDate: Day?
        public var progress: Double?
        public var location: FileLocation

        public init(
            externalID: String, initiativeExternalID: String, name: String, baselineDate: Day?, forecastDate: Day,
            actualDate: Day?, progress: Double?, location: FileLocation
        ) {
            self.externalID = externalID
            self.initiativeExternalID = initiativeExternalID
            self.name = name
            self.baselineDate = baselineDate
            self.forecastDate = forecastDate
            self.actualDate = actualDate
            self.progress = progress
            self.location = location
        }
    }

    public struct PlannedPool: Sendable, Equatable {
        public var externalID: String
        public var fields: ResourcePool
        public var location: FileLocation

        public init(externalID: String, fields: ResourcePool, location: FileLocation) {
            self.externalID = externalID
            self.fields = fields
            self.location = location
        }
    }

    public struct PlannedDependency: Sendable, Equatable {
        public var externalID: String
        public var predecessorExternalID: String
        public var successorExternalID: String
        public var description: String
        public var location: FileLocation

        public init(externalID: String, predecessorExternalID: String, successorExternalID: String, description: String, location: FileLocation) {
            self.externalID = externalID
            self.predecessorExternalID = predecessorExternalID
            self.successorExternalID = successorExternalID
            self.description = description
            self.location = location
        }
    }

    public struct PlannedDemand: Sendable, Equatable {
        public var initiativeExternalID: String
        public var poolExternalID: String
        public var period: Quarter
        public var fte: Double

        public init(initiativeExternalID: String, poolExternalID: String, period: Quarter, fte: Double) {
            self.initiativeExternalID = initiativeExternalID
            self.poolExternalID = poolExternalID
            self.period = period
            self.fte = fte
        }

        /// One demand per initiative, pool and quarter, so this is its identity in the source.
        public var externalID: String { "\(initiativeExternalID)|\(poolExternalID)|\(period)" }
    }

    public struct PlannedRAIDItem: Sendable, Equatable {
        public var externalID: String
        public var initiativeExternalID: String
        public var kind: RAIDKind
        public var title: String
        public var description: String
        public var probability: Int
        public var impact: Int
        public var dueDate: Day?
        public var status: RAIDStatus
        public var location: FileLocation

        public init(
            externalID: String, initiativeExternalID: String, kind: RAIDKind, title: String, description: String,
            probability: Int, impact: Int, dueDate: Day?, status: RAIDStatus, location: FileLocation
        ) {
            self.externalID = externalID
            self.initiativeExternalID = initiativeExternalID
            self.kind = kind
            self.title = title
            self.description = description
            self.probability = probability
            self.impact = impact
            self.dueDate = dueDate
            self.status = status
            self.location = location
        }
    }

    /// Something in the file that deliberately becomes no record, and why.
    public struct Skipped: Sendable, Equatable, Codable {
        public var location: FileLocation
        public var reason: String

        public init(_ location: FileLocation, _ reason: String) {
            self.location = location
            self.reason = reason
        }
    }

    /// The system the external ids belong to, e.g. `mspdi`, `jira`, `csv`; stored with each record.
    public var source: String
    public var fileName: String
    public var initiatives: [PlannedInitiative] = []
    public var milestones: [PlannedMilestone] = []
    public var pools: [PlannedPool] = []
    public var dependencies: [PlannedDependency] = []
    public var demands: [PlannedDemand] = []
    public var raidItems: [PlannedRAIDItem] = []
    public var skipped: [Skipped] = []

    public init(source: String, fileName: String) {
        self.source = source
        self.fileName = fileName
    }

    public var recordCount: Int {
        initiatives.count + milestones.count + pools.count + dependencies.count + demands.count + raidItems.count
    }

    /// Checks the planned records as the store would, so a bad value fails the preview with its
    /// location instead of failing half-way through a commit.
    public func validationErrors() -> [ImportError] {
        var errors: [ImportError] = []
        for initiative in initiatives {
            errors += initiative.fields.validate().map { ImportError(initiative.location, field: $0.field, $0.reason) }
        }
        for pool in pools {
            errors += pool.fields.validate().map { ImportError(pool.location, field: $0.field, $0.reason) }
        }
        for milestone in milestones where milestone.name.trimmingWhitespace.isEmpty {
            errors.append(ImportError(milestone.location, field: "name", "is required"))
        }
        var seen = Set<String>()
        for initiative in initiatives where !seen.insert(initiative.externalID).inserted {
            errors.append(ImportError(initiative.location, field: "externalID", "'\(initiative.externalID)' appears twice in the file"))
        }
        var codes = Set<String>()
        for initiative in initiatives where !codes.insert(initiative.fields.code).inserted {
            errors.append(ImportError(initiative.location, field: "code", "'\(initiative.fields.code)' appears twice in the file"))
        }
        return errors
    }
}
