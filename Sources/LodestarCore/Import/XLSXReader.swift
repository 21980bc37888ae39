import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the first worksheet of an .xlsx workbook as Excel writes it (shared strings, inline strings,
/// numbers, booleans; dates are serial numbers). The ZIP container is opened by the caller, which
/// hands over its entries by path, so this stays free of archive code.
public struct XLSXReader: Sendable {
    /// Reads one entry of the workbook's ZIP archive (`xl/workbook.xml`…), or nil when absent.
    public typealias EntryReader = (String) throws -> Data?

    public init() {}

    public func rows(file: String, entry: EntryReader) throws -> [TableRow] {
        func required(_ path: String) throws -> Data {
            guard let data = try entry(path) else {
                throw ImportFailure([ImportError(FileLocation(file: file, element: path), "is missing: this is not an Excel workbook (.xlsx)")])
            }
            return data
        }
        let workbook = try required("xl/workbook.xml")
        let sheets = try Self.parse(workbook, file: "\(file) xl/workbook.xml", WorkbookHandler())
        guard let first = sheets.relationships.first else {
            throw ImportFailure([ImportError(FileLocation(file: file, element: "xl/workbook.xml"), "has no worksheet")])
        }
        var sheetPath = "xl/worksheets/sheet1.xml"
        if let relations = try entry("xl/_rels/workbook.xml.rels") {
            let targets = try Self.parse(relations, file: "\(file) xl/_rels/workbook.xml.rels", RelationshipHandler()).targets
            if let target = targets[first] {
                sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        let strings = try entry("xl/sharedStrings.xml").map {
            try Self.parse($0, file: "\(file) xl/sharedStrings.xml", SharedStringsHandler()).strings
        } ?? []
        let sheet = try required(sheetPath)
        let handler = SheetHandler(strings: strings, file: file)
        let rows = try Self.parse(sheet, file: "\(file) \(sheetPath)", handler).rows
        if let error = handler.error { throw ImportFailure([error]) }
        return rows
    }

    private static func parse<Handler: XMLHandler>(_ data: Data, file: String, _ handler: Handler) throws -> Handler {
        try SafeXMLReader.checkProlog(data.prefix(SafeXMLReader.prologLimit), file: file)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        if !parser.parse() {
            if let error = (handler as? SheetHandler)?.error { throw ImportFailure([error]) }
            throw ImportFailure([ImportError(FileLocation(file: file, line: parser.lineNumber),
                                             "is not well-formed XML: \(parser.parserError.map { ($0 as NSError).localizedDescription } ?? "unknown error")")])
        }
        return handler
    }

    /// Column letters of a cell reference (`AB12`) → 0-based index.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0, letters = 0
        for character in reference.uppercased() {
            guard let ascii = character.asciiValue, (65...90).contains(ascii) else { break }
            index = index * 26 + Int(ascii - 64)
            letters += 1
        }
        return letters == 0 || letters > 3 ? nil : index - 1
    }
}

/// The delegate methods live on the base class and are overridden, because protocol dispatch would
/// otherwise call the protocol's empty defaults instead of a subclass's own methods.
private class XMLHandler: NSObject, XMLParserDelegate {
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {}
    func parser(_ parser: XMLParser, foundCharacters string: String) {}
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {}
    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) { parser.abortParsing() }
    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) { parser.abortParsing() }
}

private final class WorkbookHandler: XMLHandler {
    var relationships: [String] = []

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        guard name == "sheet" || name.hasSuffix(":sheet") else { return }
        if let id = attributes["r:id"] ?? attributes.first(where: { $0.key.hasSuffix(":id") })?.value { relationships.append(id) }
    }
}

private final class RelationshipHandler: XMLHandler {
    var targets: [String: String] = [:]

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
    }
}

private final class SharedStringsHandler: XMLHandler {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
            case "si": current = ""
            case "t": inText = !inPhonetic
            case "rPh": inPhonetic = true
            default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    override func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
            case "si": strings.append(current)
            case "t": inText = false
            case "rPh": inPhonetic = false
            default: break
        }
    }
}

private final class SheetHandler: XMLHandler {
    let strings: [String]
    let file: String
    var rows: [TableRow] = []
    var error: ImportError?
    private var row: [String] = []
    private var rowNumber = 0
    private var column = 0
    private var type = "n"
    private var value = ""
    private var capturing = false

    init(strings: [String], file: String) {
        self.strings = strings
        self.file = file
    }

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
            case "row":
                rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
                row = []
                column = 0
            case "c":
                column = attributes["r"].flatMap(XLSXReader.columnIndex) ?? row.count
                type = attributes["t"] ?? "n"
                value = ""
            case "v", "t":
                capturing = true
            default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if capturing { value += string }
    }

    override func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
            case "v", "t":
                capturing = false
            case "c":
                var text = value
                if type == "s" {
                    guard let index = Int(value), strings.indices.contains(index) else {
                        error = ImportError(FileLocation(file: file, line: rowNumber, element: "row \(rowNumber) column \(column + 1)"),
                                            "refers to shared string \(value), which the workbook does not have")
                        parser.abortParsing()
                        return
                    }
                    text = strings[index]
                } else if type == "b" {
                    text = value == "1" ? "true" : "false"
                } else if type == "n", let number = Double(value), number == number.rounded(), abs(number) < 1e15 {
                    text = String(Int64(number))
                }
                if column >= 16_384 { return }
                while row.count < column { row.append("") }
                if row.count == column { row.append(text) } else { row[column] = text }
            case "row":
                if row.contains(where: { !$0.isEmpty }) { rows.append(TableRow(number: rowNumber, cells: row)) }
            default: break
        }
    }
}
