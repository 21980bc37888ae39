import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Data page")
struct ImportPageTests {
    func uploadForm(_ app: Application, _ session: WebSession, csv: String, csrf: String? = nil) async throws -> WebResponse {
        var body = MultipartBody()
        body.add("csrf", csrf ?? session.csrf)
        body.add("format", "csv")
        body.addFile(fileName: "list.csv", Data(csv.utf8))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: body.contentType)
        headers.replaceOrAdd(name: .cookie, value: session.cookieHeader)
        let response = try await app.testing().sendRequest(.POST, "/data/preview", headers: headers, body: ByteBuffer(data: body.data))
        return WebResponse(status: response.status, headers: response.headers, body: response.body.string)
    }

    @Test("The PMO uploads, previews and commits a list; the page names broken lines and saves nothing")
    func previewAndCommit() async throws {
        try await withTestApp { app, people in
            let session = try await app.signIn(people.pmo)
            let page = try await app.page(.GET, "/data", session: session)
            #expect(page.status == .ok)
            #expect(page.body.contains("enctype=\"multipart/form-data\""))
            #expect(page.body.contains("aria-current=\"page\""))

            let broken = try await uploadForm(app, session, csv: "Code,Name,Status\nA,Alpha,unknown\n")
            #expect(broken.status == .unprocessableEntity)
            #expect(broken.body.contains("list.csv:2"))
            #expect(try await app.portfolioCounts()["initiatives"] == 0)

            let preview = try await uploadForm(app, session, csv: "Code,Name\nA,Alpha <b>bold</b>\nB,Beta\n")
            #expect(preview.status == .ok)
            #expect(preview.body.contains("2 to create"))
            #expect(preview.body.contains("Alpha &lt;b&gt;"))
            #expect(try await app.portfolioCounts()["initiatives"] == 0)
            let upload = try #require(PageHTML.hiddenValue("upload", in: preview.body))

            let other = try await app.signIn(people.admin)
            let stolen = try await app.page(.POST, "/data/commit", session: other, form: [("csrf", other.csrf), ("upload", upload)])
            #expect(stolen.status == .notFound, "an upload is committed only by whoever uploaded it")

            let commit = try await app.page(.POST, "/data/commit", session: session, form: [("csrf", session.csrf), ("upload", upload)])
            #expect(commit.status == .seeOther)
            #expect(try await app.portfolioCounts()["initiatives"] == 2)
            let replay = try await app.page(.POST, "/data/commit", session: session, form: [("csrf", session.csrf), ("upload", upload)])
            #expect(replay.status == .notFound)
        }
    }

    @Test("An upload without the form's CSRF token is refused")
    func csrf() async throws {
        try await withTestApp { app, people in
            let session = try await app.signIn(people.pmo)
            let response = try await uploadForm(app, session, csv: "Code,Name\nA,Alpha\n", csrf: "forged")
            #expect(response.status == .forbidden)
            #expect(try await app.portfolioCounts()["initiatives"] == 0)
        }
    }

    @Test("Viewers see the exports but no import form, and cannot post one")
    func viewer() async throws {
        try await withTestApp { app, people in
            let session = try await app.signIn(people.viewer)
            let page = try await app.page(.GET, "/data", session: session)
            #expect(page.status == .ok)
            #expect(!page.body.contains("action=\"/data/preview\""))
            #expect(page.body.contains("/api/v1/exports/initiatives?format=csv"))
            let response = try await uploadForm(app, session, csv: "Code,Name\nA,Alpha\n")
            #expect(response.status == .forbidden)
        }
    }

    @Test("browser: upload a broken and a good list, preview, commit", .enabled(if: BrowserHarness.available, BrowserHarness.skipMessage))
    func browserFlow() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lodestar-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.csv"), bad = directory.appendingPathComponent("bad.csv")
        try Data("Project No,Name,Planned start\nBR-1,Browser one,2027-02-01\nBR-2,Browser two,\n".utf8).write(to: good)
        try Data("Project No,Name,Planned start\nBR-1,Browser one,2027-02-01\nBR-2,Browser two,next spring\n".utf8).write(to: bad)
        try await withTestApp { app, people in
            let result = try await BrowserHarness.runFlow(
                "import_flow.py", on: app, as: people.pmo, arguments: ["--good-file", good.path, "--bad-file", bad.path])
            #expect(result.status == 0, "browser flow output:\n\(result.output)")
            #expect(try await app.portfolioCounts()["initiatives"] == 2)
        }
    }
}
