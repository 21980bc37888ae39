import Fluent
import LodestarCore
import Plot
import Vapor

/// `/pmo/surveys`: perception over time; `/pmo/survey-waves/{id}`: one wave's results by group and
/// question, its free-text answers, and (for the PMO) a form to issue anonymous links.
enum PMOSurveyPages {
    static let readers: Set<Role> = [.admin, .pmo, .executive]

    static func list(_ request: Request) async throws -> Response {
        let caller = try request.caller
        try caller.require(readers, to: "read survey results")
        let surveys = try await SurveyModel.query(on: request.db).sort(\.$title).all()
        var sections: [Node<HTML.BodyContext>] = []
        for survey in surveys {
            let waves = try await PMOValueQueries.waves(ofSurvey: survey.id!, on: request.db)
            sections.append(surveySection(survey.record, waves: waves))
        }
        return Layout(
            title: "Perception", caller: caller, area: .pmo,
            content: .group(
                .h1(.text("Perception: what stakeholders say about the PMO")),
                PMOPageParts.subnav(current: "/pmo/surveys"),
                .p(.class("muted"), .text("Responses are anonymous. Groups with fewer than \(WaveResults.minimumGroupSize) responses are pooled so no answer can be traced to a person.")),
                .if(surveys.isEmpty, Components.empty("No survey yet. Create one through the API (surveys, survey waves).")),
                .group(sections)
            )).response()
    }

    static func surveySection(_ survey: Record<Survey>, waves: [(wave: Record<SurveyWave>, results: WaveResults)]) -> Node<HTML.BodyContext> {
        let nps = waves.compactMap { wave in wave.results.overall.nps.map { ChartPoint(day: wave.wave.closesOn, value: $0) } }
        return Components.section(survey.title, id: "survey-\(survey.id)",
            PMOCharts.trend(id: "nps-\(survey.id)", title: "Net Promoter Score by wave", points: nps, target: nil, unit: "points"),
            .div(.class("table-wrap"), .table(
                .caption(.text("NPS and satisfaction by wave and stakeholder group")),
                .thead(.tr(PMOPageParts.columnHeader("Wave"), PMOPageParts.columnHeader("Group"), PMOPageParts.columnHeader("Responses", numeric: true),
                           PMOPageParts.columnHeader("NPS", numeric: true), PMOPageParts.columnHeader("Satisfaction (1–5)", numeric: true),
                           PMOPageParts.columnHeader("Satisfied (4–5)", numeric: true))),
                .tbody(.forEach(waves) { wave, results in
                    .group(
                        .tr(.class("total"), PMOPageParts.rowHeader(.a(.href("/pmo/survey-waves/\(wave.id)"), .text(wave.name))), .td(.text("All")),
                            scoreCells(results.overall)),
                        .forEach(results.groups) { group in
                            .tr(.td(.text("")), .td(.text(group.group)), scoreCells(group.scores))
                        })
                })
            )))
    }

    static func scoreCells(_ scores: PerceptionScores) -> Node<HTML.TableRowContext> {
        .group(
            .td(.class("number"), .text("\(scores.responses)")),
            .td(.class("number"), .text(scores.nps.map(ImpactFormat.signed) ?? "—")),
            PMOPageParts.number(scores.satisfaction, decimals: 2),
            .td(.class("number"), .text(scores.satisfiedShare.map(ImpactFormat.percent) ?? "—")))
    }

    static func wave(_ request: Request) async throws -> Response {
        let caller = try request.caller
        try caller.require(readers, to: "read survey results")
        let id = try request.idParameter()
        return try await waveView(id, caller: caller, issued: nil, errors: [:], request: request).response()
    }

    static func waveView(_ id: UUID, caller: Caller, issued: PMOValueBodies.IssuedLinks?, errors: [String: String], request: Request) async throws -> Layout {
        let (wave, survey, results) = try await PMOValueQueries.results(ofWave: id, on: request.db)
        let body = try await PMOValueController.waveResults(id, on: request.db)
        let origin = (request.isSecureTransport ? "https://" : "http://") + (request.headers.first(name: .host) ?? "localhost")
        return Layout(
            title: "\(survey.title): \(wave.name)", caller: caller, area: .pmo,
            content: .group(
                .nav(.class("crumbs"), .attribute(named: "aria-label", value: "Breadcrumb"), .a(.href("/pmo/surveys"), .text("Perception")), .text(" / \(wave.name)")),
                .h1(.text("\(survey.title): \(wave.name)")),
                .p(.class("muted"), .text("Open \(wave.opensOn) to \(wave.closesOn). \(results.overall.responses) response(s).")),
                .unwrap(issued) { issued in
                    Components.section("New links for \(issued.stakeholderGroup)", id: "links",
                        .p(.attribute(named: "role", value: "status"), .text("\(issued.links.count) single-use link(s), valid until \(issued.expiresOn). Copy them now: they are not stored and will not be shown again. Send each to one person and keep no record of who got which.")),
                        .label(.for("issued-links"), .text("Links, one per line")),
                        .textarea(.id("issued-links"), .attribute(named: "readonly", value: "readonly"),
                                  .attribute(named: "rows", value: "8"), .text(issued.links.map { origin + $0 }.joined(separator: "\n"))))
                },
                Components.section("By stakeholder group", id: "groups",
                    .div(.class("table-wrap"), .table(
                        .caption(.text("NPS and satisfaction by group")),
                        .thead(.tr(PMOPageParts.columnHeader("Group"), PMOPageParts.columnHeader("Responses", numeric: true),
                                   PMOPageParts.columnHeader("NPS", numeric: true), PMOPageParts.columnHeader("Satisfaction (1–5)", numeric: true),
                                   PMOPageParts.columnHeader("Satisfied (4–5)", numeric: true))),
                        .tbody(
                            .forEach(results.groups) { group in .tr(PMOPageParts.rowHeader(.text(group.group)), scoreCells(group.scores)) },
                            .tr(.class("total"), PMOPageParts.rowHeader(.text("All")), scoreCells(results.overall)))
                    ))),
                Components.section("By question", id: "questions",
                    .forEach(results.questions) { question in
                        .article(
                            .class("question"),
                            .h3(.text(question.prompt)),
                            .if(question.kind == .freeText,
                                .if(question.comments.isEmpty, Components.empty("No answers."),
                                    else: .ul(.class("comments"), .forEach(question.comments) { .li(.text($0)) })),
                                else: .p(.text("\(question.answered) answer(s), mean \(question.mean.map { ImpactFormat.number($0, decimals: 2) } ?? "—"). Distribution from \(question.kind == .nps ? 0 : 1): \(question.distribution.map(String.init).joined(separator: " · "))")))
                        )
                    }),
                Components.section("Invitations", id: "invitations",
                    .if(body.invitations.isEmpty, Components.empty("No links issued for this wave yet."),
                        else: .ul(.forEach(body.invitations) { line in .li(.text("\(line.group): \(line.issued) issued, \(line.used) used")) })),
                    .if(caller.isPortfolioStaff,
                        .form(
                            .class("edit"), .method(.post), .action("/pmo/survey-waves/\(id)/links"),
                            .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                            PMOPageParts.errorSummary(errors),
                            Components.select("Stakeholder group", name: "stakeholderGroup",
                                              options: survey.stakeholderGroups.map { ($0, $0) }, selected: "", error: errors["stakeholderGroup"]),
                            Components.field("Number of links", name: "count", value: "10", type: .number, error: errors["count"], required: true),
                            .div(.class("actions"), .button(.type(.submit), .class("primary"), .text("Issue links")))
                        )))
            ))
    }

    /// `POST /pmo/survey-waves/{id}/links`: issues the links and shows them once.
    static func issue(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let id = try request.idParameter()
        let form = try request.content.decode([String: String].self)
        do {
            let issued = try await SurveyLinks.issue(
                waveID: id, group: form["stakeholderGroup"] ?? "", count: Int(form["count"] ?? "") ?? 0, by: caller, on: request.db)
            let response = try await waveView(id, caller: caller, issued: issued, errors: [:], request: request).response(status: .created)
            return response
        } catch let problem as Problem where problem.status == .unprocessableEntity {
            return try await waveView(id, caller: caller, issued: nil, errors: problem.fieldErrors, request: request).response(status: .unprocessableEntity)
        }
    }
}
