import Fluent
import LodestarCore
import Plot
import Vapor

/// `/pmo/maturity/new`: the PMO's self-assessment, one dimension at a time, each level described so
/// the rating is a comparison with what that level looks like; evidence beside every rating. The
/// benchmark is carried over from the latest assessment (its source named), or entered through the API.
enum MaturityAssessmentForm {
    static func show(_ request: Request) async throws -> Response {
        let caller = try request.caller
        try caller.require([.admin, .pmo], to: "enter maturity assessments")
        let latest = try await MaturityAssessmentModel.query(on: request.db).sort(\.$assessedOn, .descending).first()?.fields
        var values = ["assessedOn": Day.today().description, "summary": ""]
        for dimension in MaturityDimension.allCases {
            values["level-\(dimension.rawValue)"] = latest?.level(of: dimension).map(String.init) ?? "1"
        }
        return view(values: values, errors: [:], caller: caller).response()
    }

    static func view(values: [String: String], errors: [String: String], caller: Caller) -> Layout {
        Layout(
            title: "New maturity self-assessment", caller: caller, area: .pmo,
            content: .group(
                .nav(.class("crumbs"), .attribute(named: "aria-label", value: "Breadcrumb"), .a(.href("/pmo/maturity"), .text("Maturity")), .text(" / New")),
                .h1(.text("New maturity self-assessment")),
                PMOPageParts.errorSummary(errors),
                .form(
                    .class("edit"), .method(.post), .action("/pmo/maturity/new"),
                    .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                    Components.field("Assessed on", name: "assessedOn", value: values["assessedOn"] ?? "", type: .date, error: errors["assessedOn"], required: true),
                    Components.textArea("Summary", name: "summary", value: values["summary"] ?? "", error: errors["summary"]),
                    .forEach(Array(MaturityDimension.allCases.enumerated())) { index, dimension in
                        .fieldset(
                            .element(named: "legend", text: dimension.label),
                            Components.select(
                                "Level", name: "level-\(dimension.rawValue)",
                                options: (1...5).map { level in
                                    (String(level), "\(level) – \(MaturityModel.levelNames[level - 1]): \(MaturityModel.description(of: dimension, level: level))")
                                },
                                selected: values["level-\(dimension.rawValue)"] ?? "1", error: errors["ratings[\(index)].level"]),
                            Components.field("Evidence", name: "evidence-\(dimension.rawValue)", value: values["evidence-\(dimension.rawValue)"] ?? "",
                                             error: errors["ratings[\(index)].evidence"], hint: "What shows this level is real.")
                        )
                    },
                    .div(.class("actions"), .button(.type(.submit), .class("primary"), .text("Save assessment")),
                         .a(.href("/pmo/maturity"), .text("Cancel")))
                )
            ))
    }

    static func submit(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let form = try request.content.decode([String: String].self)
        guard let assessedOn = Day(form["assessedOn"]?.trimmingCharacters(in: .whitespaces) ?? "") else {
            return view(values: form, errors: ["assessedOn": "must be a date such as 2027-03-31"], caller: caller).response(status: .unprocessableEntity)
        }
        let latest = try await MaturityAssessmentModel.query(on: request.db).sort(\.$assessedOn, .descending).first()?.fields
        let ratings = MaturityDimension.allCases.map { dimension in
            MaturityRating(dimension: dimension, level: Int(form["level-\(dimension.rawValue)"] ?? "") ?? 0,
                           evidence: form["evidence-\(dimension.rawValue)"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        }
        let assessment = MaturityAssessment(
            assessedOn: assessedOn, summary: form["summary"] ?? "", ratings: ratings,
            benchmarkSource: latest?.benchmarkSource ?? "", benchmark: latest?.benchmark ?? [])
        do {
            _ = try await EntityStore<MaturityAssessmentModel>(caller: caller, database: request.db).create(assessment)
        } catch let problem as Problem where problem.status == .unprocessableEntity {
            return view(values: form, errors: problem.fieldErrors, caller: caller).response(status: .unprocessableEntity)
        }
        return request.redirect(to: "/pmo/maturity", redirectType: .normal)
    }
}
