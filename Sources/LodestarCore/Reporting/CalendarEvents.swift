import Foundation

/// A dated entry of a person's portfolio calendar: a milestone, a gate review or a decision deadline.
public struct CalendarEvent: Sendable, Equatable {
    public var uid: String
    public var day: Day
    public var summary: String
    public var description: String
    public var path: String

    public init(uid: String, day: Day, summary: String, description: String, path: String) {
        self.uid = uid
        self.day = day
        self.summary = summary
        self.description = description
        self.path = path
    }
}

public enum CalendarEvents {
    /// The events of one person: milestones of the initiatives they own or sponsor, and the pending
    /// decisions (gate reviews among them) they make or that concern their initiatives. `everything`
    /// adds every open initiative's, for the PMO who runs governance.
    public static func events(for person: UUID, everything: Bool, snapshot: PortfolioSnapshot) -> [CalendarEvent] {
        let open = snapshot.initiatives.filter { $0.status != .completed && $0.status != .cancelled }
        let theirs = Set(open.filter { everything || $0.ownerID == person || $0.sponsorID == person }.map(\.id))
        let codes = Dictionary(uniqueKeysWithValues: snapshot.initiatives.map { ($0.id, $0.code) })
        var events: [CalendarEvent] = []
        for milestone in snapshot.milestones where theirs.contains(milestone.initiativeID) && !milestone.isReached {
            events.append(CalendarEvent(
                uid: "milestone-\(milestone.id)@lodestar", day: milestone.forecastDate,
                summary: "\(codes[milestone.initiativeID] ?? ""): \(milestone.name)",
                description: "Milestone forecast \(milestone.forecastDate)" + (milestone.baselineDate.map { ", baseline \($0)" } ?? "") + ".",
                path: "/initiatives/\(milestone.initiativeID)"))
        }
        for decision in snapshot.decisions where decision.status == .pending {
            guard let neededBy = decision.neededBy else { continue }
            let concerns = decision.initiativeID.map(theirs.contains) ?? everything
            guard concerns || decision.decisionMakerID == person else { continue }
            let what = decision.type == .gate ? "Gate review" : "Decision due"
            events.append(CalendarEvent(
                uid: "decision-\(decision.id)@lodestar", day: neededBy,
                summary: "\(what): \(decision.title)" + (decision.initiativeID.flatMap { codes[$0] }.map { " (\($0))" } ?? ""),
                description: decision.context, path: decision.initiativeID.map { "/initiatives/\($0)#decisions" } ?? "/"))
        }
        return events.sorted { ($0.day, $0.uid) < ($1.day, $1.uid) }
    }

    /// RFC 5545 text: all-day events, escaped and folded at 75 octets.
    public static func iCalendar(_ events: [CalendarEvent], name: String, baseURL: String, stamp: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let dtstamp = formatter.string(from: stamp)
        func date(_ day: Day) -> String { day.description.replacingOccurrences(of: "-", with: "") }
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Lodestar//Portfolio calendar//EN", "CALSCALE:GREGORIAN",
                     "X-WR-CALNAME:\(escape(name))"]
        for event in events {
            lines += [
                "BEGIN:VEVENT", "UID:\(escape(event.uid))", "DTSTAMP:\(dtstamp)", "DTSTART;VALUE=DATE:\(date(event.day))",
                "DTEND;VALUE=DATE:\(date(event.day.adding(days: 1)))", "SUMMARY:\(escape(event.summary))",
                "DESCRIPTION:\(escape(event.description))", "URL:\(baseURL)\(event.path)", "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Lines longer than 75 octets continue on lines starting with a space, never splitting a character.
    static func fold(_ line: String) -> String {
        var result = "", current = "", octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > 75 {
                result += current + "\r\n "
                current = ""
                octets = 1
            }
            current.append(character)
            octets += size
        }
        return result + current
    }
}
