import Foundation
import Testing
@testable import LodestarCore

@Suite("Jira import")
struct JiraImporterTests {
    @Test("Every Jira sample imports", arguments: SampleFiles.files(in: "jira", ext: "json"))
    func everySampleImports(_ file: URL) throws {
        let plan = try JiraImporter().plan(data: Data(contentsOf: file), named: file.lastPathComponent)
        #expect(!plan.initiatives.isEmpty)
        #expect(plan.validationErrors().isEmpty)
        let asMilestones = try JiraImporter(options: .init(epics: .milestones)).plan(data: Data(contentsOf: file), named: file.lastPathComponent)
        #expect(!asMilestones.initiatives.isEmpty)
    }

    @Test("Issues outside epics give their project's initiative its progress")
    func projectProgress() throws {
        let file = try SampleFiles.url("jira/jira-cloud_search_changelog_25issues.json")
        let plan = try JiraImporter().plan(data: Data(contentsOf: file), named: "search.json")
        #expect(plan.initiatives.count == 1)
        let project = plan.initiatives[0]
        #expect(project.externalID.hasPrefix("project:"))
        let progress = try #require(project.progress)
        #expect(progress > 0 && progress < 1)
        #expect(project.location.line != nil)
    }

    @Test("The agile API's epic becomes an initiative (done), or a milestone of its project")
    func agileEpic() throws {
        let data = try Data(contentsOf: try SampleFiles.url("jira/jira-cloud_agile_sprint-issues_changelog.json"))
        let plan = try JiraImporter(options: .init(storyPointsField: "customfield_10105")).plan(data: data, named: "sprint.json")
        let epic = try #require(plan.initiatives.first { $0.externalID == "AR-37" })
        #expect(epic.fields.name == "Moderation design")
        #expect(epic.fields.status == .completed)
        #expect(epic.progress == 1)
        let milestones = try JiraImporter(options: .init(epics: .milestones)).plan(data: data, named: "sprint.json")
        let milestone = try #require(milestones.milestones.first { $0.externalID == "AR-37" })
        #expect(milestone.initiativeExternalID == "project:AR")
        #expect(milestone.actualDate == Day(year: 2015, month: 12, day: 7))
    }

    @Test("Story points that are not numbers name the issue and the field")
    func badStoryPoints() throws {
        let json = """
            {"issues": [
              {"key": "X-1", "fields": {"summary": "A", "customfield_1": "lots", "status": {"statusCategory": {"key": "new"}}}}
            ]}
            """
        do {
            _ = try JiraImporter(options: .init(storyPointsField: "customfield_1")).plan(data: Data(json.utf8), named: "p.json")
            Issue.record("accepted")
        } catch let failure as ImportFailure {
            #expect(failure.errors[0].location.line == 2)
            #expect(failure.errors[0].location.element == "issue X-1")
            #expect(failure.errors[0].field == "customfield_1")
        }
    }
}
