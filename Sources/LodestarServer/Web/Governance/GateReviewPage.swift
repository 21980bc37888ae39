import Fluent
import LodestarCore
import Plot
import Vapor

/// One initiative's governance: its tier and why, the evidence its next gate needs, the form that
/// requests the review, the decision maker's form, and the reviews so far.
enum GateReviewPage {
    static func show(_ request: Request, initiativeID: UUID? = nil, errors: [String] = []) async throws -> Response {
        let caller = try request.caller
        let id = try initiativeID ?? request.idParameter()
        guard let initiative = try await InitiativeModel.find(id, on: request.db)?.record else { throw Problem.notFound("Initiative \(id)") }
        let assessment = try await TierService.assess(only: [id], on: request.db).first!
        let checklist = try await GateService.checklist(id, on: request.db)
        let reviews = try await GateReviewModel.query(on: request.db).filter(\.$initiativeID == id).sort(\.$requestedOn, .descending).all()
        var bodies: [GateService.ReviewBody] = []
        for review in reviews { bodies.append(try await GovernanceController.reviewBody(review, on: request.db)) }
        let people = try await UserDirectory.load(bodies.map(\.decisionMakerID) + bodies.map(\.requestedBy), on: request.db)
        let pending = bodies.first { $0.status == .pending }
        let mayRequest = caller.isPortfolioStaff || (caller.role == .owner && initiative.ownerID == caller.userID)
        let mayDecide = pending.map { caller.role == .admin || $0.decisionMakerID == caller.userID } ?? false

        return Layout(
            title: "Governance of \(initiative.name)", caller: caller, area: .governance,
            content: .group(
                .nav(.class("crumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
                     .a(.href("/governance"), .text("Governance")), .text(" / \(initiative.code)")),
                .h1(.span(.class("code"), .text(initiative.code)), .text(" "), .span(.id("initiative-name"), .text(initiative.name))),
                .p(.a(.href("/initiatives/\(id)"), .text("Open the initiative's page"))),
                GovernancePages.flash(request, errors: errors),
                Components.section("Tier", id: "tier",
                    Components.definitionList([
                        ("Governed as", .span(.id("current-tier"), .text(initiative.tier.label))),
                        ("Rules say", .text("\(assessment.derivedTier.label) — \(assessment.explanation)")),
                        ("Override", .text(assessment.overrideTier.map { "\($0.label): \(assessment.overrideReason ?? "")" } ?? "None")),
                        ("Facts", .text("budget \(Components.money(assessment.facts.budget)), \(assessment.facts.durationDays.map { "\($0) days" } ?? "no dates"), risk score \(assessment.facts.riskScore), \(assessment.facts.poolCount) pool(s), criticality \(String(format: "%.2f", assessment.facts.criticality))")),
                    ]),
                    .if(caller.isPortfolioStaff, .form(
                        .class("inline"), .method(.post), .action("/governance/initiatives/\(id)/tier-override"), GovernanceForms.csrf(caller),
                        Components.select("Override tier", name: "tier", options: Components.vocabularyOptions(GovernanceTier.self),
                                          selected: (assessment.overrideTier ?? assessment.derivedTier).rawValue),
                        Components.field("Reason for the override", name: "reason", value: "", required: true),
                        .button(.type(.submit), .text("Override"))))),
                Components.section(checklist.nextGate.map { "Next gate: \($0.label)" } ?? "All gates passed", id: "gate",
                    .p(.text("Current gate: \(checklist.currentGate.label). Evidence the \(checklist.tier.label.lowercased()) tier needs:")),
                    checklist.items.isEmpty ? Components.empty("This gate asks for no evidence.") :
                    .div(.class("table-wrap"), .table(
                        .id("evidence"),
                        .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Evidence")), .th(.attribute(named: "scope", value: "col"), .text("How")),
                                   .th(.attribute(named: "scope", value: "col"), .text("State")))),
                        .tbody(.forEach(checklist.items) { item in
                            .tr(.td(.text(item.label)), .td(.text(item.checkedFromData ? "Checked from data" : "Attested")),
                                .td(.span(.class(item.satisfied ? "badge health-green" : "badge health-amber"),
                                          .text(item.satisfied ? "Found" : (item.checkedFromData ? "Missing" : "Attest below"))),
                                    .text(" \(item.detail)")))
                        }))),
                    .if(mayRequest && pending == nil && checklist.nextGate != nil, requestForm(id, checklist: checklist, caller: caller)),
                    .unwrap(pending) { review in
                        .div(.class("pending-review"),
                             .p(.strong(.text("Review pending: ")), .text("\(review.gate.label) gate, requested \(review.requestedOn), decided by \(people.name(review.decisionMakerID)).")),
                             .if(mayDecide, outcomeForm(review, caller: caller)))
                    }),
                Components.section("Gate reviews", id: "reviews",
                    bodies.isEmpty ? Components.empty("No gate review yet.") :
                    .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Gate")), .th(.attribute(named: "scope", value: "col"), .text("Tier")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Requested")), .th(.attribute(named: "scope", value: "col"), .text("Decision maker")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Outcome")), .th(.attribute(named: "scope", value: "col"), .text("Decided")))),
                        .tbody(.forEach(bodies) { review in
                            .tr(.td(.text(review.gate.label)), .td(.text(review.tier.label)), .td(.text(review.requestedOn.description)),
                                .td(.text(people.name(review.decisionMakerID))),
                                .td(.text(review.status.label + (review.fastTracked ? " (fast-tracked)" : "") + (review.conditions.isEmpty ? "" : ": \(review.conditions)"))),
                                .td(.text(Components.day(review.decidedOn))))
                        }))))
            )).response(status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func requestForm(_ id: UUID, checklist: GateService.Checklist, caller: Caller) -> Node<HTML.BodyContext> {
        let attestable = checklist.items.filter { !$0.checkedFromData }
        return .form(
            .id("request-review"), .method(.post), .action("/governance/initiatives/\(id)/gate-reviews"), GovernanceForms.csrf(caller),
            .fieldset(
                .element(named: "legend", text: "Request the \(checklist.nextGate?.label ?? "") gate review"),
                .forEach(attestable) { item in
                    .div(.class("check"),
                         .input(.type(.checkbox), .name("attest_\(item.kind.rawValue)"), .id("attest_\(item.kind.rawValue)")),
                         .label(.for("attest_\(item.kind.rawValue)"), .text("I attest: \(item.label)")))
                },
                Components.field("Decision needed by", name: "neededBy", value: "", type: .date, hint: "Default: two weeks from today."),
                .if(checklist.fastTrackAllowed && caller.isPortfolioStaff, .div(.class("check"),
                    .input(.type(.checkbox), .name("fastTrack"), .id("fastTrack")),
                    .label(.for("fastTrack"), .text("Fast-track (light tier): pass the gate at once when the evidence is complete")))),
                .button(.type(.submit), .class("primary"), .text("Request review"))
            ))
    }

    static func outcomeForm(_ review: GateService.ReviewBody, caller: Caller) -> Node<HTML.BodyContext> {
        .form(
            .id("decide-review"), .method(.post), .action("/governance/gate-reviews/\(review.id)/outcome"), GovernanceForms.csrf(caller),
            .fieldset(
                .element(named: "legend", text: "Decide the \(review.gate.label) gate"),
                Components.select("Outcome", name: "outcome", options: Components.vocabularyOptions(GateOutcome.self), selected: GateOutcome.pass.rawValue),
                Components.field("Conditions (for a pass with conditions)", name: "conditions", value: ""),
                Components.field("Rationale", name: "rationale", value: "", required: true),
                .button(.type(.submit), .class("primary"), .text("Record the decision"))
            ))
    }
}
