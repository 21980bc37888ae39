import ArgumentParser
import LodestarServer

struct ScenarioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario", abstract: "List, run, compare and promote what-if scenarios.",
        subcommands: [List.self, Run.self, Compare.self, Promote.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List scenarios with their last run.")
        @OptionGroup var storage: DatabaseOptions

        func run() async throws {
            print(try await Commands.withDatabase(try storage.config()) { try await ScenarioCommands.list($0) })
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Optimise the plan under a scenario's changes and keep the run.")
        @OptionGroup var storage: DatabaseOptions
        @Argument(help: "The scenario's name or id.") var scenario: String
        @Option(help: "Seconds the optimiser may take (0.1–600).") var timeLimit: Double = 5
        @Flag(help: "Print the whole outcome as JSON.") var json = false

        func validate() throws {
            guard (0.1...600).contains(timeLimit) else { throw ValidationError("--time-limit must be between 0.1 and 600 seconds.") }
        }

        func run() async throws {
            print(try await Commands.withDatabase(try storage.config()) {
                try await ScenarioCommands.run($0, scenario, timeLimit: timeLimit, json: json)
            })
        }
    }

    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compare the latest runs of 2–6 scenarios.")
        @OptionGroup var storage: DatabaseOptions
        @Argument(help: "Scenario names or ids.") var scenarios: [String]

        func validate() throws {
            guard (2...6).contains(scenarios.count) else { throw ValidationError("Name 2 to 6 scenarios.") }
        }

        func run() async throws {
            print(try await Commands.withDatabase(try storage.config()) { try await ScenarioCommands.compare($0, scenarios) })
        }
    }

    struct Promote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a scenario's latest run the plan: a recorded decision, every change audited.")
        @OptionGroup var storage: DatabaseOptions
        @Argument(help: "The scenario's name or id.") var scenario: String
        @Option(help: "Why this is the plan (the decision's rationale).") var reason: String
        @Option(name: .customLong("as"), help: "Email of the PMO or admin user taking the decision.") var email: String

        func run() async throws {
            print(try await Commands.withDatabase(try storage.config()) {
                try await ScenarioCommands.promote($0, scenario, reason: reason, as: email)
            })
        }
    }
}
