import ArgumentParser
import Foundation
import LodestarCore
import LodestarServer

/// `lodestar report impact`: the PMO's impact report (a subcommand of `ReportCommand`).
enum ImpactReport {
    struct Impact: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The PMO impact report for a date range (default: the year up to today), as Markdown or JSON.")

        @OptionGroup var storage: DatabaseOptions
        @Option(help: "First day, YYYY-MM-DD (default: a year before --to).") var from: String?
        @Option(help: "Last day, YYYY-MM-DD (default: today).") var to: String?
        @Option(help: "markdown or json.") var format: String = "markdown"

        func run() async throws {
            let first = try day(from, "--from"), last = try day(to, "--to")
            guard let format = Commands.ImpactReportFormat(rawValue: format) else { throw ValidationError("--format must be markdown or json") }
            let text = try await Commands.withDatabase(try storage.config()) { app in
                try await Commands.impactReport(app, from: first, to: last, format: format)
            }
            print(text)
        }
    }
}

/// `lodestar pmo …`: the PMO's own value.
struct PMO: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pmo", abstract: "The PMO's own value: KPIs computed from the portfolio.", subcommands: [ComputeKPIs.self])

    struct ComputeKPIs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compute-kpis",
            abstract: "Compute the portfolio-derived PMO KPIs as of a day and store them (running it twice for one day replaces that day's values).")

        @OptionGroup var storage: DatabaseOptions
        @Option(name: .customLong("as-of"), help: "The day, YYYY-MM-DD (default: today).") var asOf: String?

        func run() async throws {
            let day = try Lodestar.day(asOf, "--as-of") ?? Day.today()
            let lines = try await Commands.withDatabase(try storage.config()) { app in try await Commands.computePMOKPIs(app, asOf: day) }
            lines.forEach { print($0) }
        }
    }
}

extension Lodestar {
    static func day(_ text: String?, _ option: String) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day(text) else { throw ValidationError("\(option) must be a date such as 2027-03-31") }
        return day
    }
}

private func day(_ text: String?, _ option: String) throws -> Day? { try Lodestar.day(text, option) }
