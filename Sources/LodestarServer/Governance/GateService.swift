import Fluent
import LodestarCore
import Vapor

/// Gate reviews: check the evidence, refuse what is incomplete, turn a complete request into a
/// routed decision, and move the initiative when the decision is taken.
enum GateService {
    struct Checklist: Content {
        var initiativeID: UUID
        var tier: GovernanceTier
        var currentGate: Gate
        /// The gate the initiative would pass next; nil once it has passed `realise`.
        var nextGate: Gate?
        var fastTrackAllowed: Bool
        var items: [EvidenceItem]
        var complete: Bool
        var pendingReviewID: UUID?
    }

    struct EvidenceItem: Content {
        var kind: EvidenceKind
        var label: String
        var checkedFromData: Bool
        var satisfied: Bool
        var detail: String
    }

    struct ReviewRequest: Content {
        /// Documents the requester vouches for (business case, brief, …).
        var attested: [EvidenceKind]?
        var neededBy: Day?
        /// Light-tier work only, by the PMO: the evidence check is the decision.
        var fastTrack: Bool?
    }

    struct OutcomeRequest: Content {
        var outcome: GateOutcome
        var rationale: String
        var conditions: String?
        var decidedOn: Day?
    }

    struct ReviewBody: Content {
        var id: UUID
        var version: Int
        var initiativeID: UUID
        var gate: Gate
        var tier: GovernanceTier
        var requestedBy: UUID?
        var requestedOn: Day
        var attested: [EvidenceKind]
        var decisionID: UUID?
        var decisionMakerID: UUID?
        var status: GateReviewStatus
        var conditions: String
        var fastTracked: Bool
        var decidedOn: Day?

        init(_ model: GateReviewModel, decisionMakerID: UUID?) {
            let review = model.review
            id = model.id!
            version = model.version
            initiativeID = review.initiativeID
            gate = review.gate
            tier = review.tier
            requestedBy = review.requestedBy
            requestedOn = review.requestedOn
            attested = review.attested
            decisionID = review.decisionID
            self.decisionMakerID = decisionMakerID
            status = review.status
            conditions = review.conditions
            fastTracked = review.fastTracked
            decidedOn = review.decidedOn
        }
    }

    /// The evidence the initiative's next gate asks of its tier, checked against its data and `attested`.
    static func checklist(_ initiativeID: UUID, attested: Set<EvidenceKind> = [], on database: any Database) async throws -> Checklist {
        guard let initiative = try await InitiativeModel.find(initiativeID, on: database)?.record else {
            throw Problem.notFound("Initiative \(initiativeID)")
        }
        let nextGate = initiative.currentGate.next
        var template: GateTemplate?
        if let nextGate {
            template = try await GateTemplateModel.query(on: database)
                .filter(\.$tier == initiative.tier.rawValue).filter(\.$gate == nextGate.rawValue).first()?.fields
        }
        let report = GateEvidence.check(template?.evidence ?? [], facts: try await facts(initiative, on: database), attested: attested)
        let pending = try await GateReviewModel.query(on: database)
            .filter(\.$initiativeID == initiativeID).filter(\.$status == GateReviewStatus.pending.rawValue).first()
        return Checklist(
            initiativeID: initiativeID, tier: initiative.tier, currentGate: initiative.currentGate, nextGate: nextGate,
            fastTrackAllowed: template?.fastTrackAllowed ?? false,
            items: report.items.map {
                EvidenceItem(kind: $0.kind, label: $0.kind.label, checkedFromData: $0.kind.isCheckedFromData, satisfied: $0.satisfied, detail: $0.detail)
            },
            complete: report.isComplete && nextGate != nil, pendingReviewID: pending?.id)
    }

    static func facts(_ initiative: Record<Initiative>, on database: any Database) async throws -> EvidenceFacts {
        let benefits = try await BenefitModel.all(where: "initiative_id", is: initiative.id, on: database)
        let measured = try await BenefitMeasurementModel.all(where: "benefit_id", in: benefits.compactMap(\.id), on: database)
        let milestones = try await MilestoneModel.all(where: "initiative_id", is: initiative.id, on: database).map(\.fields)
        let demand = try await DemandModel.all(where: "initiative_id", is: initiative.id, on: database)
        return EvidenceFacts(
            hasSponsor: initiative.sponsorID != nil, benefits: benefits.map(\.fields),
            measuredBenefitCount: Set(measured.map(\.fields.benefitID)).count,
            milestonesWithBaseline: milestones.filter { $0.baselineDate != nil }.count, demandRows: demand.count)
    }

    /// Requests a review of the initiative's next gate. Refused (422, each missing piece of evidence
    /// named) until the evidence is complete; then a gate decision routed by the decision rights, or,
    /// fast-tracked, passed at once.
    static func request(_ initiativeID: UUID, _ body: ReviewRequest, by caller: Caller, today: Day, on database: any Database) async throws -> GateReviewModel {
        try caller.require([.admin, .pmo, .owner], to: "request a gate review")
        guard let initiative = try await InitiativeModel.find(initiativeID, on: database) else { throw Problem.notFound("Initiative \(initiativeID)") }
        if caller.role == .owner, initiative.ownerID != caller.userID {
            throw Problem.forbidden("Owners may request gate reviews only for the initiatives they own.")
        }
        let attested = Set(body.attested ?? [])
        let checklist = try await checklist(initiativeID, attested: attested, on: database)
        guard let gate = checklist.nextGate else {
            throw Problem.validation([FieldIssue("gate", "the initiative has passed every gate")])
        }
        if checklist.pendingReviewID != nil {
            throw Problem.conflict("A review of this initiative's \(gate.label) gate is already waiting for its decision.")
        }
        let missing = checklist.items.filter { !$0.satisfied }
        if !missing.isEmpty {
            throw Problem.validation(missing.map { FieldIssue("evidence.\($0.kind.rawValue)", $0.detail) })
        }
        let fastTrack = body.fastTrack ?? false
        if fastTrack {
            guard checklist.fastTrackAllowed else {
                throw Problem.validation([FieldIssue("fastTrack", "only light-tier gates whose template allows it can be fast-tracked")])
            }
            try caller.require([.admin, .pmo], to: "fast-track a gate")
        }
        let tier = checklist.tier
        guard let route = try await DecisionRights.route(type: .gate, initiativeID: initiativeID, amount: nil, on: database) else {
            throw Problem.validation([FieldIssue("decisionMakerID", "no decision right covers \(tier.rawValue)-tier gate decisions; ask the PMO to add one")])
        }
        let fields = initiative.fields
        var decision = Decision(
            title: "\(gate.label) gate review for \(fields.code) \(fields.name)",
            context: "Evidence complete: " + checklist.items.map(\.label).joined(separator: ", ") + ". " + route.explanation,
            type: .gate, initiativeID: initiativeID, decisionMakerID: route.deciderID,
            options: GateOutcome.allCases.map(\.label), requestedOn: today, neededBy: body.neededBy ?? today.adding(days: fastTrack ? 0 : 14))
        if fastTrack {
            decision.status = .decided
            decision.decidedOn = today
            decision.outcome = GateOutcome.pass.label
            decision.rationale = "Fast-tracked: light-tier work with complete evidence."
        }
        let decisionToStore = decision
        return try await database.transaction { database in
            // The fast track is the PMO's call, recorded as such: the outcome is written by the command itself.
            let writer = fastTrack ? Commands.commandLineCaller(caller.email) : caller
            let stored = try await EntityStore<DecisionModel>(caller: writer, database: database).create(decisionToStore)
            let review = GateReviewModel(GateReview(
                initiativeID: initiativeID, gate: gate, tier: tier, requestedBy: caller.userID, requestedOn: today,
                attested: Array(attested).sorted { $0.rawValue < $1.rawValue }, decisionID: stored.id,
                status: fastTrack ? .passed : .pending, fastTracked: fastTrack, decidedOn: fastTrack ? today : nil))
            review.id = UUID()
            try await review.create(on: database)
            try await AuditLog.record(
                .create, entity: "gate-reviews", id: review.id!, before: nil, after: try JSONValue(encoding: review.review), by: caller, on: database)
            if fastTrack {
                try await advance(initiativeID, to: gate, outcome: .pass, by: caller, on: database)
                try await WebhookOutbox.enqueue(.gateDecided, key: "gate.decided:\(review.id!)", data: GateEvent(review), on: database)
            }
            return review
        }
    }

    /// Records the decision maker's outcome on a pending review: the decision is decided, and the
    /// initiative passes the gate, stays, or stops.
    static func decide(_ reviewID: UUID, _ body: OutcomeRequest, by caller: Caller, today: Day, on database: any Database) async throws -> GateReviewModel {
        guard let review = try await GateReviewModel.find(reviewID, on: database) else { throw Problem.notFound("Gate review \(reviewID)") }
        guard review.status == GateReviewStatus.pending.rawValue else {
            throw Problem.conflict("This gate review was already decided (\(review.status)).")
        }
        var issues: [FieldIssue] = []
        if body.rationale.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issues.append(FieldIssue("rationale", "say why")) }
        if body.outcome == .passWithConditions, (body.conditions ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(FieldIssue("conditions", "a pass with conditions needs its conditions"))
        }
        if !issues.isEmpty { throw Problem.validation(issues) }
        guard let decisionID = review.decisionID, let decision = try await DecisionModel.find(decisionID, on: database) else {
            throw Problem.notFound("The decision of gate review \(reviewID)")
        }
        let decidedOn = body.decidedOn ?? today
        return try await database.transaction { database in
            // The store refuses anybody but the routed maker (or an admin), before anything is written.
            _ = try await EntityStore<DecisionModel>(caller: caller, database: database).update(decisionID, expectedVersion: decision.version) { current in
                var next = current
                next.status = .decided
                next.decidedOn = decidedOn
                next.outcome = body.outcome.label + ((body.conditions ?? "").isEmpty ? "" : ": \(body.conditions!)")
                next.rationale = body.rationale
                return next
            }
            let before = try JSONValue(encoding: review.review)
            review.status = GateReviewStatus(body.outcome).rawValue
            review.conditions = body.conditions ?? ""
            review.decidedOn = decidedOn.description
            review.version += 1
            try await review.save(on: database)
            try await AuditLog.record(.update, entity: "gate-reviews", id: reviewID, before: before, after: try JSONValue(encoding: review.review),
                                      by: caller, on: database)
            try await advance(review.initiativeID, to: Gate.stored(review.gate), outcome: body.outcome, by: caller, on: database)
            try await WebhookOutbox.enqueue(.gateDecided, key: "gate.decided:\(reviewID)", data: GateEvent(review), on: database)
            return review
        }
    }

    /// A pass moves the initiative to the gate (a proposal becomes approved); a stop cancels it; a
    /// return leaves it where it is.
    private static func advance(_ initiativeID: UUID, to gate: Gate, outcome: GateOutcome, by caller: Caller, on database: any Database) async throws {
        guard outcome != .return, let model = try await InitiativeModel.find(initiativeID, on: database) else { return }
        let system = Commands.commandLineCaller(caller.email)
        // The gate decision authorises the move, whoever took it, so the write goes through as the decision itself.
        _ = try await EntityStore<InitiativeModel>(caller: system, database: database).update(initiativeID, expectedVersion: model.version) { current in
            var next = current
            if outcome.advances {
                next.currentGate = gate
                if next.status == .proposed { next.status = .approved }
            } else {
                next.status = .cancelled
            }
            return next
        }
    }
}

struct GateEvent: Encodable, Sendable {
    var reviewID: UUID
    var initiativeID: UUID
    var gate: Gate
    var tier: GovernanceTier
    var status: GateReviewStatus
    var conditions: String
    var decisionID: UUID?
    var fastTracked: Bool

    init(_ model: GateReviewModel) {
        let review = model.review
        reviewID = model.id!
        initiativeID = review.initiativeID
        gate = review.gate
        tier = review.tier
        status = review.status
        conditions = review.conditions
        decisionID = review.decisionID
        fastTracked = review.fastTracked
    }
}
