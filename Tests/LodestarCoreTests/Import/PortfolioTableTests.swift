import Foundation
import Testing
@testable import LodestarCore

@Suite("CSV and portfolio tables")
struct PortfolioTableTests {
    func rows(_ text: String) throws -> [TableRow] { try CSVReader().rows(Data(text.utf8), file: "list.csv") }

    func failure(_ body: () throws -> Any) -> ImportError? {
        do { _ = try body(); return nil } catch let failure as ImportFailure { return failure.errors.first } catch { return nil }
    }

    @Test("RFC 4180: quotes, doubled quotes, line breaks inside quotes, CRLF; rows keep their first line")
    func rfc4180() throws {
        let parsed = try rows("Code,Name\r\nA,\"Say \"\"hi\"\"\"\r\nB,\"two\nlines\"\r\nC,plain")
        #expect(parsed.map(\.cells) == [["Code", "Name"], ["A", "Say \"hi\""], ["B", "two\nlines"], ["C", "plain"]])
        #expect(parsed.map(\.number) == [1, 2, 3, 5])
    }

    @Test("Semicolon-separated files (Excel in comma-decimal locales) and a byte-order mark are read")
    func semicolonsAndBOM() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("Code;Name\nA;Alpha, the first\n".utf8))
        #expect(try CSVReader().rows(data, file: "x.csv").map(\.cells) == [["Code", "Name"], ["A", "Alpha, the first"]])
    }

    @Test("Broken CSV: an unclosed quote, a stray quote, another encoding, a huge cell")
    func brokenCSV() throws {
        let unclosed = try #require(failure { try rows("Code,Name\nA,\"open\nB,x\n") })
        #expect(unclosed.location.line == 2)
        #expect(unclosed.reason.contains("closing quote"))
        let stray = try #require(failure { try rows("Code,Name\nA,ab\"c\n") })
        #expect(stray.location.line == 2)
        let latin1 = try #require(failure { try CSVReader().rows(Data([0x43, 0x0A, 0xE9, 0x0A]), file: "l.csv") })
        #expect(latin1.location.line == 2)
        #expect(latin1.reason.contains("UTF-8"))
        let huge = try #require(failure { try rows("Code,Name\nA," + String(repeating: "x", count: 70_000) + "\n") })
        #expect(huge.reason.contains("longer than"))
        #expect(huge.location.line == 2)
    }

    @Test("Documented headers map to fields; the user's mapping renames others; re-imports match on the external id")
    func mapping() throws {
        let table = try rows("Project No,Name,Status,Planned start,Capex budget,Notes\nP-1,Ledger,On hold,2027-01-04,1500.5,ignored\n")
        let plan = try PortfolioTable(source: "csv", mapping: ["Project No": .code]).plan(rows: table, file: "list.csv")
        let initiative = try #require(plan.initiatives.first)
        #expect(initiative.fields.code == "P-1")
        #expect(initiative.fields.status == .onHold)
        #expect(initiative.fields.plannedStart == Day(year: 2027, month: 1, day: 4))
        #expect(initiative.fields.capexBudget == 1500.5)
        #expect(initiative.externalID == "P-1")
        #expect(Set(initiative.ownedFields) == ["code", "name", "status", "plannedStart", "capexBudget", "externalSource", "externalID"])
        #expect(plan.skipped.contains { $0.reason.contains("'Notes'") })
    }

    @Test("Bad values name the line, the column and the reason; a missing required column is explained")
    func badValues() throws {
        let table = try rows("Code,Name,Status,Planned start,Opex budget\nA,Alpha,maybe,31/01/2027,lots\n")
        do {
            _ = try PortfolioTable(source: "csv").plan(rows: table, file: "list.csv")
            Issue.record("accepted")
        } catch let failure as ImportFailure {
            #expect(Set(failure.errors.map { $0.field ?? "" }) == ["Status", "Planned start", "Opex budget"])
            #expect(failure.errors.allSatisfy { $0.location.line == 2 })
        }
        let missing = try #require(failure { try PortfolioTable(source: "csv").plan(rows: try rows("Name\nAlpha\n"), file: "l.csv") })
        #expect(missing.field == "code")
    }

    @Test("Excel serial dates are read as days")
    func excelDates() {
        #expect(PortfolioTable.day("46390") == Day(year: 2027, month: 1, day: 3))
    }

    @Test("The template's example row imports")
    func template() throws {
        let plan = try PortfolioTable(source: "csv").plan(rows: try rows(PortfolioTable.templateCSV), file: "template.csv")
        #expect(plan.initiatives.count == 1)
    }
}
