import ArgumentParser
import Foundation
import LodestarServer

struct GovernanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "governance", abstract: "Governance: run the periodic work, report decision latency and escalations.",
        subcommands: [Run.self, Report.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the escalation rules, flag overdue decisions and deliver due webhooks (safe on several instances).")

        @OptionGroup var storage: DatabaseOptions

        func run() async throws {
            print(try await GovernanceCommands.run(try storage.config()))
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print decision latency by type, tier and month, and the escalations recorded.")

        @OptionGroup var storage: DatabaseOptions

        func run() async throws {
            print(try await GovernanceCommands.report(try storage.config()))
        }
    }
}
