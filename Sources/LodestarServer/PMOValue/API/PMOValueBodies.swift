import Foundation
import LodestarCore
import Vapor

/// What the PMO-value API sends beyond plain records.
enum PMOValueBodies {
    struct KPILine: Content {
        var id: UUID
        var name: String
        var unit: String
        var direction: KPIDirection
        var target: Double
        var source: KPISource
        var latest: ChartPoint?
        var meetsTarget: Bool?
        var improving: Bool?
        var points: [ChartPoint]

        init(_ kpi: Record<PMOKPI>, measurements: [KPIMeasurement]) {
            let trend = KPITrend(kpi: kpi.fields, measurements: measurements)
            id = kpi.id
            name = kpi.name
            unit = kpi.unit
            direction = kpi.direction
            target = kpi.target
            source = kpi.source
            latest = trend.latest
            meetsTarget = trend.meetsTarget
            improving = trend.improving
            points = trend.points
        }
    }

    struct ServiceLine: Content {
        var id: UUID
        var name: String
        var executiveQuestion: String
        var serviceLevel: String
        var ownerID: UUID?
        var problemIDs: [UUID]
        var kpis: [KPILine]
    }

    struct ProblemLine: Content {
        var id: UUID
        var statement: String
        var symptoms: String
        var evidenceMetric: String
        var serviceIDs: [UUID]
    }

    /// The charter as a chain: problem → service → KPI → trend, and its gaps.
    struct Charter: Content {
        var problems: [ProblemLine]
        var services: [ServiceLine]
        var servicesWithoutKPI: [UUID]
        var unaddressedProblems: [UUID]

        init(_ chain: CharterChain, services: [Record<PMOService>], measurements: [KPIMeasurement]) {
            let byKPI = Dictionary(grouping: measurements, by: \.kpiID)
            problems = chain.links.map { link in
                ProblemLine(id: link.problem.id, statement: link.problem.statement, symptoms: link.problem.symptoms,
                            evidenceMetric: link.problem.evidenceMetric, serviceIDs: link.services.map(\.id))
            }
            self.services = services.sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }.map { service in
                ServiceLine(
                    id: service.id, name: service.name, executiveQuestion: service.executiveQuestion, serviceLevel: service.serviceLevel,
                    ownerID: service.ownerID, problemIDs: service.problemIDs,
                    kpis: (chain.kpisByService[service.id] ?? []).map { KPILine($0, measurements: byKPI[$0.id] ?? []) })
            }
            servicesWithoutKPI = chain.servicesWithoutKPI
            unaddressedProblems = chain.unaddressedProblems
        }
    }

    struct InvitationRequest: Content {
        var stakeholderGroup: String
        var count: Int
    }

    /// The links of newly issued invitations: shown once, never stored (only their digests are).
    struct IssuedLinks: Content {
        var waveID: UUID
        var stakeholderGroup: String
        var expiresOn: Day
        /// Paths on this server, e.g. `/s/Xq…`; prefix the server's address to send them.
        var links: [String]
    }

    struct GroupInvitations: Content {
        var group: String
        var issued: Int
        var used: Int
    }

    struct WaveResultsBody: Content {
        var wave: SurveyWave
        var waveID: UUID
        var results: WaveResults
        var invitations: [GroupInvitations]
    }

    struct WaveTrend: Content {
        var waveID: UUID
        var name: String
        var opensOn: Day
        var closesOn: Day
        var overall: PerceptionScores
        var groups: [WaveResults.GroupResult]
    }
}
