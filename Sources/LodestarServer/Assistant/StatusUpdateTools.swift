import Fluent
import Foundation
import LodestarCore

/// Status reporting through an assistant: a draft prefilled from what changed since the last update
/// (nothing saved), and a separate, explicit save that only the initiative's owner may make, through
/// the same validated, audited store as the API.
enum StatusUpdateTools {
    struct Draft: Encodable, Sendable {
        var initiative: String
        var draft: StatusUpdate
        /// The update already saved for this period, if any: saving again is refused.
        var existing: WireRecord<StatusUpdate>?
        var nextStep: String
    }

    struct Saved: Encodable, Sendable {
        var statusUpdate: WireRecord<StatusUpdate>
        var link: String
    }

    static let draftTool = AssistantTool(
        name: "draft_status_update", title: "Draft a status update",
        description: "Drafts the status update of an initiative for the current reporting period from what changed since its last update: milestone moves, decisions taken or still waiting, escalated RAID items, milestones reached and due, and the health computed per dimension. Returns the draft only; nothing is saved. Show it to the owner, let them correct it, then save it with save_status_update. Open to the initiative's owner, the PMO and admins.",
        parameters: [AssistantLookup.initiativeParameter]
    ) { arguments, caller, session in
        let initiative = try await AssistantLookup.initiative(arguments.text("initiative") ?? "", on: session.database)
        guard caller.isPortfolioStaff || (caller.role == .owner && initiative.ownerID == caller.userID) else {
            throw ToolFailure(kind: .forbidden, message: "Only the initiative's owner and the PMO draft its status updates; \(initiative.code) is not yours.")
        }
        let draft = try await prefill(initiative.id!, session: session)
        let existing = try await StatusUpdateModel.query(on: session.database)
            .filter(\.$initiativeID == initiative.id!).filter(\.$periodStart == draft.periodStart.description).first()
        let answer = Draft(
            initiative: "\(initiative.code) \(initiative.name)", draft: draft, existing: existing.map { WireRecord($0.record) },
            nextStep: existing == nil
                ? "Ask the owner to confirm or edit the draft, then call save_status_update with the initiative and the confirmed fields."
                : "An update for this period is saved already (version \(existing!.version)); change it on the initiative's page.")
        return try ToolAnswer(summary: summary(answer), value: answer, subjectID: initiative.id)
    }

    static let saveTool = AssistantTool(
        name: "save_status_update", title: "Save a status update (owner only)",
        description: "Saves the initiative's status update for the current reporting period, as confirmed by its owner: call it only after the owner has read and approved the text (usually a draft from draft_status_update). Only the initiative's owner may save; each period has one update. Health values default to the computed draft's, texts other than the summary default to empty.",
        parameters: [
            AssistantLookup.initiativeParameter,
            .text("summary", "The confirmed summary of the period.", required: true, maxLength: 4000),
            .text("accomplishments", "What was achieved.", maxLength: 4000),
            .text("nextSteps", "What comes next.", maxLength: 4000),
            .text("blockers", "What stands in the way.", maxLength: 4000),
        ] + ["overall", "schedule", "cost", "scope", "risk", "benefits"].map {
            ToolParameter.text($0, "Health of \($0 == "overall" ? "the initiative overall" : "its \($0)") (default: the computed draft's).", maxLength: 5, choices: Health.rawValues)
        },
        readOnly: false
    ) { arguments, caller, session in
        let initiative = try await AssistantLookup.initiative(arguments.text("initiative") ?? "", on: session.database)
        guard initiative.ownerID == caller.userID else {
            throw ToolFailure(kind: .forbidden, message: "Only the owner of \(initiative.code) may save its status update through an assistant.")
        }
        let draft = try await prefill(initiative.id!, session: session)
        func health(_ name: String, _ fallback: Health) -> Health { arguments.text(name).flatMap(Health.init(rawValue:)) ?? fallback }
        let update = StatusUpdate(
            initiativeID: initiative.id!, periodStart: draft.periodStart, overall: health("overall", draft.overall),
            schedule: health("schedule", draft.schedule), cost: health("cost", draft.cost), scope: health("scope", draft.scope),
            risk: health("risk", draft.risk), benefits: health("benefits", draft.benefits), summary: arguments.text("summary") ?? "",
            accomplishments: arguments.text("accomplishments") ?? "", nextSteps: arguments.text("nextSteps") ?? "",
            blockers: arguments.text("blockers") ?? "")
        let model: StatusUpdateModel
        do {
            model = try await EntityStore<StatusUpdateModel>(caller: caller, database: session.database).create(update)
        } catch let problem as Problem {
            throw ToolFailure(problem)
        }
        let saved = Saved(statusUpdate: WireRecord(model.record), link: session.link("/initiatives/\(initiative.id!)"))
        return try ToolAnswer(
            summary: "Saved the status update of \(initiative.code) \(initiative.name) for the period from \(update.periodStart): overall \(update.overall.rawValue). \(saved.link)",
            value: saved, subjectID: model.id)
    }

    static func prefill(_ id: UUID, session: AssistantSession) async throws -> StatusUpdate {
        let snapshot = try await PortfolioSnapshotLoader.load(on: session.database, cadence: StatusReports.cadence)
        guard let draft = StatusDraft.prefill(id, snapshot: snapshot, index: PortfolioIndex(snapshot)) else {
            throw ToolFailure.notFound("Initiative \(id) does not exist.")
        }
        return draft
    }

    static func summary(_ answer: Draft) -> String {
        let draft = answer.draft
        var lines = [
            "Draft status update of \(answer.initiative) for the period from \(draft.periodStart) (not saved):",
            "Health: overall \(draft.overall.rawValue); schedule \(draft.schedule.rawValue), cost \(draft.cost.rawValue), scope \(draft.scope.rawValue), risk \(draft.risk.rawValue), benefits \(draft.benefits.rawValue).",
            "Summary:", draft.summary,
        ]
        if !draft.accomplishments.isEmpty { lines += ["Accomplishments:", draft.accomplishments] }
        if !draft.nextSteps.isEmpty { lines += ["Next steps:", draft.nextSteps] }
        if !draft.blockers.isEmpty { lines += ["Blockers:", draft.blockers] }
        lines.append(answer.nextStep)
        return lines.joined(separator: "\n")
    }
}
