import Fluent
import LodestarCore
import Plot
import Vapor

/// `/pmo/maturity`: the latest self-assessment as a radar beside the one before and the benchmark,
/// what each level looks like, and the history.
enum PMOMaturityPage {
    static func show(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let assessments = try await MaturityAssessmentModel.query(on: request.db).sort(\.$assessedOn).all().map(\.record)
        return view(assessments, caller: caller).response()
    }

    static func view(_ assessments: [Record<MaturityAssessment>], caller: Caller) -> Layout {
        let dimensions = MaturityDimension.allCases
        let latest = assessments.last
        let previous = assessments.count > 1 ? assessments[assessments.count - 2] : nil
        var series: [(name: String, cssClass: String, values: [Double])] = []
        if let latest {
            if !latest.benchmark.isEmpty {
                series.append(("Benchmark: \(latest.benchmarkSource)", "radar-benchmark", dimensions.map { latest.fields.benchmarkLevel(of: $0) ?? 0 }))
            }
            if let previous { series.append(("Assessment of \(previous.assessedOn)", "radar-previous", dimensions.map { Double(previous.fields.level(of: $0) ?? 0) })) }
            series.append(("Assessment of \(latest.assessedOn)", "radar-latest", dimensions.map { Double(latest.fields.level(of: $0) ?? 0) }))
        }
        return Layout(
            title: "Maturity", caller: caller, area: .pmo,
            content: .group(
                .h1(.text("PMO maturity")),
                PMOPageParts.subnav(current: "/pmo/maturity"),
                .if(caller.isPortfolioStaff, .p(.a(.class("button"), .href("/pmo/maturity/new"), .text("New self-assessment")))),
                .unwrap(latest, { latest in
                    .group(
                        Components.section("Latest self-assessment (\(latest.assessedOn))", id: "radar",
                            .unwrap(latest.summary.isEmpty ? nil : latest.summary) { .p(.text($0)) },
                            .div(.class("radar-wrap"),
                                 PMOCharts.radar(id: "maturity-radar", title: "Maturity by dimension, levels 1 to 5", series: series),
                                 PMOCharts.legend(series.map { ($0.name, $0.cssClass) })),
                            .div(.class("table-wrap"), .table(
                                .caption(.text("Levels by dimension (1 = initial … 5 = optimising)")),
                                .thead(.tr(PMOPageParts.columnHeader("Dimension"),
                                           .unwrap(previous) { PMOPageParts.columnHeader("\($0.assessedOn)", numeric: true) },
                                           PMOPageParts.columnHeader("\(latest.assessedOn)", numeric: true),
                                           PMOPageParts.columnHeader("Benchmark", numeric: true),
                                           PMOPageParts.columnHeader("What this level looks like"),
                                           PMOPageParts.columnHeader("Evidence"))),
                                .tbody(.forEach(dimensions) { dimension in
                                    let level = latest.fields.level(of: dimension)
                                    let rating = latest.ratings.first { $0.dimension == dimension }
                                    return .tr(
                                        PMOPageParts.rowHeader(.text(dimension.label)),
                                        .unwrap(previous) { .td(.class("number"), .text($0.fields.level(of: dimension).map(String.init) ?? "—")) },
                                        .td(.class("number"), .text(level.map(String.init) ?? "—")),
                                        PMOPageParts.number(latest.fields.benchmarkLevel(of: dimension)),
                                        .td(.text(level.map { "\(MaturityModel.levelNames[$0 - 1]): \(MaturityModel.description(of: dimension, level: $0))" } ?? "Not rated")),
                                        .td(.text(rating?.evidence ?? "")))
                                })
                            )),
                            .unwrap(latest.benchmarkSource.isEmpty ? nil : latest.benchmarkSource) { .p(.class("muted"), .text("Benchmark source: \($0).")) })
                    )
                }, else: Components.empty("No maturity assessment yet. Add one through the API (maturity assessments).")),
                Components.section("History", id: "history",
                    .if(assessments.isEmpty, Components.empty("None yet."),
                        else: .div(.class("table-wrap"), .table(
                            .caption(.text("Every self-assessment, oldest first")),
                            .thead(.tr(PMOPageParts.columnHeader("Day"), .forEach(dimensions) { PMOPageParts.columnHeader($0.label, numeric: true) },
                                       PMOPageParts.columnHeader("Average", numeric: true))),
                            .tbody(.forEach(assessments) { assessment in
                                .tr(PMOPageParts.rowHeader(.text(assessment.assessedOn.description)),
                                    .forEach(dimensions) { .td(.class("number"), .text(assessment.fields.level(of: $0).map(String.init) ?? "—")) },
                                    PMOPageParts.number(assessment.fields.averageLevel))
                            })))))
            ))
    }
}
