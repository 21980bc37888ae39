import Foundation

extension StatusReport {
    /// The report as Markdown, for pasting into mail or a wiki.
    public var markdown: String {
        var lines = ["# Portfolio status report, \(period.start) to \(period.end)", "", "_Data as of \(asOf)._", ""]
        lines.append("## Summary")
        lines.append("")
        for paragraph in narrative { lines += [paragraph, ""] }

        lines += ["## Health", "", "| | green | amber | red |", "|---|---:|---:|---:|"]
        for count in healthCounts { lines.append("| \(count.dimension) | \(count.green) | \(count.amber) | \(count.red) |") }
        lines.append("")

        if !changes.isEmpty {
            lines += ["## Changes since the previous report", ""]
            for change in changes { lines.append("- **\(Self.escape(change.code))**: \(Self.escape(change.text))") }
            lines.append("")
        }

        lines += ["## Initiatives", ""]
        for section in sections {
            lines.append("### \(Self.escape(section.code)) \(Self.escape(section.name)) — \(section.health.overall.rawValue.uppercased())")
            lines.append("")
            let dimensions = HealthDimension.allCases.map { "\($0.rawValue) \(section.health.health(of: $0).rawValue)" }
            lines.append("Owner: \(Self.escape(section.owner)) · \(section.status.label) · \(dimensions.joined(separator: ", "))")
            lines.append("")
            if let reason = section.health.overrideReason {
                lines += ["> Overridden by the owner (rules say \(section.health.computed.rawValue)): \(Self.escape(reason))", ""]
            }
            for finding in section.health.findings { lines.append("- `\(finding.rule)` \(finding.health.rawValue): \(Self.escape(finding.explanation))") }
            if section.updateMissing { lines.append("- **No status update for this period.**") }
            if let update = section.update {
                lines.append("- Update (\(update.periodStart)): \(Self.escape(update.summary))")
                if !update.blockers.isEmpty { lines.append("- Blockers: \(Self.escape(update.blockers))") }
                if !update.nextSteps.isEmpty { lines.append("- Next steps: \(Self.escape(update.nextSteps))") }
            }
            for move in section.milestoneMoves {
                lines.append("- Milestone \(Self.escape(move.name)) moved \(move.from.map(String.init(describing:)) ?? "—") → \(move.to) (\(move.days >= 0 ? "+" : "")\(move.days) days)")
            }
            for decision in section.decisionsTaken { lines.append("- Decided: \(Self.escape(decision.title)) — \(Self.escape(decision.outcome))") }
            for decision in section.decisionsPending {
                lines.append("- Pending decision: \(Self.escape(decision.title))" + ((decision.daysOverdue ?? 0) > 0 ? " (\(decision.daysOverdue!) days overdue)" : ""))
            }
            for risk in section.escalations { lines.append("- Escalated to \(risk.escalation.rawValue): \(Self.escape(risk.title)) (score \(risk.score))") }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// Data typed by people must not turn into Markdown structure (links, emphasis, tables).
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text.replacingOccurrences(of: "\n", with: " ") {
            if "\\`*_{}[]<>()#+!|".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
