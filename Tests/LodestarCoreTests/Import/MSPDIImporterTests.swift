import Foundation
import Testing
@testable import LodestarCore

@Suite("MS Project XML import")
struct MSPDIImporterTests {
    @Test("The sample folder is found (CI has shared/ beside the repository)")
    func samplesArePresent() {
        #expect(SampleFiles.files(in: "mspdi", ext: "xml").count == 15)
    }

    @Test("Every sample saved by MS Project imports", arguments: SampleFiles.files(in: "mspdi", ext: "xml"))
    func everySampleImports(_ file: URL) throws {
        let plan = try MSPDIImporter().plan(fileAt: file, named: file.lastPathComponent)
        #expect(plan.initiatives.count == 1)
        #expect(plan.initiatives[0].fields.validate().isEmpty)
        #expect(plan.validationErrors().isEmpty)
        // The same bytes read from memory give the same plan as the streamed file.
        #expect(try MSPDIImporter().plan(data: Data(contentsOf: file), named: file.lastPathComponent) == plan)
    }

    @Test("Programme grouping: each top-level task is an initiative, links across them become dependencies")
    func programmeGrouping() throws {
        let file = try SampleFiles.url("mspdi/msp2007_resources_outlinecodes_costs.xml")
        let plan = try MSPDIImporter(options: .init(grouping: .programme)).plan(fileAt: file, named: "res.xml")
        #expect(plan.initiatives.count == 3)
        let dependency = try #require(plan.dependencies.first)
        #expect(plan.dependencies.count == 1)
        #expect(dependency.predecessorExternalID != dependency.successorExternalID)
        #expect(plan.initiatives.contains { $0.externalID == dependency.predecessorExternalID })
        #expect(dependency.description.hasPrefix("From MS Project: FS link"))
    }

    @Test("Programme grouping keeps codes unique when top-level tasks share a name")
    func uniqueCodes() throws {
        let file = try SampleFiles.url("mspdi/msp2013_links_FS_SS_FF_SF_lags.xml")
        let plan = try MSPDIImporter(options: .init(grouping: .programme)).plan(fileAt: file, named: "links.xml")
        #expect(Set(plan.initiatives.map(\.fields.code)).count == plan.initiatives.count)
        #expect(plan.dependencies.count == 8)
    }

    @Test("Links inside one project plan are reported as skipped, with their task UIDs")
    func linksInsideAProject() throws {
        let file = try SampleFiles.url("mspdi/msp2013_links_FS_SS_FF_SF_lags.xml")
        let plan = try MSPDIImporter().plan(fileAt: file, named: "links.xml")
        #expect(plan.dependencies.isEmpty)
        #expect(plan.skipped.filter { $0.reason.hasPrefix("link inside one initiative") }.count == 8)
    }

    @Test("Blank rows are skipped and named; material and cost resources do not become pools")
    func blankRowsAndResources() throws {
        let blank = try MSPDIImporter().plan(fileAt: try SampleFiles.url("mspdi/msp2007_null_blank_tasks.xml"), named: "null.xml")
        #expect(blank.skipped.filter { $0.reason == "blank row (IsNull)" }.count == 3)
        let resources = try MSPDIImporter().plan(fileAt: try SampleFiles.url("mspdi/msp2007_resources_outlinecodes_costs.xml"), named: "res.xml")
        #expect(!resources.pools.contains { $0.fields.name == "Concrete" })
        #expect(resources.skipped.contains { $0.reason.contains("Concrete") && $0.reason.contains("material") })
        #expect(resources.pools.allSatisfy { $0.fields.costRate >= 0 })
    }

    @Test("A project with no tasks still imports as an initiative without milestones")
    func noTasks() throws {
        let plan = try MSPDIImporter().plan(fileAt: try SampleFiles.url("mspdi/msp2010_calendars.xml"), named: "cal.xml")
        #expect(plan.milestones.isEmpty)
        #expect(plan.initiatives.count == 1)
    }

    @Test("Milestones keep baseline, forecast, actual date and progress; work becomes FTE per quarter")
    func scheduleAndDemand() throws {
        let xml = MSPDISampleGenerator.xml(tasks: 120, resources: 3)
        let plan = try MSPDIImporter().plan(data: Data(xml.utf8), named: "gen.xml")
        #expect(plan.initiatives[0].fields.plannedStart == Day(year: 2027, month: 1, day: 4))
        let milestones = plan.milestones.filter { $0.name.hasPrefix("Task") }
        #expect(milestones.map { String($0.externalID.suffix(3)) } == ["/25", "/50", "/75", "100"])
        #expect(milestones.allSatisfy { $0.baselineDate != nil })
        #expect(plan.milestones.filter { $0.name.hasPrefix("Phase") }.count == 3)
        #expect(plan.pools.map(\.fields.name).sorted() == ["Role 1", "Role 2", "Role 3"])
        let totalHours = plan.demands.reduce(0) { $0 + $1.fte } * MSPDIImporter.hoursPerFTEQuarter
        let workTasks = (1...120).filter { $0 % 50 != 1 && $0 % 25 != 0 }
        let expectedHours = workTasks.map { Double((1 + $0 % 5) * 8) }.reduce(0, +)
        #expect(abs(totalHours - expectedHours) < 2)
    }

    @Test("A 10,000-task plan is read completely")
    func largePlan() throws {
        let xml = MSPDISampleGenerator.xml(tasks: 10_000)
        let plan = try MSPDIImporter().plan(data: Data(xml.utf8), named: "big.xml")
        let milestoneTasks = (1...10_000).filter { $0 % 25 == 0 && $0 % 50 != 1 }
        #expect(plan.milestones.count == 200 + milestoneTasks.count)
        #expect(plan.pools.count == 25)
    }

    @Test("Durations and quarter shares are read as MS Project writes them")
    func valueFormats() {
        #expect(MSPDIImporter.hours("PT80H0M0S") == 80)
        #expect(MSPDIImporter.hours("PT7H30M0S") == 7.5)
        #expect(MSPDIImporter.hours("P1DT2H") == 26)
        #expect(MSPDIImporter.hours("garbage") == nil)
        let shares = MSPDIImporter.quarterShares(from: Day(year: 2027, month: 3, day: 31)!, to: Day(year: 2027, month: 4, day: 1)!)
        #expect(shares.map(\.0.description) == ["2027-Q1", "2027-Q2"])
        #expect(shares.map(\.1) == [0.5, 0.5])
        #expect(MSPDIImporter.code(from: "Office move: Phase 2") == "OFFICE-MOVE-PHASE-2")
    }
}
