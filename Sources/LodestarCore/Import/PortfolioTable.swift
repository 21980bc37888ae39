import Foundation

/// A portfolio list, one initiative per row, as people keep it in Excel or CSV. The first non-empty
/// row is the header; columns are matched to fields by name (case, spaces and underscores ignored),
/// and the user may map any header to any field.
public struct PortfolioTable: Sendable {
    /// The documented columns, in the order a template lists them.
    public enum Column: String, Vocabulary {
        case externalID, code, name, description, kind, status, tier, currentGate
        case plannedStart, plannedFinish, baselineStart, baselineFinish, capexBudget, opexBudget, actualCost

        /// The header a template uses.
        public var header: String {
            switch self {
                case .externalID: "External ID"
                case .code: "Code"
                case .name: "Name"
                case .description: "Description"
                case .kind: "Kind"
                case .status: "Status"
                case .tier: "Tier"
                case .currentGate: "Gate"
                case .plannedStart: "Planned start"
                case .plannedFinish: "Planned finish"
                case .baselineStart: "Baseline start"
                case .baselineFinish: "Baseline finish"
                case .capexBudget: "Capex budget"
                case .opexBudget: "Opex budget"
                case .actualCost: "Actual cost"
            }
        }

        public var help: String {
            switch self {
                case .externalID: "the row's id in your spreadsheet; re-imports match on it (default: the code)"
                case .code: "required; unique initiative code, up to 40 characters"
                case .name: "required"
                case .description: "free text"
                case .kind: InitiativeKind.rawValues.joined(separator: " or ")
                case .status: InitiativeStatus.rawValues.joined(separator: ", ")
                case .tier: GovernanceTier.rawValues.joined(separator: ", ")
                case .currentGate: Gate.rawValues.joined(separator: ", ")
                case .plannedStart, .plannedFinish, .baselineStart, .baselineFinish: "a date, 2027-01-31 (or an Excel date)"
                case .capexBudget, .opexBudget, .actualCost: "a plain number, e.g. 250000 or 250000.50"
            }
        }

        static func matching(_ header: String) -> Column? {
            let key = normalise(header)
            return allCases.first { normalise($0.header) == key || normalise($0.rawValue) == key }
                ?? (key == "gate" ? .currentGate : key == "id" ? .externalID : nil)
        }
    }

    /// Header text → column, for headers that differ from the documented names.
    public var mapping: [String: Column]
    public var source: String

    public init(source: String, mapping: [String: Column] = [:]) {
        self.source = source
        self.mapping = mapping
    }

    static func normalise(_ header: String) -> String {
        header.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    public func plan(rows: [TableRow], file: String, rowWord: String = "line") throws -> ImportPlan {
        var plan = ImportPlan(source: source, fileName: file)
        guard let header = rows.first else {
            throw ImportFailure([ImportError(FileLocation(file: file), "has no header row")])
        }
        var columns: [Int: Column] = [:]
        var errors: [ImportError] = []
        let userMapping = Dictionary(mapping.map { (Self.normalise($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        for (index, title) in header.cells.enumerated() {
            let trimmed = String(title.trimmingWhitespace)
            guard !trimmed.isEmpty else { continue }
            guard let column = userMapping[Self.normalise(trimmed)] ?? Column.matching(trimmed) else {
                plan.skipped.append(.init(FileLocation(file: file, line: header.number, element: "column \(index + 1)"),
                                          "column '\(trimmed)' is not a portfolio field; map it to one to import it"))
                continue
            }
            if let other = columns.first(where: { $0.value == column }) {
                errors.append(ImportError(FileLocation(file: file, line: header.number, element: "column \(index + 1)"), field: column.rawValue,
                                          "'\(trimmed)' and column \(other.key + 1) both map to \(column.header)"))
            }
            columns[index] = column
        }
        for required in [Column.code, .name] where !columns.values.contains(required) {
            errors.append(ImportError(FileLocation(file: file, line: header.number, element: "header"), field: required.rawValue,
                                      "no column for \(required.header); expected a header named '\(required.header)' or a mapping to it"))
        }
        if !errors.isEmpty { throw ImportFailure(errors) }
        let owned = Set(columns.values)

        for row in rows.dropFirst() {
            // A CSV row is found by its line; a spreadsheet's by its row number.
            let location = rowWord == "line" ? FileLocation(file: file, line: row.number) : FileLocation(file: file, element: "\(rowWord) \(row.number)")
            var values: [Column: String] = [:]
            for (index, column) in columns where index < row.cells.count {
                let value = String(row.cells[index].trimmingWhitespace)
                if !value.isEmpty { values[column] = value }
            }
            if values.isEmpty { continue }
            var fields = Initiative(code: values[.code] ?? "", name: values[.name] ?? "")
            func fail(_ column: Column, _ reason: String) {
                errors.append(ImportError(location, field: column.header, reason))
            }
            fields.description = values[.description] ?? ""
            func vocabulary<V: Vocabulary>(_ column: Column, _ type: V.Type) -> V? {
                guard let text = values[column] else { return nil }
                let key = Self.normalise(text)
                guard let value = V.allCases.first(where: { Self.normalise($0.rawValue) == key || Self.normalise($0.label) == key }) else {
                    fail(column, "'\(text)' is not one of \(V.rawValues.joined(separator: ", "))")
                    return nil
                }
                return value
            }
            func day(_ column: Column) -> Day? {
                guard let text = values[column] else { return nil }
                guard let value = Self.day(text) else {
                    fail(column, "'\(text)' is not a date (expected 2027-01-31)")
                    return nil
                }
                return value
            }
            func amount(_ column: Column) -> Double {
                guard let text = values[column] else { return 0 }
                guard let value = Double(text.filter { $0 != " " && $0 != "_" }), value.isFinite else {
                    fail(column, "'\(text)' is not a plain number (e.g. 250000.50)")
                    return 0
                }
                return value
            }
            if let kind = vocabulary(.kind, InitiativeKind.self) { fields.kind = kind }
            if let status = vocabulary(.status, InitiativeStatus.self) { fields.status = status }
            if let tier = vocabulary(.tier, GovernanceTier.self) { fields.tier = tier }
            if let gate = vocabulary(.currentGate, Gate.self) { fields.currentGate = gate }
            fields.plannedStart = day(.plannedStart)
            fields.plannedFinish = day(.plannedFinish)
            fields.baselineStart = day(.baselineStart)
            fields.baselineFinish = day(.baselineFinish)
            fields.capexBudget = amount(.capexBudget)
            fields.opexBudget = amount(.opexBudget)
            fields.actualCost = amount(.actualCost)
            let externalID = values[.externalID] ?? fields.code
            fields.externalSource = source
            fields.externalID = externalID
            var planned = ImportPlan.PlannedInitiative(externalID: externalID, fields: fields, location: location)
            planned.ownedFields = owned.map(\.rawValue) + ["externalSource", "externalID"]
            plan.initiatives.append(planned)
        }
        errors += plan.validationErrors()
        if !errors.isEmpty { throw ImportFailure(Array(errors.prefix(100))) }
        return plan
    }

    /// ISO dates, and Excel's serial day numbers (days since 1899-12-30) as .xlsx cells hold dates.
    static func day(_ text: String) -> Day? {
        if let day = Day(text.prefix(10)) { return day }
        if let serial = Double(text), serial >= 1, serial < 200_000 {
            return Day(year: 1899, month: 12, day: 30)!.adding(days: Int(serial))
        }
        return nil
    }

    /// A CSV template with the documented headers and one example row.
    public static var templateCSV: String {
        let headers = Column.allCases.map(\.header).joined(separator: ",")
        let example = "FIN-001,FIN-001,Finance system renewal,Replace the ledger,project,approved,standard,plan,2027-01-04,2027-09-30,2027-01-04,2027-09-30,250000,50000,0"
        return headers + "\r\n" + example + "\r\n"
    }
}
