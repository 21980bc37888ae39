import Fluent
import Foundation
import LodestarCore

/// Everything about one initiative an executive or a gate review needs, in one answer: the record,
/// its health with the rules that fired, the finish forecast, milestones, latest status, open RAID
/// items, decisions, benefits, the objectives it serves and its dependencies. Any signed-in user.
struct InitiativePicture: Encodable, Sendable {
    struct Person: Codable, Sendable {
        var id: UUID
        var name: String
    }

    struct Summary: Codable, Sendable {
        var id: UUID
        var code: String
        var name: String
        var description: String
        var kind: InitiativeKind
        var status: InitiativeStatus
        var tier: GovernanceTier
        var currentGate: Gate
        var owner: Person?
        var sponsor: Person?
        var plannedStart: Day?
        var plannedFinish: Day?
        var baselineStart: Day?
        var baselineFinish: Day?
        var totalBudget: Double
        var actualCost: Double
        var link: String
    }

    struct Served: Codable, Sendable {
        var objectiveID: UUID
        var name: String
        var contribution: Double
        var link: String
    }

    struct Linked: Codable, Sendable {
        var initiativeID: UUID
        var code: String
        var name: String
        var status: InitiativeStatus?
        var link: String
    }

    var asOf: Day
    var initiative: Summary
    /// Nil for completed and cancelled work, which is not assessed.
    var health: HealthAssessment?
    var forecast: MonteCarloForecast.InitiativeForecast?
    var milestones: [WireRecord<Milestone>]
    var latestStatus: WireRecord<StatusUpdate>?
    var openRAID: [WireRecord<RAIDItem>]
    var decisions: [WireRecord<Decision>]
    var benefits: [BenefitProgress]
    var objectives: [Served]
    /// Work this initiative waits for.
    var dependsOn: [Linked]
    /// Work waiting for this initiative.
    var blocks: [Linked]

    static let tool = AssistantTool(
        name: "initiative_picture", title: "An initiative's full picture",
        description: "Everything about one initiative: its record (status, gate, tier, owner, sponsor, dates, budget and cost), its health per dimension with every rule that fired, its Monte Carlo finish forecast (P50/P80/P95 and the chance of meeting the baseline), milestones with baseline and forecast dates, the latest status update, open RAID items by score, its decisions, its benefits against plan, the objectives it serves, and what it depends on and blocks. Use it for 'how is X doing?' or to prepare a gate review.",
        parameters: [AssistantLookup.initiativeParameter]
    ) { arguments, _, session in
        let model = try await AssistantLookup.initiative(arguments.text("initiative") ?? "", on: session.database)
        let picture = try await load(model.id!, session: session)
        return try ToolAnswer(summary: picture.summary, value: picture, subjectID: model.id)
    }

    static func load(_ id: UUID, session: AssistantSession) async throws -> InitiativePicture {
        let snapshot = try await PortfolioSnapshotLoader.load(on: session.database)
        let index = PortfolioIndex(snapshot)
        guard let record = index.initiatives[id] else { throw ToolFailure.notFound("Initiative \(id) does not exist.") }
        let fields = record.fields
        let options = ExecutiveDashboard.Options()
        let forecast = snapshot.forecast(index: index, trials: options.forecastTrials, seed: options.forecastSeed)
        func person(_ id: UUID?) -> Person? { id.map { Person(id: $0, name: snapshot.people[$0] ?? "unknown") } }
        func linked(_ other: UUID) -> Linked {
            let initiative = index.initiatives[other]
            return Linked(initiativeID: other, code: initiative?.code ?? "?", name: initiative?.name ?? "unknown",
                          status: initiative?.status, link: session.link("/initiatives/\(other)"))
        }
        let objectives = Dictionary(uniqueKeysWithValues: snapshot.objectives.map { ($0.id, $0) })
        return InitiativePicture(
            asOf: snapshot.today,
            initiative: Summary(
                id: id, code: fields.code, name: fields.name, description: fields.description, kind: fields.kind, status: fields.status,
                tier: fields.tier, currentGate: fields.currentGate, owner: person(fields.ownerID), sponsor: person(fields.sponsorID),
                plannedStart: fields.plannedStart, plannedFinish: fields.plannedFinish, baselineStart: fields.baselineStart,
                baselineFinish: fields.baselineFinish, totalBudget: fields.totalBudget, actualCost: fields.actualCost,
                link: session.link("/initiatives/\(id)")),
            health: snapshot.health(index: index)[id],
            forecast: forecast.initiatives.first { $0.initiativeID == id },
            milestones: (index.milestones[id] ?? []).sorted { $0.forecastDate < $1.forecastDate }.map(WireRecord.init),
            latestStatus: index.latestStatus[id].map(WireRecord.init),
            openRAID: (index.raid[id] ?? []).filter { $0.status != .closed }.sorted { ($0.score, $1.title) > ($1.score, $0.title) }.map(WireRecord.init),
            decisions: (index.decisions[id] ?? []).sorted { ($0.status == .pending ? 0 : 1, $1.requestedOn) < ($1.status == .pending ? 0 : 1, $0.requestedOn) }
                .map(WireRecord.init),
            benefits: index.benefitsByInitiative[id] ?? [],
            objectives: snapshot.alignments.filter { $0.initiativeID == id }.compactMap { alignment in
                objectives[alignment.objectiveID].map {
                    Served(objectiveID: $0.id, name: $0.name, contribution: alignment.contribution, link: session.link("/objectives/\($0.id)"))
                }
            },
            dependsOn: (index.predecessors[id] ?? []).map(linked),
            blocks: (index.successors[id] ?? []).map(linked))
    }

    var summary: String {
        let record = initiative
        var lines = [
            "\(record.code) \(record.name) — \(record.status.label), \(record.currentGate.label) gate, \(record.tier.label) tier (as of \(asOf))",
            "Owner: \(record.owner?.name ?? "none"); sponsor: \(record.sponsor?.name ?? "none"). Budget \(record.totalBudget.wholeText), spent \(record.actualCost.wholeText).",
        ]
        if let health {
            let dimensions = health.dimensions
            lines.append("Health \(health.overall.rawValue) (schedule \(dimensions.schedule.rawValue), cost \(dimensions.cost.rawValue), scope \(dimensions.scope.rawValue), risk \(dimensions.risk.rawValue), benefits \(dimensions.benefits.rawValue)).")
            lines += health.findings.filter { $0.health != .green }.map { "- \($0.explanation)" }
        }
        if let finish = forecast?.finish {
            lines.append("Finish forecast: P50 \(finish.p50), P80 \(finish.p80), P95 \(finish.p95)"
                + (finish.probabilityOnTime.map { "; \($0.percentText) chance of meeting the baseline \(finish.baseline.map(String.init(describing:)) ?? "")" } ?? "") + ".")
        }
        let pending = decisions.map(\.record).filter { $0.status == .pending }
        lines.append("\(milestones.filter { !$0.record.isReached }.count) open milestones, \(openRAID.count) open RAID items, \(pending.count) pending decisions, \(benefits.count) benefits, serves \(objectives.count) objectives, depends on \(dependsOn.count), blocks \(blocks.count).")
        lines += openRAID.prefix(3).map(\.record).map { "- \($0.kind.label) '\($0.title)', score \($0.score), escalated to \($0.escalationLevel.rawValue)" }
        lines += pending.prefix(3).map { "- Pending decision '\($0.title)'" + ($0.neededBy.map { ", needed by \($0)" } ?? "") }
        lines.append("Record: \(record.link)")
        return lines.joined(separator: "\n")
    }
}
