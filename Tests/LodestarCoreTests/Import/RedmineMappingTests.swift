import Foundation
import Testing
@testable import LodestarCore

@Suite("Redmine mapping")
struct RedmineMappingTests {
    static let json = """
        {"projects": [{"id": 1, "name": "Data platform", "identifier": "data-platform", "description": "Lake", "status": 1},
                      {"id": 2, "name": "Old CRM", "identifier": "old-crm", "status": 5}],
         "versions": [{"id": 10, "project": {"id": 1}, "name": "Beta", "status": "closed", "due_date": "2027-02-01"},
                      {"id": 11, "project": {"id": 1}, "name": "GA", "status": "open", "due_date": null}],
         "issues": [{"id": 100, "project": {"id": 1}, "tracker": {"id": 4, "name": "Risk"}, "status": {"id": 1, "is_closed": false},
                     "priority": {"id": 3, "name": "High"}, "subject": "Vendor may slip", "done_ratio": 0},
                    {"id": 101, "project": {"id": 1}, "tracker": {"id": 1, "name": "Bug"}, "status": {"id": 5, "is_closed": true},
                     "priority": {"id": 2, "name": "Normal"}, "subject": "Fix login", "done_ratio": 100},
                    {"id": 102, "project": {"id": 1}, "tracker": {"id": 2, "name": "Feature"}, "status": {"id": 2, "is_closed": false},
                     "priority": {"id": 5, "name": "Immediate"}, "subject": "Outage", "done_ratio": 50}]}
        """

    struct Payload: Decodable {
        var projects: [RedmineMapping.Project]
        var versions: [RedmineMapping.Version]
        var issues: [RedmineMapping.Issue]
    }

    @Test("Projects become initiatives, dated versions milestones, issues progress and RAID items")
    func mapping() throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(Self.json.utf8))
        let plan = RedmineMapping.plan(.init(projects: payload.projects, versions: payload.versions, issues: payload.issues), server: "http://r")
        #expect(plan.initiatives.map(\.fields.code) == ["DATA-PLATFORM", "OLD-CRM"])
        #expect(plan.initiatives[0].fields.status == .active)
        #expect(plan.initiatives[0].progress == 0.5)
        #expect(plan.initiatives[1].fields.status == .completed)
        #expect(plan.milestones.map(\.name) == ["Beta"])
        #expect(plan.milestones[0].actualDate == Day(year: 2027, month: 2, day: 1))
        #expect(plan.skipped.map(\.reason) == ["version without a due date"])
        #expect(plan.raidItems.map(\.kind) == [.risk, .issue])
        #expect(plan.raidItems.map(\.impact) == [4, 5])
        #expect(plan.validationErrors().isEmpty)
        // Without issues (an incremental sync with nothing new) the status is left as it is.
        let quiet = RedmineMapping.plan(.init(projects: payload.projects, versions: [], issues: []), server: "http://r")
        #expect(!quiet.initiatives[0].ownedFields.contains("status"))
    }

    @Test("An incremental sync judges a project's progress from all its issues, not only the changed ones")
    func incremental() throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(Self.json.utf8))
        let changedRisk = payload.issues.filter { $0.id == 100 }   // open, 0 % done: alone it would say "approved"
        let judged = RedmineMapping.plan(
            .init(projects: payload.projects, versions: [], issues: changedRisk, progressIssues: [1: payload.issues]), server: "http://r")
        #expect(judged.initiatives[0].fields.status == .active)
        #expect(judged.initiatives[0].progress == 0.5)
        #expect(judged.initiatives[0].ownedFields.contains("status"))
        #expect(judged.raidItems.map(\.externalID) == ["issue:100"])
        let unjudged = RedmineMapping.plan(
            .init(projects: payload.projects, versions: [], issues: changedRisk, progressIssues: [:]), server: "http://r")
        #expect(!unjudged.initiatives[0].ownedFields.contains("status"))
        #expect(unjudged.initiatives[0].progress == nil)
    }
}
