import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Import API")
struct ImportAPITests {
    let plan = Data(MSPDISampleGenerator.xml(tasks: 120, resources: 3).utf8)

    @Test("A preview lists what would change and writes nothing; the commit writes exactly that")
    func previewThenCommit() async throws {
        try await withTestApp { app, people in
            let before = try await app.portfolioCounts()
            let preview = try await app.upload(.mspdi, plan, fileName: "plan.xml", commit: false, as: people.pmo)
            #expect(preview.status == .ok, "\(preview.text)")
            #expect(preview.json["committed"] == .bool(false))
            let toCreate = try #require(preview.count("created"))
            #expect(toCreate > 10)
            #expect(try await app.portfolioCounts() == before)

            let commit = try await app.upload(.mspdi, plan, fileName: "plan.xml", commit: true, as: people.pmo)
            #expect(commit.status == .ok, "\(commit.text)")
            #expect(commit.count("created") == toCreate)
            let after = try await app.portfolioCounts()
            #expect(after["initiatives"] == before["initiatives"]! + 1)
            #expect(after["milestones"] == 7)
            #expect(after["pools"] == 3)
            #expect((after["demands"] ?? 0) > 0)
            let initiatives = try await app.api(.GET, "/api/v1/initiatives?externalSource=mspdi", as: people.viewer)
            #expect(initiatives.items.first?["code"] == .string("GENERATED-PLAN-OF-120-TASKS"))
            let history = try await app.api(.GET, "/api/v1/imports", as: people.pmo)
            #expect(history.total == 1)
        }
    }

    @Test("Importing the same file again changes nothing; a changed file updates the records it created")
    func reimport() async throws {
        try await withTestApp { app, people in
            _ = try await app.upload(.mspdi, plan, fileName: "plan.xml", commit: true, as: people.pmo)
            let counts = try await app.portfolioCounts()
            let again = try await app.upload(.mspdi, plan, fileName: "plan.xml", commit: true, as: people.pmo)
            #expect(again.count("created") == 0)
            #expect(again.count("updated") == 0)
            #expect(try await app.portfolioCounts() == counts)

            // The milestone of task 25 slips a week.
            let text = Self.move(task: 25, in: String(decoding: plan, as: UTF8.self), days: 7)
            let update = try await app.upload(.mspdi, Data(text.utf8), fileName: "plan.xml", commit: true, as: people.pmo)
            #expect(update.status == .ok, "\(update.text)")
            #expect(update.count("created") == 0)
            #expect((update.count("updated") ?? 0) >= 1)
            #expect(try await app.portfolioCounts() == counts)
            let milestones = try await app.api(.GET, "/api/v1/milestones?q=Task%2025", as: people.viewer)
            // The move is kept in the milestone's slippage history, as if its owner had typed it.
            let history = try await app.api(.GET, "/api/v1/milestones/\(try #require(milestones.ids.first))/history", as: people.viewer)
            #expect(history.json.arrayValue?.count == 2)
        }
    }

    /// Moves a task's finish by `days`.
    static func move(task uid: Int, in xml: String, days: Int) -> String {
        guard let start = xml.range(of: "<Task><UID>\(uid)</UID>"), let end = xml.range(of: "</Task>", range: start.upperBound..<xml.endIndex) else { return xml }
        var task = String(xml[start.lowerBound..<end.upperBound])
        guard let finish = task.range(of: #"<Finish>\d{4}-\d{2}-\d{2}"#, options: .regularExpression) else { return xml }
        let day = Day(task[finish].suffix(10))!.adding(days: days)
        task.replaceSubrange(finish, with: "<Finish>\(day)")
        return xml.replacingCharacters(in: start.lowerBound..<end.upperBound, with: task)
    }

    @Test("Every sample file imports through the API, one after another into one database", arguments: [ImportFormat.mspdi, .jira])
    func samples(_ format: ImportFormat) async throws {
        let files = format == .mspdi ? Self.samples("mspdi", "xml") : Self.samples("jira", "json")
        try #require(!files.isEmpty, "shared/samples is not beside the repository")
        try await withTestApp { app, people in
            for file in files {
                let response = try await app.upload(format, try Data(contentsOf: file), fileName: file.lastPathComponent, commit: true, as: people.pmo)
                #expect(response.status == .ok, "\(file.lastPathComponent): \(response.text)")
            }
        }
    }

    static func samples(_ folder: String, _ ext: String) -> [URL] {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let directory = ProcessInfo.processInfo.environment["LODESTAR_SAMPLES_DIR"].map { URL(fileURLWithPath: $0) }
            ?? repository.deletingLastPathComponent().appendingPathComponent("shared/samples")
        let folder = directory.appendingPathComponent(folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".\(ext)") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test("Only admin and pmo may import; others get 403 and nothing changes")
    func roles() async throws {
        try await withTestApp { app, people in
            for person in [people.executive, people.owner, people.viewer] {
                let response = try await app.upload(.mspdi, plan, fileName: "plan.xml", commit: true, as: person)
                #expect(response.status == .forbidden, "\(person.role)")
            }
            let anonymous = try await app.upload(.mspdi, plan, fileName: "plan.xml", commit: false, as: nil)
            #expect(anonymous.status == .unauthorized)
            #expect(try await app.portfolioCounts()["initiatives"] == 0)
        }
    }

    @Test("A hostile or broken file is a 422 naming the file and line, and writes nothing")
    func hostileFiles() async throws {
        try await withTestApp { app, people in
            let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE Project [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>\n<Project><Title>&b;</Title></Project>"
            let response = try await app.upload(.mspdi, Data(bomb.utf8), fileName: "bomb.xml", commit: true, as: people.pmo)
            #expect(response.status == .unprocessableEntity)
            #expect(response.json["type"] == .string("/problems/import-invalid"))
            #expect(response.json["detail"]?.stringValue?.contains("bomb.xml:2") == true)
            let truncated = try await app.upload(.jira, Data("{\"issues\": [{\"key\": \"A-1\",".utf8), fileName: "cut.json", commit: true, as: people.pmo)
            #expect(truncated.status == .unprocessableEntity)
            #expect(truncated.problemFields == ["file"])
            #expect(try await app.portfolioCounts().values.reduce(0, +) == 0)
        }
    }

    @Test("All or nothing: one bad row in a list leaves the database as it was")
    func allOrNothing() async throws {
        try await withTestApp { app, people in
            _ = try await createInitiative(app, people, code: "TAKEN")
            let csv = "Code,Name,Status\nNEW-1,First,active\nNEW-2,Second,approved\nTAKEN,Clash,active\n"
            let response = try await app.upload(.csv, Data(csv.utf8), fileName: "list.csv", commit: true, as: people.pmo)
            #expect(response.status == .unprocessableEntity, "\(response.text)")
            let reason = response.json["errors"]?.arrayValue?.first?["reason"]?.stringValue ?? ""
            #expect(reason.hasPrefix("list.csv:4"), "\(reason)")
            #expect(response.problemFields == ["code"])
            #expect(try await app.portfolioCounts()["initiatives"] == 1)
        }
    }

    @Test("A spreadsheet as Excel writes it imports, with a user's column mapping")
    func excel() async throws {
        let workbook = try ExcelWorkbook.make(rows: [
            [.text("Project No"), .text("Name"), .text("Status"), .text("Planned start"), .text("Capex budget"), .text("Comment")],
            [.text("XL-1"), .text("Warehouse automation"), .text("Active"), .date(46390), .number("1250000.5"), .inline("first")],
            [.text("XL-2"), .inline("Customer portal"), .text("proposed"), .empty, .number("300000"), .empty],
        ])
        try await withTestApp { app, people in
            let response = try await app.upload(.xlsx, workbook, fileName: "portfolio.xlsx", options: "{\"columns\": {\"Project No\": \"code\"}}",
                                                commit: true, as: people.pmo)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.count("created") == 2)
            let list = try await app.api(.GET, "/api/v1/initiatives?externalSource=xlsx&sort=code", as: people.viewer)
            #expect(list.items.map { $0["code"] } == [.string("XL-1"), .string("XL-2")])
            #expect(list.items[0]["plannedStart"] == .string("2027-01-03"))
            #expect(list.items[0]["capexBudget"] == .number(1_250_000.5))
            #expect(list.items[0]["status"] == .string("active"))

            let notZip = try await app.upload(.xlsx, Data("Code,Name\n".utf8), fileName: "fake.xlsx", commit: false, as: people.pmo)
            #expect(notZip.status == .unprocessableEntity)
            #expect(notZip.json["detail"]?.stringValue?.contains("fake.xlsx") == true)
        }
    }

    @Test("Re-importing a list keeps what the PMO set on fields the list does not hold")
    func ownedFields() async throws {
        try await withTestApp { app, people in
            _ = try await app.upload(.csv, Data("Code,Name\nK-1,Keep\n".utf8), fileName: "l.csv", commit: true, as: people.pmo)
            let list = try await app.api(.GET, "/api/v1/initiatives?externalSource=csv", as: people.pmo)
            let id = try #require(list.ids.first)
            let patched = try await app.api(.PATCH, "/api/v1/initiatives/\(id)", as: people.pmo, json: patchBody(["tier": .string("full")]),
                                             ifMatch: list.items[0]["version"]?.numberValue.map { Int($0) })
            #expect(patched.status == .ok, "\(patched.text)")
            let again = try await app.upload(.csv, Data("Code,Name\nK-1,Keep renamed\n".utf8), fileName: "l.csv", commit: true, as: people.pmo)
            #expect(again.count("updated") == 1)
            let record = try await app.api(.GET, "/api/v1/initiatives/\(id)", as: people.pmo)
            #expect(record.json["name"] == .string("Keep renamed"))
            #expect(record.json["tier"] == .string("full"))
        }
    }

    @Test("Bad requests: no file, wrong media type, unknown format, unreadable options")
    func badRequests() async throws {
        try await withTestApp { app, people in
            let json = try await app.api(.POST, "/api/v1/imports/csv", as: people.pmo, json: ["file": "x"])
            #expect(json.status == .unsupportedMediaType)
            let unknown = try await app.upload(.csv, Data(), fileName: "x", commit: true, as: people.pmo)
            #expect(unknown.status == .unprocessableEntity)
            let options = try await app.upload(.csv, Data("Code,Name\nA,B\n".utf8), fileName: "l.csv", options: "{\"epics\": \"sometimes\"}", commit: false, as: people.pmo)
            #expect(options.status == .unprocessableEntity)
            #expect(options.problemFields.first?.hasPrefix("options") == true)
        }
    }
}

extension JSONValue {
    var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}
