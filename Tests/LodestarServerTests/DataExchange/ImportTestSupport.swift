import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting
import ZIPFoundation

/// A `multipart/form-data` body as a browser or `curl -F` sends it.
struct MultipartBody {
    static let boundary = "----lodestar-test-boundary"
    var parts: [(name: String, fileName: String?, data: Data)] = []

    mutating func add(_ name: String, _ value: String) { parts.append((name, nil, Data(value.utf8))) }
    mutating func addFile(_ name: String = "file", fileName: String, _ data: Data) { parts.append((name, fileName, data)) }

    var data: Data {
        var body = Data()
        for part in parts {
            body.append(Data("--\(Self.boundary)\r\n".utf8))
            if let fileName = part.fileName {
                body.append(Data("Content-Disposition: form-data; name=\"\(part.name)\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            } else {
                body.append(Data("Content-Disposition: form-data; name=\"\(part.name)\"\r\n\r\n".utf8))
            }
            body.append(part.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(Self.boundary)--\r\n".utf8))
        return body
    }

    var contentType: String { "multipart/form-data; boundary=\(Self.boundary)" }
}

extension Application {
    /// Uploads a file to the import API as `person`.
    func upload(
        _ format: ImportFormat, _ data: Data, fileName: String, options: String? = nil, commit: Bool, as person: Fixture.Person?
    ) async throws -> APIResponse {
        var body = MultipartBody()
        body.addFile(fileName: fileName, data)
        if let options { body.add("options", options) }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: body.contentType)
        if let person { headers.bearerAuthorization = BearerAuthorization(token: person.token) }
        let path = commit ? "/api/v1/imports/\(format.rawValue)" : "/api/v1/imports/\(format.rawValue)/preview"
        let response = try await testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(data: body.data))
        let text = response.body.string
        let json = (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .null
        return APIResponse(status: response.status, headers: response.headers, json: json, text: text)
    }

    /// Row counts of every portfolio table, to show an import changed nothing.
    func portfolioCounts() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for entry in EntityRegistry.all { counts[entry.info.path] = try await entry.export(db).count }
        return counts
    }
}

extension APIResponse {
    func count(_ key: String) -> Int? { json[key]?.numberValue.map { Int($0) } }
}

/// An .xlsx workbook laid out as Excel writes one: workbook, relationships, shared strings (one with
/// rich-text runs), numbers, a date as a serial number and an inline string.
enum ExcelWorkbook {
    static func make(rows: [[Cell]]) throws -> Data {
        enum Part { case shared(Int), number(String), inline(String) }
        var strings: [String] = []
        func sharedIndex(_ text: String) -> Int {
            if let index = strings.firstIndex(of: text) { return index }
            strings.append(text)
            return strings.count - 1
        }
        var sheetRows = ""
        for (rowIndex, row) in rows.enumerated() {
            sheetRows += "<row r=\"\(rowIndex + 1)\" spans=\"1:\(row.count)\">"
            for (columnIndex, cell) in row.enumerated() {
                let reference = "\(Character(UnicodeScalar(65 + columnIndex)!))\(rowIndex + 1)"
                switch cell {
                    case .text(let text): sheetRows += "<c r=\"\(reference)\" t=\"s\"><v>\(sharedIndex(text))</v></c>"
                    case .number(let number): sheetRows += "<c r=\"\(reference)\"><v>\(number)</v></c>"
                    case .date(let serial): sheetRows += "<c r=\"\(reference)\" s=\"1\"><v>\(serial)</v></c>"
                    case .inline(let text): sheetRows += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
                    case .empty: continue
                }
            }
            sheetRows += "</row>"
        }
        let sharedStrings = strings.enumerated().map { index, text in
            // Excel writes formatted text as runs; the reader must join them.
            index == 0 && text.count > 2
                ? "<si><r><rPr><b/></rPr><t>\(text.prefix(2))</t></r><r><t xml:space=\"preserve\">\(text.dropFirst(2))</t></r></si>"
                : "<si><t>\(text)</t></si>"
        }.joined()
        let files: [(String, String)] = [
            ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>"),
            ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Portfolio\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
            ("xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">\(sharedStrings)</sst>"),
            ("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"A1:F\(rows.count)\"/><sheetData>\(sheetRows)</sheetData></worksheet>"),
        ]
        let archive = try Archive(accessMode: .create)
        for (path, text) in files {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    enum Cell {
        case text(String), number(String), date(Int), inline(String), empty
    }
}
