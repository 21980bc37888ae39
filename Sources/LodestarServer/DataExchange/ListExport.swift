import Fluent
import Foundation
import LodestarCore
import Vapor

/// Every list as a file: JSON (the API's record shape) or CSV (one column per field, for Excel).
enum ListExport {
    static func records<M: EntityModel>(_ model: M.Type, on database: any Database) async throws -> [JSONValue] {
        try await M.query(on: database).sort(FieldKey.id, .ascending).all().map {
            // The API's own encoding, so dates read as they do in every other response.
            try JSONDecoder().decode(JSONValue.self, from: JSONEncoder.api.encode(EntityBody($0)))
        }
    }

    /// RFC 4180 CSV: `id` and `version` first, then the fields in name order; nested values as JSON.
    static func csv(_ records: [JSONValue]) -> String {
        let meta = ["id", "version"]
        let fields = Set(records.flatMap { $0.objectValue?.keys.map { $0 } ?? [] }).subtracting(meta).sorted()
        let columns = meta + fields
        var lines = [columns.map(escape).joined(separator: ",")]
        for record in records {
            lines.append(columns.map { column in
                switch record[column] {
                    case nil, .null?: ""
                    case .string(let text)?: escape(text)
                    case .number(let number)?: number == number.rounded() && abs(number) < 9e15 ? String(Int64(number)) : String(number)
                    case .bool(let flag)?: flag ? "true" : "false"
                    case let other?: escape(other.jsonText)
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func escape(_ text: String) -> String {
        // A leading = + - @ makes Excel evaluate the cell as a formula (CSV injection); a quote disarms it.
        let guarded = text.first.map { "=+-@".contains($0) } == true && Double(text) == nil ? "'" + text : text
        guard guarded.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return guarded }
        return "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// `GET /api/v1/exports/<list>` for every list, and `GET /api/v1/archive` for the whole database.
enum ExportController {
    static func export(_ entry: EntityRegistry.Entry, _ request: Request) async throws -> Response {
        let records = try await entry.export(request.db)
        let name = entry.info.path
        var headers = HTTPHeaders()
        switch request.query[String.self, at: "format"] ?? "json" {
            case "csv":
                headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
                headers.contentDisposition = .init(.attachment, filename: "\(name).csv")
                return Response(status: .ok, headers: headers, body: .init(string: ListExport.csv(records)))
            case "json":
                headers.contentDisposition = .init(.attachment, filename: "\(name).json")
                return try Response.json(JSONValue.array(records), headers: headers)
            default:
                throw Problem.validation([FieldIssue("format", "must be json or csv")])
        }
    }

    static func register(on router: APIRouter) {
        let format = APIOperation.Parameter.query(
            "format", "`json` (default) or `csv`.", .object(["type": .string("string"), "enum": .array([.string("json"), .string("csv")])]))
        for entry in EntityRegistry.all {
            router.register(APIOperation(
                method: .GET, path: ["exports", entry.info.path], operationID: "export\(entry.info.schemaName)s",
                summary: "Export every \(entry.info.singular) as JSON (an array of records) or CSV (`?format=csv`, text/csv)", tag: "exports",
                parameters: [format],
                responses: [200: ("Every \(entry.info.singular), as the API shows it.", .object(["type": .string("array"), "items": APIDocumentation.ref(entry.info.schemaName)]))],
                access: "every signed-in role",
                otherSuccessContent: ["text/csv": .object(["type": .string("string")])]
            )) { request in
                _ = try request.caller
                return try await export(entry, request)
            }
        }

        router.register(APIOperation(
            method: .GET, path: ["archive"], operationID: "exportArchive",
            summary: "The whole database as a versioned JSON archive (what `lodestar export --all` writes)", tag: "exports",
            responses: [200: ("The archive: format, version, migrations and every table's rows.", .object(["type": .string("object")]))],
            access: "admin"
        )) { request in
            try request.caller.require([.admin], to: "export the whole database")
            let archive = try await DatabaseArchive.export(from: request.db, version: LodestarVersion.current)
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.contentDisposition = .init(.attachment, filename: "lodestar-archive.json")
            return Response(status: .ok, headers: headers, body: .init(data: try Commands.archiveEncoder.encode(archive)))
        }
    }
}
