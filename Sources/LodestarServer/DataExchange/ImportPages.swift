import Fluent
import Foundation
import LodestarCore
import Plot
import Vapor

/// The Data page: upload a file, see what it would change, commit it; export every list.
/// Everybody signed in may export; only admin and pmo may import.
enum ImportPages {
    static func register(on app: Application) {
        let uploads = app.grouped("data")
        uploads.get { request async throws -> Response in try await page(request) }
        uploads.get("template.csv") { _ -> Response in
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            headers.contentDisposition = .init(.attachment, filename: "portfolio-template.csv")
            return Response(status: .ok, headers: headers, body: .init(string: PortfolioTable.templateCSV))
        }
        let bodyLimit = ByteCount(value: ImportReading.maxFileBytes + 1_048_576)
        uploads.on(.POST, "preview", body: .collect(maxSize: bodyLimit)) { request async throws -> Response in try await preview(request) }
        uploads.on(.POST, "commit", body: .collect(maxSize: "64kb")) { request async throws -> Response in try await commit(request) }
        uploads.post("redmine") { request async throws -> Response in try await configureRedmine(request) }
        uploads.post("redmine", "sync") { request async throws -> Response in try await syncRedmine(request) }
    }

    struct Form {
        var format = ImportFormat.mspdi.rawValue
        var grouping = MSPDIImporter.Grouping.project.rawValue
        var code = ""
        var epics = JiraImporter.EpicMapping.initiatives.rawValue
        var epicLinkField = ""
        var storyPointsField = ""
        /// `Your header = column` lines.
        var columns = ""

        init() {}

        init(_ fields: [String: String]) {
            format = fields["format"] ?? format
            grouping = fields["grouping"] ?? grouping
            code = fields["code"] ?? ""
            epics = fields["epics"] ?? epics
            epicLinkField = fields["epicLinkField"] ?? ""
            storyPointsField = fields["storyPointsField"] ?? ""
            columns = fields["columns"] ?? ""
        }

        /// The options, or the form fields that cannot be read.
        func options() -> Result<ImportOptions, Problem> {
            var mapping: [String: PortfolioTable.Column] = [:]
            var issues: [FieldIssue] = []
            for (index, line) in columns.split(whereSeparator: \.isNewline).enumerated() where !line.trimmedText.isEmpty {
                let parts = line.split(separator: "=", maxSplits: 1).map { String($0).trimmedText }
                guard parts.count == 2, let column = PortfolioTable.Column.allCases.first(where: {
                    $0.rawValue.lowercased() == parts[1].lowercased() || $0.header.lowercased() == parts[1].lowercased()
                }) else {
                    issues.append(FieldIssue("columns", "line \(index + 1) ('\(line)') must read `Your header = column`, the column one of \(PortfolioTable.Column.allCases.map(\.header).joined(separator: ", "))"))
                    continue
                }
                mapping[parts[0]] = column
            }
            if !issues.isEmpty { return .failure(.validation(issues)) }
            return .success(ImportOptions(
                grouping: MSPDIImporter.Grouping(rawValue: grouping), code: code.trimmedText.nilIfEmpty,
                epics: JiraImporter.EpicMapping(rawValue: epics), epicLinkField: epicLinkField.trimmedText.nilIfEmpty,
                storyPointsField: storyPointsField.trimmedText.nilIfEmpty, columns: mapping.isEmpty ? nil : mapping))
        }

        var encoded: String {
            let fields = ["format": format, "grouping": grouping, "code": code, "epics": epics, "epicLinkField": epicLinkField,
                          "storyPointsField": storyPointsField, "columns": columns]
            return String(decoding: (try? JSONEncoder().encode(fields)) ?? Data(), as: UTF8.self)
        }

        static func decoded(_ text: String) -> Form {
            Form((try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:])
        }
    }

    // MARK: - handlers

    static func page(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let runs = caller.isPortfolioStaff
            ? try await ImportRunModel.query(on: request.db).sort(\.$occurredAt, .descending).limit(10).all() : []
        // Notices name a history entry, never carry text, so a link cannot make the page say something else.
        var flash: String?
        if let id = request.query[String.self, at: "run"].flatMap(UUID.init(uuidString:)), let run = try await ImportRunModel.find(id, on: request.db) {
            flash = run.format == "redmine" ? "Synced from Redmine: \(run.message)." : "Imported \(run.fileName): \(run.message)."
        } else if request.query[String.self, at: "saved"] == "redmine" {
            flash = "Redmine connection saved."
        }
        return view(caller: caller, form: Form(), errors: [], runs: runs, flash: flash,
                    redmine: try await redmineSettings(request)).response()
    }

    static func redmineSettings(_ request: Request) async throws -> RedmineSync.Settings? {
        guard try request.caller.isPortfolioStaff else { return nil }
        return try await RedmineController.sync(request).settings()
    }

    static func configureRedmine(_ request: Request) async throws -> Response {
        let form = try request.content.decode([String: String].self)
        do {
            _ = try await RedmineController.sync(request).configure(.init(url: form["url"] ?? "", apiKey: form["apiKey"]))
        } catch let problem as Problem where problem.status == .unprocessableEntity {
            let caller = try request.caller
            return view(caller: caller, form: Form(), errors: problem.issues.map(\.description), runs: [], flash: nil,
                        redmine: try await redmineSettings(request)).response(status: .unprocessableEntity)
        }
        return request.redirect(to: "/data?saved=redmine#redmine-title", redirectType: .normal)
    }

    static func syncRedmine(_ request: Request) async throws -> Response {
        let caller = try request.caller
        do {
            let outcome = try await RedmineController.sync(request).run()
            return request.redirect(to: "/data?run=\(outcome.runID?.uuidString ?? "")", redirectType: .normal)
        } catch let problem as Problem where problem.status == .badGateway || problem.status == .conflict {
            let runs = try await ImportRunModel.query(on: request.db).sort(\.$occurredAt, .descending).limit(10).all()
            return view(caller: caller, form: Form(), errors: [problem.detail], runs: runs, flash: nil,
                        redmine: try await redmineSettings(request)).response(status: problem.status)
        }
    }

    static func preview(_ request: Request) async throws -> Response {
        let caller = try request.caller
        try caller.require([.admin, .pmo], to: "import portfolio data")
        struct Upload: Content {
            var file: File?
            var format: String?
            var grouping: String?
            var code: String?
            var epics: String?
            var epicLinkField: String?
            var storyPointsField: String?
            var columns: String?
        }
        let upload = try request.content.decode(Upload.self)
        let form = Form([
            "format": upload.format ?? "", "grouping": upload.grouping ?? "", "code": upload.code ?? "", "epics": upload.epics ?? "",
            "epicLinkField": upload.epicLinkField ?? "", "storyPointsField": upload.storyPointsField ?? "", "columns": upload.columns ?? "",
        ].filter { !$0.value.isEmpty })
        func again(_ errors: [String]) async throws -> Response {
            view(caller: caller, form: form, errors: errors, runs: [], flash: nil).response(status: .unprocessableEntity)
        }
        guard let format = ImportFormat(rawValue: form.format) else { return try await again(["Choose what kind of file it is."]) }
        guard let file = upload.file, file.data.readableBytes > 0 else { return try await again(["Choose a file to import."]) }
        let options: ImportOptions
        switch form.options() {
            case .success(let value): options = value
            case .failure(let problem): return try await again(problem.issues.map(\.description))
        }
        let data = Data(file.data.readableBytesView)
        let fileName = file.filename.isEmpty ? "upload" : file.filename
        let outcome: ImportOutcome
        do {
            outcome = try await ImportController.run(format, data: data, fileName: fileName, options: options, commit: false, caller: caller, on: request.db)
        } catch let problem as Problem where problem.status == .unprocessableEntity {
            return try await again(problem.issues.isEmpty ? [problem.detail] : problem.issues.map { "\($0.field): \($0.reason)" })
        }
        // Kept in the database until committed, so the commit needs no second upload and may reach any instance.
        try await ImportUploadModel.query(on: request.db).filter(\.$createdAt < Date().addingTimeInterval(-86_400)).delete()
        let staged = ImportUploadModel()
        staged.id = UUID()
        staged.createdAt = Date()
        staged.userID = caller.userID
        staged.format = format.rawValue
        staged.fileName = String(fileName.prefix(250))
        staged.options = form.encoded
        staged.content = data
        try await staged.create(on: request.db)
        return previewView(caller: caller, outcome: outcome, uploadID: staged.id!).response()
    }

    static func commit(_ request: Request) async throws -> Response {
        let caller = try request.caller
        try caller.require([.admin, .pmo], to: "import portfolio data")
        let fields = try request.content.decode([String: String].self)
        guard let id = fields["upload"].flatMap(UUID.init(uuidString:)),
              let staged = try await ImportUploadModel.find(id, on: request.db), staged.userID == caller.userID,
              let format = ImportFormat(rawValue: staged.format)
        else {
            throw Problem.notFound("The uploaded file (it was imported already, or is more than a day old; upload it again)")
        }
        let form = Form.decoded(staged.options)
        guard case .success(let options) = form.options() else { throw Problem.badRequest("The stored options cannot be read; upload again.") }
        do {
            let outcome = try await ImportController.run(
                format, data: staged.content, fileName: staged.fileName, options: options, commit: true, caller: caller, on: request.db)
            try await staged.delete(on: request.db)
            return request.redirect(to: "/data?run=\(outcome.runID?.uuidString ?? "")", redirectType: .normal)
        } catch let problem as Problem where problem.status == .unprocessableEntity {
            let errors = problem.issues.isEmpty ? [problem.detail] : problem.issues.map { "\($0.field): \($0.reason)" }
            return view(caller: caller, form: form, errors: ["Nothing was imported."] + errors, runs: [], flash: nil).response(status: .unprocessableEntity)
        }
    }

    // MARK: - views

    static func view(caller: Caller, form: Form, errors: [String], runs: [ImportRunModel], flash: String?, redmine: RedmineSync.Settings? = nil) -> Layout {
        Layout(title: "Data", caller: caller, area: .imports, content: .group(
            .h1(.text("Data: import and export")),
            .unwrap(flash) { .p(.class("flash"), .attribute(named: "role", value: "status"), .text($0)) },
            .if(!errors.isEmpty, .div(
                .class("error"), .id("import-errors"), .attribute(named: "role", value: "alert"),
                .p(.text("The file cannot be imported; nothing was changed:")),
                .ul(.forEach(errors.prefix(50)) { .li(.text($0)) }))),
            .if(caller.isPortfolioStaff, importForm(caller: caller, form: form),
                else: Components.section("Import", id: "import", .p(.text("Imports are run by the PMO (pmo and admin roles).")))),
            .if(caller.isPortfolioStaff, redmineSection(caller: caller, settings: redmine)),
            exports(caller: caller),
            .if(!runs.isEmpty, Components.section("Recent imports and syncs", id: "history", .table(
                .class("data"),
                .caption(.text("The last ten imports and syncs, failed ones with their reason")),
                .thead(.tr(.forEach(["When", "Format", "File", "By", "Result"]) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
                .tbody(.forEach(runs) { run in
                    .tr(
                        .td(.text(ISO8601DateFormatter().string(from: run.occurredAt))),
                        .td(.text(run.format)), .td(.text(run.fileName)), .td(.text(run.actorEmail)), .td(.text(run.message)))
                }))))
        ))
    }

    static func importForm(caller: Caller, form: Form) -> Node<HTML.BodyContext> {
        Components.section("Import", id: "import",
            .p(.text("Upload an MS Project XML file, a Jira search result (JSON), or a portfolio list in Excel (.xlsx) or CSV. "),
               .text("You will see what it would create, update and skip before anything is saved. Importing the same source again updates the records it created. "),
               .a(.href("/data/template.csv"), .text("Download the CSV template")), .text(".")),
            .form(
                .class("edit"), .method(.post), .action("/data/preview"), .attribute(named: "enctype", value: "multipart/form-data"),
                .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                .fieldset(
                    .element(named: "legend", text: "File"),
                    Components.select("Kind of file", name: "format",
                                      options: ImportFormat.allCases.map { ($0.rawValue, $0.label) }, selected: form.format),
                    .div(.class("field"),
                         .label(.for("file"), .text("File")),
                         .input(.type(.file), .name("file"), .id("file"), .required(true),
                                .attribute(named: "accept", value: ".xml,.json,.xlsx,.csv,text/csv,application/json,text/xml")))
                ),
                .fieldset(
                    .element(named: "legend", text: "MS Project"),
                    Components.select("Initiatives are", name: "grouping", options: [
                        ("project", "the whole file (one project plan)"), ("programme", "each top-level task (a programme schedule)"),
                    ], selected: form.grouping),
                    Components.field("Code for a new initiative", name: "code", value: form.code, hint: "Optional; by default made from the project title.")
                ),
                .fieldset(
                    .element(named: "legend", text: "Jira"),
                    Components.select("Epics become", name: "epics", options: [
                        ("initiatives", "initiatives (issues outside epics: one per project)"), ("milestones", "milestones of their project's initiative"),
                    ], selected: form.epics),
                    Components.field("Epic link field", name: "epicLinkField", value: form.epicLinkField, hint: "e.g. customfield_10014; epics are also found through parents and the agile API."),
                    Components.field("Story points field", name: "storyPointsField", value: form.storyPointsField, hint: "e.g. customfield_10016; progress is then weighted by points.")
                ),
                .fieldset(
                    .element(named: "legend", text: "Excel and CSV"),
                    .div(.class("field"),
                         .label(.for("columns"), .text("Column mapping")),
                         .textarea(.name("columns"), .id("columns"), .attribute(named: "rows", value: "3"),
                                   .attribute(named: "aria-describedby", value: "columns-note"), .text(form.columns)),
                         .p(.id("columns-note"), .class("hint"),
                            .text("One line per header that differs from ours, e.g. `Project No = Code`. Our columns: "),
                            .text(PortfolioTable.Column.allCases.map { "\($0.header) (\($0.help))" }.joined(separator: "; ")), .text(".")))
                ),
                .div(.class("actions"), .button(.type(.submit), .class("primary"), .text("Preview import")))
            ))
    }

    static func redmineSection(caller: Caller, settings: RedmineSync.Settings?) -> Node<HTML.BodyContext> {
        Components.section("Redmine", id: "redmine",
            .p(.text(settings.map { "Connected to \($0.url ?? "")" + ($0.lastSyncedAt.map { "; issues changed up to \($0) are synced." } ?? "; not synced yet.") }
                     ?? "Not connected. Projects become initiatives, versions their milestones, and issues their progress and RAID items.")),
            .if(settings != nil, .form(
                .method(.post), .action("/data/redmine/sync"),
                .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                .button(.type(.submit), .id("sync-redmine"), .text("Sync now")))),
            .if(caller.role == .admin, .form(
                .class("edit"), .method(.post), .action("/data/redmine"),
                .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                .fieldset(
                    .element(named: "legend", text: "Connection (admin)"),
                    Components.field("Redmine URL", name: "url", value: settings?.url ?? "", type: .url, required: true),
                    Components.field("API key", name: "apiKey", value: "", type: .password,
                                     hint: settings == nil ? "From My account → API access key in Redmine; stored encrypted." : "Leave empty to keep the stored key.")),
                .div(.class("actions"), .button(.type(.submit), .text("Save connection"))))))
    }

    static func exports(caller: Caller) -> Node<HTML.BodyContext> {
        Components.section("Export", id: "export",
            .table(
                .class("data"),
                .caption(.text("Every list, as CSV for spreadsheets or JSON for other tools")),
                .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("List")),
                           .th(.attribute(named: "scope", value: "col"), .text("Download")))),
                .tbody(.forEach(EntityRegistry.all) { entry in
                    .tr(.th(.attribute(named: "scope", value: "row"), .text(entry.info.plural.capitalisedFirst)),
                        .td(.a(.href("/api/v1/exports/\(entry.info.path)?format=csv"), .text("CSV")), .text(" · "),
                            .a(.href("/api/v1/exports/\(entry.info.path)?format=json"), .text("JSON"))))
                })),
            .if(caller.role == .admin, .p(.a(.href("/api/v1/archive"), .text("Download the whole database as an archive")),
                                          .text(" (restore it with `lodestar import --all FILE`)."))))
    }

    static func previewView(caller: Caller, outcome: ImportOutcome, uploadID: UUID) -> Layout {
        let shown = outcome.lines.prefix(1000)
        return Layout(title: "Preview import", caller: caller, area: .imports, content: .group(
            .nav(.class("crumbs"), .attribute(named: "aria-label", value: "Breadcrumb"), .a(.href("/data"), .text("Data")), .text(" / Preview")),
            .h1(.text("Preview: \(outcome.fileName)")),
            .p(.id("preview-summary"), .attribute(named: "role", value: "status"),
               .text("Nothing has been saved yet. Importing will: \(outcome.summary).")),
            .form(
                .method(.post), .action("/data/commit"),
                .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                .input(.type(.hidden), .name("upload"), .value(uploadID.uuidString)),
                .div(.class("actions"),
                     .button(.type(.submit), .class("primary"), .id("commit-import"), .text("Import \(outcome.created + outcome.updated) changes")),
                     .a(.href("/data"), .text("Cancel")))
            ),
            .table(
                .class("data"), .id("preview-table"),
                .caption(.text(outcome.lines.count > shown.count ? "The first \(shown.count) of \(outcome.lines.count) lines" : "Every record in the file")),
                .thead(.tr(.forEach(["Action", "Kind", "Record", "Detail", "Where in the file"]) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
                .tbody(.forEach(shown) { line in
                    .tr(.class("action-\(line.action.rawValue)"),
                        .td(.span(.class("badge"), .text(line.action.rawValue))), .td(.text(line.entity)),
                        .td(.text(line.name)), .td(.text(line.detail)), .td(.text(line.location)))
                }))
        ))
    }
}

extension StringProtocol {
    /// The text without surrounding spaces and line breaks.
    var trimmedText: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
