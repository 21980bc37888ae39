import Foundation

/// A business problem the PMO exists to solve, with the metric that shows the problem is real.
public struct PMOProblem: EntityFields {
    public var statement: String
    /// What people see when the problem bites (e.g. "projects start without a sponsor").
    public var symptoms: String
    /// The measure that evidences the problem (e.g. "share of milestones late").
    public var evidenceMetric: String

    public init(statement: String, symptoms: String = "", evidenceMetric: String = "") {
        self.statement = statement
        self.symptoms = symptoms
        self.evidenceMetric = evidenceMetric
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(statement, "statement", maxLength: 500)
        checks.text(symptoms, "symptoms", required: false, maxLength: 4000)
        checks.text(evidenceMetric, "evidenceMetric", required: false, maxLength: 300)
        return checks.issues
    }
}

/// One service of the PMO's catalogue: the problems it addresses and the executive question it answers.
public struct PMOService: EntityFields {
    public var name: String
    public var description: String
    public var problemIDs: [UUID]
    public var executiveQuestion: String
    public var ownerID: UUID?
    /// The promise made to its customers, e.g. "portfolio report by the 3rd working day".
    public var serviceLevel: String

    public init(
        name: String, description: String = "", problemIDs: [UUID] = [], executiveQuestion: String, ownerID: UUID? = nil,
        serviceLevel: String = ""
    ) {
        self.name = name
        self.description = description
        self.problemIDs = problemIDs
        self.executiveQuestion = executiveQuestion
        self.ownerID = ownerID
        self.serviceLevel = serviceLevel
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        checks.text(name, "name")
        checks.text(description, "description", required: false, maxLength: 4000)
        checks.text(executiveQuestion, "executiveQuestion", maxLength: 500)
        checks.text(serviceLevel, "serviceLevel", required: false, maxLength: 500)
        checks.require(problemIDs.count <= 50, "problemIDs", "at most 50 problems")
        checks.require(Set(problemIDs).count == problemIDs.count, "problemIDs", "must not name a problem twice")
        return checks.issues
    }
}

/// The charter read as a chain, problem → service → KPI, with its gaps: services nobody can show
/// work (no KPI) and problems nothing addresses.
public struct CharterChain: Sendable, Equatable {
    public struct Link: Sendable, Equatable {
        public var problem: Record<PMOProblem>
        public var services: [Record<PMOService>]
    }

    public var links: [Link]
    /// Services with no KPI: the PMO cannot show they work.
    public var servicesWithoutKPI: [UUID]
    /// Problems no service addresses.
    public var unaddressedProblems: [UUID]
    /// KPIs by service, in name order.
    public var kpisByService: [UUID: [Record<PMOKPI>]]

    public static func build(problems: [Record<PMOProblem>], services: [Record<PMOService>], kpis: [Record<PMOKPI>]) -> CharterChain {
        let sortedServices = services.sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
        let kpisByService = Dictionary(grouping: kpis.filter { $0.serviceID != nil }, by: { $0.serviceID! })
            .mapValues { $0.sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) } }
        let links = problems.sorted { ($0.statement, $0.id.uuidString) < ($1.statement, $1.id.uuidString) }.map { problem in
            Link(problem: problem, services: sortedServices.filter { $0.problemIDs.contains(problem.id) })
        }
        return CharterChain(
            links: links,
            servicesWithoutKPI: sortedServices.filter { (kpisByService[$0.id] ?? []).isEmpty }.map(\.id),
            unaddressedProblems: links.filter { $0.services.isEmpty }.map(\.problem.id),
            kpisByService: kpisByService)
    }
}
