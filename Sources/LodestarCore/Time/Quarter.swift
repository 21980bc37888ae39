/// A calendar quarter, written `2027-Q1`: the period of capacity, demand and budget planning.
public struct Quarter: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    /// 1…4
    public let number: Int

    public init?(year: Int, number: Int) {
        guard (1...4).contains(number), (1900...9999).contains(year) else { return nil }
        self.year = year
        self.number = number
    }

    public init(containing day: Day) {
        let (y, m, _) = day.components
        year = y
        number = (m - 1) / 3 + 1
    }

    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]),
              parts[1].count == 2, parts[1].first == "Q", let number = Int(parts[1].dropFirst())
        else { return nil }
        self.init(year: year, number: number)
    }

    /// Quarters since year 0, so quarters can be subtracted and offset.
    public var index: Int { year * 4 + number - 1 }

    public init(index: Int) {
        year = index / 4
        number = index % 4 + 1
    }

    public func adding(_ quarters: Int) -> Quarter { Quarter(index: index + quarters) }

    public var firstDay: Day { Day(year: year, month: (number - 1) * 3 + 1, day: 1)! }
    public var lastDay: Day { adding(1).firstDay.adding(days: -1) }

    public var description: String { "\(year)-Q\(number)" }

    public static func < (lhs: Quarter, rhs: Quarter) -> Bool { lhs.index < rhs.index }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let quarter = Quarter(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a quarter in the form YYYY-Qn")
        }
        self = quarter
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
