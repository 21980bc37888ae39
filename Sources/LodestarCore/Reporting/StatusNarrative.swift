import Foundation

/// The plain-language summary of a status report, written from its figures alone: what changed,
/// what is at risk, what needs a decision. The same report always reads the same.
enum StatusNarrative {
    static func write(_ report: StatusReport, previous: StatusReport?) -> [String] {
        let h = report.headline
        var paragraphs: [String] = []

        var opening = "From \(long(report.period.start)) to \(long(report.period.end)), \(count(h.initiatives, "initiative")) were under way or on hold: "
            + "\(h.green) green, \(h.amber) amber and \(h.red) red."
        if h.overridden > 0 {
            opening += " \(count(h.overridden, "colour")) \(h.overridden == 1 ? "is" : "are") an owner's override, with the reason shown below."
        }
        paragraphs.append(opening)

        var changed: [String] = []
        if let previous {
            let before = Dictionary(uniqueKeysWithValues: previous.sections.map { ($0.initiativeID, $0.health.overall) })
            let worse = report.sections.filter { section in before[section.initiativeID].map { section.health.overall > $0 } ?? false }.map(\.code)
            let better = report.sections.filter { section in before[section.initiativeID].map { section.health.overall < $0 } ?? false }.map(\.code)
            if !worse.isEmpty { changed.append("\(list(worse)) got worse") }
            if !better.isEmpty { changed.append("\(list(better)) recovered") }
        }
        if h.milestoneMoves > 0 {
            let direction = h.daysAddedByMoves >= 0 ? "adding \(h.daysAddedByMoves) days" : "bringing them \(-h.daysAddedByMoves) days earlier"
            var moves = "\(count(h.milestoneMoves, "milestone forecast")) moved, \(direction) in total"
            if let largest = report.sections.flatMap({ section in section.milestoneMoves.map { (section.code, $0) } }).max(by: { $0.1.days < $1.1.days }),
               largest.1.days > 0 {
                moves += "; the largest move was \(largest.1.name) of \(largest.0) (+\(largest.1.days) days)"
            }
            changed.append(moves)
        }
        if h.decisionsTaken > 0 { changed.append("\(count(h.decisionsTaken, "decision")) were taken") }
        paragraphs.append(changed.isEmpty
            ? "Nothing material changed in the period: no colour changed, no forecast moved and no decision was taken."
            : (previous == nil ? "In the period, " : "Since the previous report, ") + changed.joined(separator: "; ") + ".")

        let atRisk = report.sections.filter { $0.health.overall == .red }
        if atRisk.isEmpty {
            paragraphs.append("No initiative is red.")
        } else {
            let named = atRisk.prefix(5).map { section -> String in
                let dimensions = HealthDimension.allCases.filter { section.health.health(of: $0) == .red }.map(\.rawValue)
                return "\(section.code) \(section.name)" + (dimensions.isEmpty ? "" : " (\(dimensions.joined(separator: ", ")))")
            }
            paragraphs.append("At risk: \(list(named))" + (atRisk.count > 5 ? " and \(atRisk.count - 5) more" : "") + ".")
        }

        let overdue = report.sections.flatMap { section in
            section.decisionsPending.filter { ($0.daysOverdue ?? 0) > 0 }.map { (section.code, $0) }
        }.sorted { ($0.1.daysOverdue ?? 0) > ($1.1.daysOverdue ?? 0) }
        var decide: [String] = []
        if let oldest = overdue.first {
            decide.append("\(count(overdue.count, "decision")) \(overdue.count == 1 ? "is" : "are") overdue, the oldest \u{201C}\(oldest.1.title)\u{201D} for \(oldest.0) by \(count(oldest.1.daysOverdue ?? 0, "day"))")
        }
        let executive = report.sections.reduce(0) { $0 + $1.escalations.filter { $0.escalation == .executive }.count }
        if executive > 0 { decide.append("\(count(executive, "risk or issue", plural: "risks or issues")) \(executive == 1 ? "is" : "are") escalated to executives") }
        paragraphs.append(decide.isEmpty ? "No decision is overdue and nothing is escalated to executives." : "Needs a decision: " + decide.joined(separator: "; ") + ".")

        if h.missingUpdates > 0 {
            let missing = report.sections.filter(\.updateMissing).map(\.code)
            paragraphs.append("\(count(h.missingUpdates, "active initiative")) have no update for this period: \(list(Array(missing.prefix(8))))" + (missing.count > 8 ? " and \(missing.count - 8) more." : "."))
        }
        return paragraphs
    }

    static func count(_ value: Int, _ noun: String, plural: String? = nil) -> String {
        "\(value) \(value == 1 ? noun : (plural ?? noun + "s"))"
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
            case 0: ""
            case 1: items[0]
            default: items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// "3 November 2026"
    static func long(_ day: Day) -> String { "\(day.components.day) \(months[day.month - 1]) \(day.year)" }
}
