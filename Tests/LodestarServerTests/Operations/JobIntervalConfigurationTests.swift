import Foundation
@testable import LodestarServer
import Testing

@Suite("Job intervals: how often the scheduler looks, and the governance slot")
struct JobIntervalConfigurationTests {
    @Test("The defaults are a look a minute and five-minute governance slots; the environment may shorten both")
    func intervalsComeFromTheEnvironment() throws {
        let defaults = try AppConfig.resolve(database: nil, host: nil, port: nil, environment: [:])
        #expect(defaults.jobCheckInterval == 60 && defaults.governanceInterval == 300)
        let short = try AppConfig.resolve(database: nil, host: nil, port: nil,
                                          environment: ["LODESTAR_JOB_CHECK_SECONDS": "0.2", "LODESTAR_GOVERNANCE_SECONDS": "1"])
        #expect(short.jobCheckInterval == 0.2 && short.governanceInterval == 1)
    }

    @Test("Invalid intervals are both reported at once")
    func invalidIntervalsAreReported() {
        #expect {
            try AppConfig.resolve(database: nil, host: nil, port: nil,
                                  environment: ["LODESTAR_JOB_CHECK_SECONDS": "0", "LODESTAR_GOVERNANCE_SECONDS": "soon"])
        } throws: { error in
            let problems = (error as? ConfigError)?.problems ?? []
            return problems.count == 2 && problems[0].hasPrefix("LODESTAR_JOB_CHECK_SECONDS") && problems[1].hasPrefix("LODESTAR_GOVERNANCE_SECONDS")
        }
    }

    @Test("A governance slot is named by its start, the same for every instant inside it")
    func slotsAreStable() {
        let start = Date(timeIntervalSince1970: 1_795_311_300)  // 2026-11-22T01:35:00Z
        #expect(PortfolioJobs.slot(start, every: 300) == "2026-11-22T01:35:00")
        #expect(PortfolioJobs.slot(start.addingTimeInterval(299), every: 300) == "2026-11-22T01:35:00")
        #expect(PortfolioJobs.slot(start.addingTimeInterval(300), every: 300) == "2026-11-22T01:40:00")
        #expect(PortfolioJobs.slot(start.addingTimeInterval(1), every: 1) == "2026-11-22T01:35:01")
    }
}
