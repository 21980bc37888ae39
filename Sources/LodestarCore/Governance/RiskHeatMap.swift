import Foundation

/// The 5 × 5 probability × impact grid of open RAID items, and the top exposures.
public struct RiskHeatMap: Sendable, Equatable {
    /// `counts[probability - 1][impact - 1]`: open items in each cell.
    public var counts: [[Int]]
    /// Open items by exposure (score), highest first; ties by due date, then title.
    public var top: [Record<RAIDItem>]

    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    public static func build(_ items: [Record<RAIDItem>], topCount: Int = 10) -> RiskHeatMap {
        var counts = Array(repeating: Array(repeating: 0, count: 5), count: 5)
        let open = items.filter { $0.status != .closed }
        for item in open where (1...5).contains(item.probability) && (1...5).contains(item.impact) {
            counts[item.probability - 1][item.impact - 1] += 1
        }
        let top = open.sorted {
            let a = ($0.dueDate ?? Day(ordinal: .max)), b = ($1.dueDate ?? Day(ordinal: .max))
            if $0.score != $1.score { return $0.score > $1.score }
            if a != b { return a < b }
            return ($0.title, $0.id.uuidString) < ($1.title, $1.id.uuidString)
        }
        return RiskHeatMap(counts: counts, top: Array(top.prefix(topCount)))
    }

    /// The band a cell is drawn in: low (1–4), medium (5–9), high (10–14), severe (15–25).
    public static func band(probability: Int, impact: Int) -> String {
        switch probability * impact {
            case ..<5: "low"
            case ..<10: "medium"
            case ..<15: "high"
            default: "severe"
        }
    }
}
