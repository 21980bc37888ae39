import Foundation
import LodestarCore
import Vapor

/// Typed query-string parameters for the computed endpoints; every bad value is collected so one
/// 422 names them all.
struct QueryParameters {
    private let request: Request
    private(set) var issues: [FieldIssue] = []

    init(_ request: Request) { self.request = request }

    private func raw(_ name: String) -> String? {
        request.query[String.self, at: name].flatMap { $0.isEmpty ? nil : $0 }
    }

    mutating func integer(_ name: String, _ bounds: ClosedRange<Int>, default fallback: Int) -> Int {
        guard let raw = raw(name) else { return fallback }
        guard let value = Int(raw), bounds.contains(value) else {
            issues.append(FieldIssue(name, "must be a whole number from \(bounds.lowerBound) to \(bounds.upperBound)"))
            return fallback
        }
        return value
    }

    mutating func seconds(_ name: String, _ bounds: ClosedRange<Double>, default fallback: Double) -> Double {
        guard let raw = raw(name) else { return fallback }
        guard let value = Double(raw), bounds.contains(value) else {
            issues.append(FieldIssue(name, "must be a number of seconds from \(bounds.lowerBound) to \(bounds.upperBound)"))
            return fallback
        }
        return value
    }

    mutating func id(_ name: String, required: Bool = false) -> UUID? {
        guard let raw = raw(name) else {
            if required { issues.append(FieldIssue(name, "is required")) }
            return nil
        }
        guard let id = UUID(uuidString: raw) else {
            issues.append(FieldIssue(name, "must be an id (UUID)"))
            return nil
        }
        return id
    }

    mutating func ids(_ name: String, count bounds: ClosedRange<Int>) -> [UUID] {
        let parts = (raw(name) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let ids = parts.compactMap(UUID.init(uuidString:))
        if ids.count != parts.count { issues.append(FieldIssue(name, "must be ids (UUIDs) separated by commas")) }
        else if !bounds.contains(ids.count) { issues.append(FieldIssue(name, "must list \(bounds.lowerBound) to \(bounds.upperBound) ids")) }
        return ids
    }

    mutating func quarter(_ name: String, default fallback: Quarter) -> Quarter {
        guard let raw = raw(name) else { return fallback }
        guard let quarter = Quarter(raw) else {
            issues.append(FieldIssue(name, "must be a quarter such as 2027-Q1"))
            return fallback
        }
        return quarter
    }

    func check() throws {
        if !issues.isEmpty { throw Problem.validation(issues) }
    }
}

extension APIOperation.Parameter {
    static func integerQuery(_ name: String, _ description: String, _ bounds: ClosedRange<Int>) -> APIOperation.Parameter {
        .query(name, description, .object([
            "type": .string("integer"), "minimum": .number(Double(bounds.lowerBound)), "maximum": .number(Double(bounds.upperBound)),
        ]))
    }

    static func idQuery(_ name: String, _ description: String, required: Bool = false) -> APIOperation.Parameter {
        APIOperation.Parameter(name: name, location: .query, required: required, description: description,
                               schema: .object(["type": .string("string"), "format": .string("uuid")]))
    }

    static let quarterQuery = APIOperation.Parameter.query(
        "from", "First quarter, e.g. 2027-Q1 (default: the current quarter).",
        .object(["type": .string("string"), "pattern": .string("^[0-9]{4}-Q[1-4]$")]))
}
