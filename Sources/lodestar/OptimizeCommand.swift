import ArgumentParser
import Foundation
import LodestarCore
import LodestarServer

/// `lodestar optimize`: the portfolio optimiser on an instance of the shared benchmark format.
struct OptimizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Choose which initiatives to fund and when, and prove how far from the best that plan can be.",
        discussion: """
            Reads an instance in the format of bench/optimizer (schema_version 1) and prints a solution in the \
            format its validate.py checks, with the shadow prices of budget and capacity and the reason each \
            initiative was left out. The same instance gives the same answer unless the time limit cuts the run short.
            """)

    @Option(help: "Instance JSON file.") var instance: String
    @Option(help: "Seconds before the search stops with the best plan so far.") var timeLimit: Double = 60
    @Option(help: "Write the solution here instead of standard output.") var output: String?

    func validate() throws {
        guard timeLimit >= 0 else { throw ValidationError("--time-limit must not be negative") }
    }

    func run() async throws {
        let bench = try BenchInstance.decode(from: Data(contentsOf: URL(fileURLWithPath: instance)))
        let options = OptimiserOptions(timeLimit: timeLimit)
        let result = try PortfolioOptimiser.optimise(bench.problem, options: options)
        let solution = BenchSolution(
            result: result, instance: bench.name, solver: "lodestar \(LodestarVersion.current)", timeLimit: timeLimit)
        let data = try solution.encoded() + Data("\n".utf8)
        if let output {
            try data.write(to: URL(fileURLWithPath: output))
        } else {
            FileHandle.standardOutput.write(data)
        }
        let summary = "\(result.status.rawValue): value \(OptimisationResult.formatted(result.value)), "
            + "bound \(OptimisationResult.formatted(result.bound)), "
            + String(format: "gap %.2f %%, %.3f s", 100 * result.gap, result.seconds)
        FileHandle.standardError.write(Data((summary + "\n").utf8))
    }
}
