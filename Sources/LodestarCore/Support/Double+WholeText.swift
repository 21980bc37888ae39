import Foundation

extension Double {
    /// The value rounded to a whole number, as text, for any value: `Int(x.rounded())` traps (and
    /// takes the whole server down) for a ratio that a near-zero denominator blew up, or for NaN.
    public var wholeText: String {
        guard isFinite else { return isNaN ? "?" : (self > 0 ? "∞" : "-∞") }
        if abs(self) < 1e15 { return String(Int(rounded())) }
        return String(format: "%.2e", self)
    }

    /// A share (0.25) as a whole percentage (`25 %`), for any value.
    public var percentText: String { "\((self * 100).wholeText) %" }
}
