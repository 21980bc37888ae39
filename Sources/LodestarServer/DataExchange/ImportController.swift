import Fluent
import Foundation
import LodestarCore
import Vapor

/// `POST /api/v1/imports/{format}/preview` and `POST /api/v1/imports/{format}`: multipart uploads of
/// MS Project XML, Jira JSON, Excel or CSV. Admin and pmo only: an import changes many records at once.
enum ImportController {
    static let access = "admin and pmo"

    struct Upload: Content {
        var file: File
        /// `ImportOptions` as JSON text, e.g. `{"grouping":"programme"}`.
        var options: String?
    }

    struct RunBody: Content {
        var id: UUID
        var occurredAt: Date
        var format: String
        var fileName: String
        var actorEmail: String
        var created: Int
        var updated: Int
        var unchanged: Int
        var skipped: Int
        var succeeded: Bool
        var message: String
    }

    static func register(on router: APIRouter) {
        let outcome = router.documentation.schema("ImportOutcome", SchemaRecorder.schema(for: ImportOutcome.self))
        let options = router.documentation.schema("ImportOptions", SchemaRecorder.schema(for: ImportOptions.self))
        let uploadSchema: JSONValue = .object([
            "type": .string("object"),
            "required": .array([.string("file")]),
            "properties": .object([
                "file": .object(["type": .string("string"), "format": .string("binary"),
                                 "description": .string("The file: MS Project XML, Jira search JSON, .xlsx or CSV (at most 64 MB).")]),
                "options": .object(["type": .string("string"), "contentMediaType": .string("application/json"), "contentSchema": options,
                                    "description": .string("ImportOptions as JSON text, e.g. {\"grouping\":\"programme\"}.")]),
            ]),
        ])
        let format = APIOperation.Parameter(
            name: "format", location: .path, required: true, description: "mspdi, jira, xlsx or csv.",
            schema: .object(["type": .string("string"), "enum": .array(ImportFormat.rawValues.map(JSONValue.string))]))

        for commit in [false, true] {
            router.register(APIOperation(
                method: .POST, path: commit ? ["imports", "{format}"] : ["imports", "{format}", "preview"],
                operationID: commit ? "commitImport" : "previewImport",
                summary: commit
                    ? "Import a file: creates and updates records in one transaction (all or nothing)"
                    : "Preview an import (dry run): what would be created, updated and skipped; nothing is written",
                tag: "imports", parameters: [format], requestSchema: uploadSchema,
                responses: [200: (commit ? "What was imported." : "What an import would do.", outcome)], access: access,
                requestContentType: "multipart/form-data"
            ), maxBodySize: ByteCount(value: ImportReading.maxFileBytes + 1_048_576)) { request in
                let caller = try request.caller
                try caller.require([.admin, .pmo], to: "import portfolio data")
                let format = try formatParameter(request)
                let (data, fileName, options) = try upload(request)
                let result = try await run(format, data: data, fileName: fileName, options: options, commit: commit, caller: caller, on: request.db)
                return try Response.json(result)
            }
        }

        router.register(APIOperation(
            method: .GET, path: ["imports"], operationID: "listImports", summary: "List committed imports and Redmine syncs (failed ones with their reason), newest first", tag: "imports",
            parameters: APIOperation.Parameter.pagination,
            responses: [200: ("A page of imports.", SchemaRecorder.listSchema(items: router.documentation.schema("ImportRun", SchemaRecorder.schema(for: RunBody.self))))],
            access: "admin and pmo"
        )) { request in
            try request.caller.require([.admin, .pmo], to: "read the import history")
            let limit = min(max(request.query[Int.self, at: "limit"] ?? 50, 1), 500)
            let offset = max(request.query[Int.self, at: "offset"] ?? 0, 0)
            let total = try await ImportRunModel.query(on: request.db).count()
            let runs = try await ImportRunModel.query(on: request.db).sort(\.$occurredAt, .descending).range(offset..<(offset + limit)).all()
            return try Response.json(Page(items: runs.map(RunBody.init), total: total, limit: limit, offset: offset))
        }
    }

    static func formatParameter(_ request: Request) throws -> ImportFormat {
        let raw = request.parameters.get("format") ?? ""
        guard let format = ImportFormat(rawValue: raw) else {
            throw Problem.notFound("An import format '\(raw)' (use \(ImportFormat.rawValues.joined(separator: ", ")))")
        }
        return format
    }

    static func upload(_ request: Request) throws -> (Data, String, ImportOptions) {
        guard request.headers.contentType?.type == "multipart", request.headers.contentType?.subType == "form-data" else {
            throw Problem(status: .unsupportedMediaType, slug: "unsupported-media-type", title: "Unsupported media type",
                          detail: "Upload the file as `multipart/form-data` with a part named `file`.")
        }
        let upload: Upload
        do {
            upload = try request.content.decode(Upload.self)
        } catch {
            throw Problem.validation([FieldIssue("file", "is required: send the file as the multipart part `file`")])
        }
        return (Data(upload.file.data.readableBytesView), upload.file.filename, try parseOptions(upload.options))
    }

    static func parseOptions(_ text: String?) throws -> ImportOptions {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return ImportOptions() }
        do {
            return try JSONDecoder().decode(ImportOptions.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            let issue = error.fieldIssue
            throw Problem.validation([FieldIssue("options.\(issue.field)", issue.reason)])
        } catch {
            throw Problem.validation([FieldIssue("options", "must be JSON, e.g. {\"grouping\":\"programme\"}")])
        }
    }

    /// Reads and writes (or previews) a file; every problem with the file is a 422 naming where it is.
    static func run(
        _ format: ImportFormat, data: Data, fileName: String, options: ImportOptions, commit: Bool, caller: Caller, on database: any Database
    ) async throws -> ImportOutcome {
        do {
            let plan = try ImportReading.plan(format, data: data, fileName: fileName.isEmpty ? "upload" : fileName, options: options)
            return try await ImportService(caller: caller, database: database).run(plan, format: format.rawValue, commit: commit)
        } catch let failure as ImportFailure {
            throw Problem.importFailed(failure)
        }
    }
}

extension ImportController.RunBody {
    init(_ run: ImportRunModel) {
        self.init(id: run.id!, occurredAt: run.occurredAt, format: run.format, fileName: run.fileName, actorEmail: run.actorEmail,
                  created: run.created, updated: run.updated, unchanged: run.unchanged, skipped: run.skipped, succeeded: run.succeeded, message: run.message)
    }
}

extension Problem {
    /// Each error keeps its place in the file: `errors[].field` is the field, `reason` starts with file:line.
    static func importFailed(_ failure: ImportFailure) -> Problem {
        let first = failure.errors.first.map(\.description) ?? "the file cannot be imported"
        return Problem(
            status: .unprocessableEntity, slug: "import-invalid", title: "The file cannot be imported",
            detail: failure.errors.count == 1 ? "\(first). Nothing was changed."
                : "\(failure.errors.count) problems, the first: \(first). Nothing was changed.",
            issues: failure.errors.map { FieldIssue($0.field ?? "file", "\($0.location): \($0.reason)") })
    }
}
