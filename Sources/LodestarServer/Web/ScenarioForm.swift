import Foundation
import LodestarCore

/// The scenario editor's text form: changes are written one per line in the words people use
/// (initiative codes, pool and criterion names, quarters), and every bad line is named.
struct ScenarioForm {
    struct Lookups {
        var initiatives: [String: UUID]
        var pools: [String: UUID]
        var criteria: [String: UUID]
        var initiativeCodes: [UUID: String]
        var poolNames: [UUID: String]
        var criterionNames: [UUID: String]
    }

    var values: [String: String]

    /// The scenario the form describes, or the form's errors by field.
    func scenario(_ lookups: Lookups) -> Result<Scenario, FieldErrors> {
        var errors: [String: String] = [:]
        func lines(_ field: String) -> [(number: Int, text: String)] {
            (values[field] ?? "").split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
                .map { ($0.offset + 1, $0.element.trimmingCharacters(in: .whitespaces)) }.filter { !$0.text.isEmpty }
        }
        func fail(_ field: String, _ line: Int, _ reason: String) {
            if errors[field] == nil { errors[field] = "line \(line): \(reason)" }
        }
        func quarter(_ text: Substring, _ field: String, _ line: Int) -> Quarter? {
            guard let quarter = Quarter(text) else { fail(field, line, "'\(text)' is not a quarter such as 2027-Q1"); return nil }
            return quarter
        }
        func number(_ text: Substring, _ field: String, _ line: Int) -> Double? {
            guard let value = Double(text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "+", with: "")) else {
                fail(field, line, "'\(text)' is not a number"); return nil
            }
            return value
        }
        func codes(_ field: String) -> [UUID] {
            lines(field).flatMap { line in
                line.text.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { code -> UUID? in
                    guard let id = lookups.initiatives[code.uppercased()] else { fail(field, line.number, "no initiative has the code '\(code)'"); return nil }
                    return id
                }
            }
        }

        let first = Quarter(values["firstQuarter"] ?? "")
        if first == nil { errors["firstQuarter"] = "must be a quarter such as 2027-Q1" }
        let quarters = Int(values["quarters"] ?? "")
        if quarters == nil { errors["quarters"] = "must be a whole number of quarters" }
        var caps: [Scenario.BudgetCap] = []
        for line in lines("budgetCaps") {
            let parts = line.text.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { fail("budgetCaps", line.number, "write a quarter and an amount, e.g. 2027-Q1 2500000"); continue }
            if let q = quarter(parts[0], "budgetCaps", line.number), let amount = number(parts[1], "budgetCaps", line.number) { caps.append(.init(quarter: q, amount: amount)) }
        }
        var capacity: [Scenario.CapacityChange] = []
        for line in lines("capacityChanges") {
            let parts = line.text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3 else { fail("capacityChanges", line.number, "write pool, quarter, FTE, e.g. Data Engineering, 2027-Q3, +2"); continue }
            guard let pool = lookups.pools[parts[0].lowercased()] else { fail("capacityChanges", line.number, "no pool is called '\(parts[0])'"); continue }
            if let q = quarter(Substring(parts[1]), "capacityChanges", line.number), let fte = number(Substring(parts[2]), "capacityChanges", line.number) {
                capacity.append(.init(poolID: pool, quarter: q, fte: fte))
            }
        }
        var shifts: [Scenario.StartShift] = []
        for line in lines("startShifts") {
            let parts = line.text.split(separator: " ")
            guard parts.count == 2 else { fail("startShifts", line.number, "write a code and a quarter, e.g. INI-00042 2027-Q3"); continue }
            guard let id = lookups.initiatives[parts[0].uppercased()] else { fail("startShifts", line.number, "no initiative has the code '\(parts[0])'"); continue }
            if let q = quarter(parts[1], "startShifts", line.number) { shifts.append(.init(initiativeID: id, quarter: q)) }
        }
        var weights: [Scenario.WeightChange] = []
        for line in lines("weightChanges") {
            let parts = line.text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { fail("weightChanges", line.number, "write criterion = weight, e.g. Urgency = 30"); continue }
            guard let id = lookups.criteria[parts[0].lowercased()] else { fail("weightChanges", line.number, "no criterion is called '\(parts[0])'"); continue }
            if let weight = number(Substring(parts[1]), "weightChanges", line.number) { weights.append(.init(criterionID: id, weight: weight)) }
        }
        let forcedIn = codes("forcedIn"), forcedOut = codes("forcedOut")
        guard errors.isEmpty, let first, let quarters else { return .failure(FieldErrors(errors)) }
        return .success(Scenario(
            name: values["name"] ?? "", description: values["description"] ?? "",
            cycleID: (values["cycleID"]).flatMap(UUID.init(uuidString:)), scoringModelID: (values["scoringModelID"]).flatMap(UUID.init(uuidString:)),
            firstQuarter: first, quarters: quarters, budgetCaps: caps, capacityChanges: capacity, forcedIn: forcedIn, forcedOut: forcedOut,
            startShifts: shifts, weightChanges: weights))
    }

    /// The form's text for a stored scenario.
    static func values(of scenario: Scenario, _ lookups: Lookups) -> [String: String] {
        [
            "name": scenario.name, "description": scenario.description,
            "cycleID": scenario.cycleID?.uuidString ?? "", "scoringModelID": scenario.scoringModelID?.uuidString ?? "",
            "firstQuarter": scenario.firstQuarter.description, "quarters": String(scenario.quarters),
            "budgetCaps": scenario.budgetCaps.map { "\($0.quarter) \(OptimisationResult.formatted($0.amount))" }.joined(separator: "\n"),
            "capacityChanges": scenario.capacityChanges.map { "\(lookups.poolNames[$0.poolID] ?? $0.poolID.uuidString), \($0.quarter), \(String(format: "%+g", $0.fte))" }.joined(separator: "\n"),
            "forcedIn": scenario.forcedIn.compactMap { lookups.initiativeCodes[$0] }.joined(separator: "\n"),
            "forcedOut": scenario.forcedOut.compactMap { lookups.initiativeCodes[$0] }.joined(separator: "\n"),
            "startShifts": scenario.startShifts.map { "\(lookups.initiativeCodes[$0.initiativeID] ?? "") \($0.quarter)" }.joined(separator: "\n"),
            "weightChanges": scenario.weightChanges.map { "\(lookups.criterionNames[$0.criterionID] ?? "") = \(OptimisationResult.formatted($0.weight))" }.joined(separator: "\n"),
        ]
    }
}

struct FieldErrors: Error {
    var byField: [String: String]
    init(_ byField: [String: String]) { self.byField = byField }
}

extension ScenarioForm.Lookups {
    init(_ data: PortfolioData) {
        initiatives = Dictionary(data.initiatives.map { ($0.code.uppercased(), $0.id) }, uniquingKeysWith: { first, _ in first })
        pools = Dictionary(data.pools.map { ($0.name.lowercased(), $0.id) }, uniquingKeysWith: { first, _ in first })
        criteria = Dictionary(data.criteria.map { ($0.name.lowercased(), $0.id) }, uniquingKeysWith: { first, _ in first })
        initiativeCodes = Dictionary(uniqueKeysWithValues: data.initiatives.map { ($0.id, $0.code) })
        poolNames = Dictionary(uniqueKeysWithValues: data.pools.map { ($0.id, $0.name) })
        criterionNames = Dictionary(uniqueKeysWithValues: data.criteria.map { ($0.id, $0.name) })
    }
}
