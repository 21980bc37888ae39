import Foundation

/// The impact report's prose, written from its figures by fixed rules so the same data always
/// reads the same way, and every sentence can be traced to a number in the report.
enum ImpactNarrative {
    static func write(_ report: ImpactReport) -> [String] {
        [achievements(report), challenges(report), improvements(report), trends(report), perception(report), maturity(report)]
            .compactMap { $0 }
    }

    static func achievements(_ report: ImpactReport) -> String {
        var text: String
        if report.delivered.isEmpty {
            text = "No initiative was completed between \(report.from) and \(report.to)."
        } else {
            text = "Between \(report.from) and \(report.to) the portfolio delivered \(count(report.delivered.count, "initiative")), "
                + "representing \(ImpactFormat.money(report.investmentDelivered)) of investment."
        }
        if !report.benefits.isEmpty {
            text += " Of the \(count(report.benefits.count, "benefit")) measured in the period, \(report.benefitsAtTarget) \(report.benefitsAtTarget == 1 ? "has" : "have") reached \(report.benefitsAtTarget == 1 ? "its" : "their") target"
            if let best = report.benefits.first, best.realisation > 0 {
                text += "; the strongest, \(best.name), has travelled \(ImpactFormat.percent(best.realisation * 100)) of the way from baseline to target"
            }
            text += "."
        }
        return text
    }

    static func challenges(_ report: ImpactReport) -> String? {
        var sentences: [String] = []
        if report.escalationsDue > 0 {
            sentences.append("\(report.escalationsResolved) of \(count(report.escalationsDue, "escalation")) due in the period were resolved, and \(count(report.risksRetired, "risk")) retired.")
        } else if report.risksRetired > 0 {
            sentences.append("\(count(report.risksRetired, "risk")) were retired.")
        }
        if report.decisionsMade > 0 {
            var sentence = "Leadership made \(count(report.decisionsMade, "decision")), \(report.decisionsOnTime) of them by the date they were needed"
            if let latency = report.decisionLatency {
                sentence += ", taking \(ImpactFormat.number(latency)) days on average from request to decision"
                if let previous = report.previousDecisionLatency, previous > 0 {
                    let change = (latency - previous) / previous * 100
                    if abs(change) >= 5 {
                        sentence += change < 0
                            ? " — \(ImpactFormat.percent(-change)) faster than the \(ImpactFormat.number(previous)) days of the period before"
                            : " — \(ImpactFormat.percent(change)) slower than the \(ImpactFormat.number(previous)) days of the period before"
                    } else {
                        sentence += ", about the same as the period before"
                    }
                }
            }
            sentences.append(sentence + ".")
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    static func improvements(_ report: ImpactReport) -> String? {
        guard !report.improvements.isEmpty else { return nil }
        let wins = report.improvements.filter(\.isWin)
        var text = "The PMO completed \(count(report.improvements.count, "improvement")) to its own way of working"
        text += wins.isEmpty ? "." : ", \(wins.count) of them with evidence of a measurable gain"
        if let first = wins.first {
            text += ", such as \"\(first.title)\" (\(first.metric): \(ImpactFormat.number(first.before)) → \(ImpactFormat.number(first.after)))."
        } else if !wins.isEmpty {
            text += "."
        }
        return text
    }

    static func trends(_ report: ImpactReport) -> String? {
        let measured = report.kpis.filter { $0.latest != nil }
        guard !measured.isEmpty else { return nil }
        let met = measured.filter { $0.meetsTarget == true }
        let improving = measured.filter { $0.improving == true }
        var text = "\(met.count) of the PMO's \(count(measured.count, "measured KPI")) meet their target and \(improving.count) improved over the period."
        let missing = measured.filter { $0.meetsTarget == false }.map(\.name)
        if !missing.isEmpty { text += " Below target: \(missing.joined(separator: ", "))." }
        return text
    }

    static func perception(_ report: ImpactReport) -> String? {
        guard let last = report.perception.last else { return nil }
        var text = "The latest survey wave (\(last.name)) heard from \(count(last.responses, "stakeholder"))"
        if let nps = last.nps { text += ", with a Net Promoter Score of \(ImpactFormat.signed(nps))" }
        if let satisfaction = last.satisfaction { text += " and satisfaction of \(ImpactFormat.number(satisfaction, decimals: 2)) out of 5" }
        if report.perception.count > 1, let first = report.perception.first, let from = first.nps, let to = last.nps {
            let change = to - from
            text += change == 0 ? ", unchanged since \(first.name)" : ", \(change > 0 ? "up" : "down") \(ImpactFormat.number(abs(change), decimals: 0)) points since \(first.name)"
        }
        return text + "."
    }

    static func maturity(_ report: ImpactReport) -> String? {
        guard let to = report.maturityTo else { return nil }
        if let averages = report.maturityAverages, let from = report.maturityFrom {
            let raised = report.maturity.filter { ($0.to ?? 0) > ($0.from ?? 0) && $0.from != nil }.map(\.dimension.label)
            var text = "Self-assessed maturity moved from an average of \(ImpactFormat.number(averages.from, decimals: 1)) (\(from)) to \(ImpactFormat.number(averages.to, decimals: 1)) (\(to))"
            text += raised.isEmpty ? "." : ", with gains in \(raised.joined(separator: ", ").lowercased())."
            return text + benchmarkSentence(report)
        }
        return "Maturity was self-assessed on \(to)." + benchmarkSentence(report)
    }

    static func benchmarkSentence(_ report: ImpactReport) -> String {
        guard let source = report.benchmarkSource else { return "" }
        let below = report.maturity.filter { line in
            guard let level = line.to, let benchmark = line.benchmark else { return false }
            return Double(level) < benchmark
        }.map(\.dimension.label)
        return below.isEmpty
            ? " Every rated dimension is at or above the benchmark (\(source))."
            : " Against the benchmark (\(source)) the PMO still trails in \(below.joined(separator: ", ").lowercased())."
    }

    static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }
}

/// Numbers as the report writes them.
public enum ImpactFormat {
    /// At most `decimals` places, without trailing zeros: 12, 12.5, 0.33.
    public static func number(_ value: Double, decimals: Int = 1) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    public static func percent(_ value: Double) -> String { "\(number(value, decimals: 0)) %" }

    public static func signed(_ value: Double) -> String { (value > 0 ? "+" : "") + number(value, decimals: 0) }

    public static func money(_ value: Double) -> String {
        if value >= 1_000_000 { return "\(number(value / 1_000_000, decimals: 1)) M" }
        if value >= 1_000 { return "\(number(value / 1_000, decimals: 0)) k" }
        return number(value, decimals: 0)
    }
}
