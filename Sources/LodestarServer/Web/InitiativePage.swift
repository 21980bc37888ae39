import Fluent
import LodestarCore
import Plot
import Vapor

/// Everything Lodestar holds about one initiative, on one page.
enum InitiativePage {
    struct Model {
        var initiative: Record<Initiative>
        var alignments: [(objective: String, objectiveID: UUID, contribution: Double)]
        var milestones: [Record<Milestone>]
        var forecastMoves: [UUID: [ForecastChange]]
        var statusUpdates: [Record<StatusUpdate>]
        var demand: [(pool: String, period: Quarter, fte: Double)]
        var dependsOn: [(id: UUID, name: String)]
        var neededBy: [(id: UUID, name: String)]
        var raid: [Record<RAIDItem>]
        var decisions: [Record<Decision>]
        var benefits: [(benefit: Record<Benefit>, latest: BenefitMeasurement?)]
        var scores: [(criterion: String, value: Double, rationale: String)]
        var people: UserDirectory
        var canEdit: Bool
    }

    static func query(_ id: UUID, caller: Caller, on database: any Database) async throws -> Model {
        guard let model = try await InitiativeModel.find(id, on: database) else { throw Problem.notFound("Initiative \(id)") }
        let initiative = model.record

        let milestones = try await MilestoneModel.all(where: "initiative_id", is: id, on: database).map(\.record)
            .sorted { ($0.baselineDate ?? $0.forecastDate) < ($1.baselineDate ?? $1.forecastDate) }
        let moves = try await ForecastChangeModel.query(on: database).filter(\.$milestoneID ~~ milestones.map(\.id)).all()
            .map(\.change).sorted { $0.changedOn < $1.changedOn }

        let alignmentRows = try await AlignmentModel.all(where: "initiative_id", is: id, on: database).map(\.record)
        let objectives = try await ObjectiveModel.all(where: "id", in: alignmentRows.map(\.objectiveID), on: database)
        let objectiveNames = Dictionary(uniqueKeysWithValues: objectives.map { ($0.id!, $0.name) })

        let demandRows = try await DemandModel.all(where: "initiative_id", is: id, on: database).map(\.record)
        let pools = try await ResourcePoolModel.all(where: "id", in: Array(Set(demandRows.map(\.poolID))), on: database)
        let poolNames = Dictionary(uniqueKeysWithValues: pools.map { ($0.id!, $0.name) })

        let before = try await DependencyModel.all(where: "successor_id", is: id, on: database).map(\.record)
        let after = try await DependencyModel.all(where: "predecessor_id", is: id, on: database).map(\.record)
        let linked = try await InitiativeModel.all(where: "id", in: before.map(\.predecessorID) + after.map(\.successorID), on: database)
        let linkedNames = Dictionary(uniqueKeysWithValues: linked.map { ($0.id!, $0.name) })

        let benefits = try await BenefitModel.all(where: "initiative_id", is: id, on: database).map(\.record)
        let measurements = try await BenefitMeasurementModel.all(where: "benefit_id", in: benefits.map(\.id), on: database).map(\.record)
        let latest = Dictionary(grouping: measurements, by: \.benefitID).mapValues { $0.max { $0.measuredOn < $1.measuredOn }!.fields }

        let scoreRows = try await ScoreModel.all(where: "initiative_id", is: id, on: database).map(\.record)
        let criteria = try await ScoringCriterionModel.all(where: "id", in: scoreRows.map(\.criterionID), on: database)
        let criterionNames = Dictionary(uniqueKeysWithValues: criteria.map { ($0.id!, $0.name) })

        let raid = try await RAIDItemModel.all(where: "initiative_id", is: id, on: database).map(\.record)
        let decisions = try await DecisionModel.all(where: "initiative_id", is: id, on: database).map(\.record)
        let people = try await UserDirectory.load(
            [initiative.ownerID, initiative.sponsorID] + raid.map(\.ownerID) + decisions.map(\.decisionMakerID), on: database)

        return Model(
            initiative: initiative,
            alignments: alignmentRows.map { (objectiveNames[$0.objectiveID] ?? "Unknown objective", $0.objectiveID, $0.contribution) }
                .sorted { $0.contribution > $1.contribution },
            milestones: milestones,
            forecastMoves: Dictionary(grouping: moves, by: \.milestoneID),
            statusUpdates: try await StatusUpdateModel.all(where: "initiative_id", is: id, on: database).map(\.record)
                .sorted { $0.periodStart > $1.periodStart },
            demand: demandRows.map { (poolNames[$0.poolID] ?? "Unknown pool", $0.period, $0.fte) },
            dependsOn: before.map { ($0.predecessorID, linkedNames[$0.predecessorID] ?? "Unknown") },
            neededBy: after.map { ($0.successorID, linkedNames[$0.successorID] ?? "Unknown") },
            raid: raid.sorted { ($0.score, $0.title) > ($1.score, $1.title) },
            decisions: decisions.sorted { $0.requestedOn > $1.requestedOn },
            benefits: benefits.map { ($0, latest[$0.id]) },
            scores: scoreRows.map { (criterionNames[$0.criterionID] ?? "Unknown criterion", $0.value, $0.rationale) }.sorted { $0.criterion < $1.criterion },
            people: people,
            canEdit: caller.isPortfolioStaff || (caller.role == .owner && initiative.ownerID == caller.userID))
    }

    static func health(_ model: Model) -> HealthAssessment {
        HealthAssessment.assess(
            model.initiative.fields, milestones: model.milestones.map(\.fields), latestStatus: model.statusUpdates.first?.fields,
            today: Day.today())
    }

    static func view(_ model: Model, caller: Caller, flash: String?) -> Layout {
        let initiative = model.initiative
        let health = health(model)
        let healthReason = health.overrideReason.map { "Overridden by the owner (computed: \(health.computed.label)): \($0)" }
            ?? (health.findings.isEmpty ? "No rule raised a concern." : "See Health below.")
        return Layout(
            title: initiative.name, caller: caller, area: .portfolio,
            content: .group(
                .nav(.class("crumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
                     .a(.href("/initiatives"), .text("Portfolio")), .text(" / \(initiative.code)")),
                .unwrap(flash) { .p(.id("flash"), .class("flash"), .attribute(named: "role", value: "status"), .text($0)) },
                .div(
                    .class("title-row"),
                    .h1(.span(.class("code"), .text(initiative.code)), .text(" "), .span(.id("initiative-name"), .text(initiative.name))),
                    .if(model.canEdit, .a(.class("button"), .href("/initiatives/\(initiative.id)/edit"), .text("Edit")))
                ),
                .p(
                    .class("badges"),
                    Components.badge(initiative.status, kind: "status"), .text(" "),
                    .span(.class("badge"), .text("\(initiative.tier.label) tier")), .text(" "),
                    .span(.class("badge"), .text("Gate: \(initiative.currentGate.label)")), .text(" "),
                    Components.health(health.overall), .text(" "), .span(.class("muted"), .text(healthReason))
                ),
                .unwrap(initiative.description.isEmpty ? nil : initiative.description) { .p(.class("lead"), .text($0)) },
                Components.section("Facts", id: "facts", Components.definitionList([
                    ("Kind", .text(initiative.kind.label)),
                    ("Owner", .text(model.people.name(initiative.ownerID))),
                    ("Sponsor", .text(model.people.name(initiative.sponsorID))),
                    ("Planned", .text("\(Components.day(initiative.plannedStart)) → \(Components.day(initiative.plannedFinish))")),
                    ("Baseline", .text("\(Components.day(initiative.baselineStart)) → \(Components.day(initiative.baselineFinish))")),
                    ("Capex budget", .span(.id("capex-budget"), .text(Components.money(initiative.capexBudget)))),
                    ("Opex budget", .text(Components.money(initiative.opexBudget))),
                    ("Actual cost", .text(Components.money(initiative.actualCost))),
                    ("Source", .text(initiative.externalSource.map { "\($0) \(initiative.externalID ?? "")" } ?? "Entered in Lodestar")),
                ])),
                Components.section("Health", id: "health",
                    health.findings.isEmpty ? Components.empty("Green: no rule raised a concern.") :
                    .ul(.forEach(health.findings) { finding in
                        .li(Components.health(finding.health), .text(" "), .code(.text(finding.rule)), .text(" — \(finding.explanation)"))
                    })),
                Components.section("Strategic alignment", id: "alignment",
                    model.alignments.isEmpty ? Components.empty("Aligned to no objective: this initiative's strategic value cannot be shown.") :
                    .ul(.forEach(model.alignments) { row in
                        .li(.a(.href("/objectives/\(row.objectiveID)"), .text(row.objective)), .text(" — contributes \(row.contribution.percentText)"))
                    })),
                Components.section("Milestones", id: "milestones",
                    model.milestones.isEmpty ? Components.empty("No milestones yet.") :
                    .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.text("Milestone")), .th(.text("Baseline")), .th(.text("Forecast")), .th(.text("Actual")), .th(.text("Slip (days)")), .th(.text("Forecast history")))),
                        .tbody(.forEach(model.milestones) { milestone in
                            .tr(.td(.text(milestone.name)), .td(.text(Components.day(milestone.baselineDate))),
                                .td(.text(milestone.forecastDate.description)), .td(.text(Components.day(milestone.actualDate))),
                                .td(.class("number"), .text(milestone.slippageInDays.map(String.init) ?? "—")),
                                .td(.text(history(model.forecastMoves[milestone.id] ?? []))))
                        })))),
                Components.section("Status updates", id: "status",
                    model.statusUpdates.isEmpty ? Components.empty("No status update yet.") :
                    .group(.forEach(model.statusUpdates.prefix(4)) { update in
                        .article(
                            .class("status-update"),
                            .h3(.text("Period from \(update.periodStart)"), .text(" "), Components.health(update.overall)),
                            .p(.class("dimensions"), .text(
                                "Schedule \(update.schedule.label) · Cost \(update.cost.label) · Scope \(update.scope.label) · Risk \(update.risk.label) · Benefits \(update.benefits.label)")),
                            .p(.text(update.summary)),
                            .if(!update.blockers.isEmpty, .p(.strong(.text("Blockers: ")), .text(update.blockers)))
                        )
                    })),
                Components.section("Resource demand", id: "demand",
                    model.demand.isEmpty ? Components.empty("No resource demand entered.") : demandTable(model.demand)),
                Components.section("Dependencies", id: "dependencies",
                    .p(.strong(.text("Waits for: ")), model.dependsOn.isEmpty ? .text("nothing") : .group(.forEach(model.dependsOn) { .a(.href("/initiatives/\($0.id)"), .text($0.name + " ")) })),
                    .p(.strong(.text("Needed by: ")), model.neededBy.isEmpty ? .text("nothing") : .group(.forEach(model.neededBy) { .a(.href("/initiatives/\($0.id)"), .text($0.name + " ")) }))),
                Components.section("Risks, assumptions, issues and dependencies", id: "raid",
                    model.raid.isEmpty ? Components.empty("Nothing recorded.") :
                    .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.text("Kind")), .th(.text("Title")), .th(.text("P × I")), .th(.text("Status")), .th(.text("Level")), .th(.text("Owner")), .th(.text("Due")))),
                        .tbody(.forEach(model.raid) { item in
                            .tr(.td(.text(item.kind.label)), .td(.text(item.title)), .td(.class("number"), .text("\(item.probability) × \(item.impact) = \(item.score)")),
                                .td(.text(item.status.label)), .td(.text(item.escalationLevel.label)), .td(.text(model.people.name(item.ownerID))),
                                .td(.text(Components.day(item.dueDate))))
                        })))),
                Components.section("Decisions", id: "decisions",
                    model.decisions.isEmpty ? Components.empty("No decisions recorded.") :
                    .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.text("Decision")), .th(.text("Status")), .th(.text("Maker")), .th(.text("Requested")), .th(.text("Needed by")), .th(.text("Decided")), .th(.text("Latency (days)")))),
                        .tbody(.forEach(model.decisions) { decision in
                            .tr(.td(.text(decision.title)), .td(.text(decision.status.label)), .td(.text(model.people.name(decision.decisionMakerID))),
                                .td(.text(decision.requestedOn.description)), .td(.text(Components.day(decision.neededBy))),
                                .td(.text(Components.day(decision.decidedOn))), .td(.class("number"), .text(decision.fields.latencyInDays.map(String.init) ?? "—")))
                        })))),
                Components.section("Benefits", id: "benefits",
                    model.benefits.isEmpty ? Components.empty("No benefit defined: success has not been defined yet.") :
                    .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.text("Benefit")), .th(.text("Baseline")), .th(.text("Target")), .th(.text("Target date")), .th(.text("Latest")), .th(.text("Realised")))),
                        .tbody(.forEach(model.benefits) { row in
                            .tr(.td(.text(row.benefit.name)), .td(.text("\(row.benefit.baseline.plainText) \(row.benefit.unit)")),
                                .td(.text("\(row.benefit.target.plainText) \(row.benefit.unit)")), .td(.text(Components.day(row.benefit.targetDate))),
                                .td(.text(row.latest.map { "\($0.value.plainText) on \($0.measuredOn)" } ?? "Not measured")),
                                .td(.class("number"), .text(row.latest.flatMap { row.benefit.fields.realisation(of: $0.value) }.map { "\($0.percentText)" } ?? "—")))
                        })))),
                Components.section("Scores", id: "scores",
                    model.scores.isEmpty ? Components.empty("Not scored yet.") :
                    Components.definitionList(model.scores.map { ($0.criterion, .text("\($0.value.plainText)\($0.rationale.isEmpty ? "" : " — \($0.rationale)")")) }))
            ))
    }

    /// "2026-01-10: 2026-03-01 → 2026-03-20; …", the moves of one milestone's forecast.
    static func history(_ moves: [ForecastChange]) -> String {
        let changes = moves.filter { $0.previousDate != nil }
        guard !changes.isEmpty else { return "Never moved" }
        return changes.map { "\($0.changedOn): \($0.previousDate!) → \($0.newDate)" }.joined(separator: "; ")
    }

    static func demandTable(_ rows: [(pool: String, period: Quarter, fte: Double)]) -> Node<HTML.BodyContext> {
        let periods = Array(Set(rows.map(\.period))).sorted()
        let pools = Array(Set(rows.map(\.pool))).sorted()
        var cells: [String: Double] = [:]
        for row in rows { cells["\(row.pool)|\(row.period)", default: 0] += row.fte }
        return .div(.class("table-wrap"), .table(
            .caption(.text("FTE per quarter")),
            .thead(.tr(.th(.text("Pool")), .forEach(periods) { .th(.attribute(named: "scope", value: "col"), .text($0.description)) })),
            .tbody(.forEach(pools) { pool in
                .tr(.th(.attribute(named: "scope", value: "row"), .text(pool)),
                    .forEach(periods) { period in .td(.class("number"), .text(cells["\(pool)|\(period)"].map { String(format: "%.1f", $0) } ?? "")) })
            })))
    }
}
