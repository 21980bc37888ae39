import Foundation

extension ImpactReport {
    /// The report as Markdown, for e-mail, wikis and version control.
    public var markdown: String {
        var lines: [String] = ["# PMO impact report, \(from) to \(to)", ""]
        lines += narrative.flatMap { [$0, ""] }

        lines += ["## Achievements", ""]
        if delivered.isEmpty {
            lines += ["No initiative was completed in the period.", ""]
        } else {
            lines += ["| Initiative | Finished | Budget |", "| --- | --- | ---: |"]
            lines += delivered.map { "| \(cell($0.code)) \(cell($0.name)) | \($0.finishedOn) | \(ImpactFormat.money($0.budget)) |" }
            lines.append("")
        }
        if !benefits.isEmpty {
            lines += ["| Benefit | Baseline | Latest | Target | Realised |", "| --- | ---: | ---: | ---: | ---: |"]
            lines += benefits.prefix(ImpactReport.benefitsShown).map {
                "| \(cell($0.name)) (\(cell($0.unit))) | \(ImpactFormat.number($0.baseline, decimals: 2)) | \(ImpactFormat.number($0.latest, decimals: 2)) | \(ImpactFormat.number($0.target, decimals: 2)) | \(ImpactFormat.percent($0.realisation * 100)) |"
            }
            if benefits.count > ImpactReport.benefitsShown {
                lines += ["", "The \(ImpactReport.benefitsShown) furthest realised of \(benefits.count) benefits measured in the period."]
            }
            lines.append("")
        }

        lines += ["## Challenges overcome", "",
                  "- Escalations resolved: \(escalationsResolved) of \(escalationsDue) due",
                  "- Risks retired: \(risksRetired)",
                  "- Decisions made: \(decisionsMade) (\(decisionsOnTime) by their needed-by date)",
                  "- Mean decision latency: \(decisionLatency.map { ImpactFormat.number($0) + " days" } ?? "—") (period before: \(previousDecisionLatency.map { ImpactFormat.number($0) + " days" } ?? "—"))",
                  ""]

        lines += ["## Improvements made", ""]
        if improvements.isEmpty {
            lines += ["No improvement item was completed in the period.", ""]
        } else {
            lines += ["| Improvement | Metric | Before | After | Completed |", "| --- | --- | ---: | ---: | --- |"]
            lines += improvements.map {
                "| \(cell($0.title)) | \(cell($0.metric)) | \(ImpactFormat.number($0.before, decimals: 2)) | \(ImpactFormat.number($0.after, decimals: 2)) | \($0.completedOn) |"
            }
            lines.append("")
        }

        lines += ["## KPI trends against targets", "", "| KPI | Start | Latest | Target | Met |", "| --- | ---: | ---: | ---: | --- |"]
        lines += kpis.map { kpi in
            let met = kpi.meetsTarget.map { $0 ? "yes" : "no" } ?? "not measured"
            return "| \(cell(kpi.name)) (\(cell(kpi.unit))) | \(kpi.first.map { ImpactFormat.number($0) } ?? "—") | \(kpi.latest.map { ImpactFormat.number($0) } ?? "—") | \(ImpactFormat.number(kpi.target)) | \(met) |"
        }
        lines.append("")

        lines += ["## Perception", ""]
        if perception.isEmpty {
            lines += ["No survey wave closed in the period.", ""]
        } else {
            lines += ["| Wave | Closed | Responses | NPS | Satisfaction (1–5) |", "| --- | --- | ---: | ---: | ---: |"]
            lines += perception.map {
                "| \(cell($0.name)) | \($0.closesOn) | \($0.responses) | \($0.nps.map(ImpactFormat.signed) ?? "—") | \($0.satisfaction.map { ImpactFormat.number($0, decimals: 2) } ?? "—") |"
            }
            lines.append("")
        }

        lines += ["## Maturity", ""]
        if maturity.isEmpty {
            lines += ["No maturity assessment in the period.", ""]
        } else {
            lines += ["| Dimension | \(maturityFrom.map { "\($0)" } ?? "Start") | \(maturityTo.map { "\($0)" } ?? "End") | Benchmark |", "| --- | ---: | ---: | ---: |"]
            lines += maturity.map {
                "| \($0.dimension.label) | \($0.from.map(String.init) ?? "—") | \($0.to.map(String.init) ?? "—") | \($0.benchmark.map { ImpactFormat.number($0) } ?? "—") |"
            }
            if let benchmarkSource { lines += ["", "Benchmark: \(benchmarkSource)."] }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// Text safe inside a Markdown table cell.
    private func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
