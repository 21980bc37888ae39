import ArgumentParser
import Foundation
import LodestarCore
import LodestarServer

/// `lodestar report`: reports built from the data.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Produce reports from the portfolio's data.", subcommands: [Status.self, ImpactReport.Impact.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The portfolio status report of the reporting period containing a date.",
            discussion: """
                Prints the period's final stored report; a period without one (or still running) gets a new build, \
                which is kept as a new version like every build.
                """)

        @OptionGroup var storage: DatabaseOptions
        @Option(help: "Any day of the period, YYYY-MM-DD (default: today).") var period: String?
        @Option(help: "One of: markdown, json, html.") var format: String = "markdown"
        @Flag(help: "Build a new version even if a final one is stored.") var rebuild = false

        func validate() throws {
            if let period, Day(period) == nil { throw ValidationError("--period must be a date in the form YYYY-MM-DD, not '\(period)'") }
            guard ReportCommands.Format(rawValue: format) != nil else {
                throw ValidationError("--format must be one of \(ReportCommands.Format.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            let day = period.flatMap { Day($0) } ?? Day.today()
            let text = try await Commands.withDatabase(try storage.config()) { app in
                try await ReportCommands.statusReport(app, day: day, format: ReportCommands.Format(rawValue: format)!, rebuild: rebuild)
            }
            print(text)
        }
    }
}
