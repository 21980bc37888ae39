/// One reason a submitted value was refused, named by its field so a form or API client can show it
/// beside the input that caused it.
public struct FieldIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

/// Collects field issues with small, readable checks.
public struct FieldChecks: Sendable {
    public private(set) var issues: [FieldIssue] = []

    public init() {}

    public mutating func fail(_ field: String, _ reason: String) {
        issues.append(FieldIssue(field, reason))
    }

    public mutating func require(_ condition: Bool, _ field: String, _ reason: String) {
        if !condition { fail(field, reason) }
    }

    public mutating func text(_ value: String, _ field: String, required: Bool = true, maxLength: Int = 200) {
        let trimmed = value.trimmingWhitespace
        if required && trimmed.isEmpty { fail(field, "must not be empty") }
        if value.count > maxLength { fail(field, "must be at most \(maxLength) characters") }
    }

    public mutating func optionalText(_ value: String?, _ field: String, maxLength: Int = 200) {
        if let value { text(value, field, required: false, maxLength: maxLength) }
    }

    public mutating func range(_ value: Double, _ field: String, _ bounds: ClosedRange<Double>) {
        if !value.isFinite || !bounds.contains(value) {
            fail(field, "must be between \(bounds.lowerBound.plainText) and \(bounds.upperBound.plainText)")
        }
    }

    public mutating func range(_ value: Int, _ field: String, _ bounds: ClosedRange<Int>) {
        if !bounds.contains(value) { fail(field, "must be between \(bounds.lowerBound) and \(bounds.upperBound)") }
    }

    public mutating func nonNegative(_ value: Double, _ field: String) {
        if !value.isFinite || value < 0 { fail(field, "must be zero or more") }
    }

    public mutating func finite(_ value: Double, _ field: String) {
        if !value.isFinite { fail(field, "must be a finite number") }
    }

    public mutating func order(_ first: Day?, _ second: Day?, _ field: String, after other: String) {
        if let first, let second, second < first { fail(field, "must not be before \(other)") }
    }
}

extension String {
    var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}

extension Double {
    /// `3` rather than `3.0`, `0.5` as is: numbers in messages read as a person writes them.
    public var plainText: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int(self)) }
        return String(self)
    }
}
