import Foundation
import Testing
@testable import LodestarCore

/// Files made to hurt the server, or simply broken: each is refused with an error that says where
/// and why, and never yields a plan.
@Suite("Hostile and broken files")
struct HostileFileTests {
    func mspdiError(_ xml: String, file: String = "bad.xml") -> ImportError? {
        do {
            _ = try MSPDIImporter().plan(data: Data(xml.utf8), named: file)
            return nil
        } catch let failure as ImportFailure {
            return failure.errors.first
        } catch {
            return ImportError(FileLocation(file: "?"), "unexpected \(error)")
        }
    }

    @Test("External entities (XXE) are refused before parsing")
    func externalEntity() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("lodestar-xxe-\(UUID().uuidString)")
        try Data("TOP SECRET".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE Project [ <!ENTITY leak SYSTEM "file://\(secret.path)"> ]>
            <Project><Title>&leak;</Title></Project>
            """
        let error = try #require(mspdiError(xml))
        #expect(error.location.line == 2)
        #expect(error.location.element == "DOCTYPE")
        #expect(error.reason.contains("entities"))
        #expect(!error.description.contains("TOP SECRET"))
    }

    @Test("An entity-expansion bomb (billion laughs) is refused")
    func billionLaughs() throws {
        var entities = "<!ENTITY lol \"lol\">"
        for level in 1...9 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Project [\(entities)]>\n<Project><Title>&lol9;</Title></Project>"
        let error = try #require(mspdiError(xml))
        #expect(error.reason.contains("entity bomb"))
    }

    @Test("An external DTD is refused")
    func externalDTD() throws {
        let error = try #require(mspdiError("<?xml version=\"1.0\"?>\n<!DOCTYPE Project SYSTEM \"http://127.0.0.1:1/x.dtd\">\n<Project/>"))
        #expect(error.reason.contains("external DTD"))
    }

    @Test("A truncated file names the line where it breaks off")
    func truncated() throws {
        let xml = MSPDISampleGenerator.xml(tasks: 60)
        let cut = String(xml.prefix(xml.count / 2))
        let error = try #require(mspdiError(cut, file: "cut.xml"))
        #expect(error.location.file == "cut.xml")
        #expect((error.location.line ?? 0) > 3)
        #expect(error.reason.contains("cut off"))
    }

    @Test("Malformed XML, another root element and an empty file are each explained")
    func malformed() throws {
        let unclosed = try #require(mspdiError("<?xml version=\"1.0\"?>\n<Project>\n<Tasks><Task><UID>1</Task></Tasks></Project>"))
        #expect(unclosed.location.line == 3)
        #expect(unclosed.reason == "closes </Task> where </UID> was expected")
        let wrongRoot = try #require(mspdiError("<?xml version=\"1.0\"?>\n<Workbook><Sheet/></Workbook>"))
        #expect(wrongRoot.reason.contains("expected <Project>"))
        let empty = try #require(mspdiError(""))
        #expect(empty.reason == "is empty")
        let notXML = try #require(mspdiError("{\"issues\": []}"))
        #expect(notXML.reason.contains("is this XML?"))
        let undefined = try #require(mspdiError("<Project><Title>&nbsp;</Title></Project>"))
        #expect(undefined.reason.contains("&nbsp;"))
    }

    @Test("Bytes that are not the declared encoding are an error with a line")
    func wrongEncoding() throws {
        var data = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Project>\n<Title>".utf8)
        data.append(contentsOf: [0xE9, 0x74, 0xE9]) // "été" in Latin-1, invalid as UTF-8
        data.append(Data("</Title></Project>".utf8))
        do {
            _ = try MSPDIImporter().plan(data: data, named: "latin1.xml")
            Issue.record("a Latin-1 file declared UTF-8 was accepted")
        } catch let failure as ImportFailure {
            #expect(failure.errors[0].location.line == 3)
            #expect(failure.errors[0].reason.contains("not UTF-8"))
        }
    }

    @Test("A task with a date that is not a date names the task and the field")
    func badField() throws {
        let xml = """
            <?xml version="1.0"?>
            <Project><Title>P</Title><Tasks>
            <Task><UID>7</UID><Name>Build</Name><OutlineLevel>1</OutlineLevel><Milestone>1</Milestone><Start>soon</Start><Finish>2027-01-01T08:00:00</Finish></Task>
            </Tasks></Project>
            """
        let error = try #require(mspdiError(xml))
        #expect(error.location.line == 3)
        #expect(error.location.element == "Task UID 7")
        #expect(error.field == "Start")
        #expect(error.reason.contains("'soon'"))
    }

    @Test("Jira: broken JSON names its line; a page without issues is explained")
    func jiraErrors() throws {
        do {
            _ = try JiraImporter().plan(data: Data("{\n  \"issues\": [\n    {\"key\": }\n]}".utf8), named: "page.json")
            Issue.record("broken JSON was accepted")
        } catch let failure as ImportFailure {
            #expect(failure.errors[0].location.file == "page.json")
            #expect(failure.errors[0].reason.hasPrefix("is not valid JSON"))
        }
        #expect(throws: ImportFailure.self) { try JiraImporter().plan(data: Data("{\"projects\": []}".utf8), named: "other.json") }
    }
}
