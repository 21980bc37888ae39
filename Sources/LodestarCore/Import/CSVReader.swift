import Foundation

/// A row of a table file with where it came from: the line (CSV) or row number (spreadsheet).
public struct TableRow: Sendable, Equatable {
    public var number: Int
    public var cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }
}

/// RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), UTF-8 with or without a byte-order mark,
/// comma or semicolon separated (Excel writes semicolons where the comma is the decimal mark).
/// Each row keeps the line it starts on, for error messages.
public struct CSVReader: Sendable {
    /// A cell longer than this is a broken file (an unclosed quote swallowing the rest), not data.
    public var maxCellLength = 64 * 1024
    public var maxColumns = 500

    public init() {}

    public func rows(_ data: Data, file: String) throws -> [TableRow] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw ImportFailure([ImportError(FileLocation(file: file, line: 1), "is UTF-16 text; save it as \"CSV UTF-8\"")])
        }
        if let bad = Self.firstInvalidUTF8(bytes) {
            let line = bytes[..<bad].filter { $0 == UInt8(ascii: "\n") }.count + 1
            throw ImportFailure([ImportError(
                FileLocation(file: file, line: line),
                String(format: "is not UTF-8 text (byte 0x%02X at offset %d); save it as \"CSV UTF-8\"", bytes[bad], bad))])
        }
        let separator = Self.separator(bytes)
        var rows: [TableRow] = []
        var cells: [String] = []
        var cell: [UInt8] = []
        var line = 1, rowStart = 1, quoteLine = 0
        var inQuotes = false, wasQuoted = false
        var index = 0
        func fail(_ reason: String, at line: Int) -> ImportFailure {
            ImportFailure([ImportError(FileLocation(file: file, line: line, element: "column \(cells.count + 1)"), reason)])
        }
        func endCell() throws {
            cells.append(String(decoding: cell, as: UTF8.self))
            cell.removeAll(keepingCapacity: true)
            wasQuoted = false
            if cells.count > maxColumns { throw fail("has more than \(maxColumns) columns", at: rowStart) }
        }
        func endRow() {
            if !(cells.count == 1 && cells[0].isEmpty) { rows.append(TableRow(number: rowStart, cells: cells)) }
            cells.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        cell.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    cell.append(byte)
                }
            } else if byte == separator {
                try endCell()
            } else if byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
                if byte == UInt8(ascii: "\r"), index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                try endCell()
                endRow()
                line += 1
                rowStart = line
            } else if byte == UInt8(ascii: "\"") {
                guard cell.isEmpty, !wasQuoted else {
                    throw fail("has a quote inside an unquoted value; quote the whole value and double the quote (\"\")", at: line)
                }
                inQuotes = true
                wasQuoted = true
                quoteLine = line
            } else {
                if wasQuoted { throw fail("has text after a closing quote", at: line) }
                cell.append(byte)
            }
            if cell.count > maxCellLength {
                throw fail(inQuotes
                    ? "has a quoted value opened on line \(quoteLine) that runs past \(maxCellLength / 1024) KB; is a closing quote missing?"
                    : "has a value longer than \(maxCellLength / 1024) KB", at: inQuotes ? quoteLine : line)
            }
        }
        if inQuotes { throw fail("ends inside a quoted value opened on line \(quoteLine); a closing quote is missing", at: quoteLine) }
        if !cell.isEmpty || !cells.isEmpty {
            try endCell()
            endRow()
        }
        return rows
    }

    /// Semicolon when the header line has more semicolons than commas outside quotes.
    static func separator(_ bytes: [UInt8]) -> UInt8 {
        var commas = 0, semicolons = 0, inQuotes = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: ",") { commas += 1 }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
                case 0x00...0x7F: index += 1; continue
                case 0xC2...0xDF: length = 2
                case 0xE0...0xEF: length = 3
                case 0xF0...0xF4: length = 4
                default: return index
            }
            guard index + length <= bytes.count else { return index }
            for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }
}
