import ArgumentParser
import Foundation
import LodestarCore
import LodestarServer

/// `lodestar bench`: every speed figure the issues set a target for, in one table that names the
/// machine and the commit, so runs can be compared. Build with `-c release` for real figures.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Lodestar and print the figures as a table with the machine and the commit.",
        discussion: """
            Without a subcommand, runs them all: latency of the answers on a large demo portfolio (SQLite, and \
            PostgreSQL with --postgres), the Monte Carlo forecast, the optimiser on the instances given, and imports. \
            Build with `swift build -c release` first: a debug build is many times slower.
            """,
        subcommands: [All.self, Latency.self, Forecast.self, Optimize.self, Import.self],
        defaultSubcommand: All.self)

    struct All: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "all", abstract: "Every measurement below, in one table.")

        @OptionGroup var latency: LatencyOptions
        @Option(help: "Monte Carlo trials over the generated portfolio.") var trials = 10_000
        @Option(name: .customLong("optimizer-instance"), help: "An optimiser instance (bench/optimizer format); repeatable.")
        var optimizerInstances: [String] = []
        @Option(help: "Seconds the optimiser may search on each instance (default: its target, 1 s up to 1,000 initiatives, else 5 s).")
        var timeLimit: Double?
        @Option(name: .customLong("import-file"), help: "An MS Project XML file to time importing; repeatable.")
        var importFiles: [String] = []
        @Option(help: "Tasks in the generated MS Project plan that is imported as well.") var tasks = 10_000

        func run() async throws {
            var table = BenchTable()
            try await latency.measure(into: &table)
            table.add(Forecast.measure(initiatives: latency.initiatives, trials: trials))
            for instance in optimizerInstances { table.add(try Optimize.measure(instance, timeLimit: timeLimit)) }
            for row in try await Import.measure(files: importFiles, generatedTasks: tasks) { table.add(row) }
            table.print()
        }
    }

    struct Latency: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "p50 and p99 of the dashboard, the portfolio list, an initiative page, the strategy map and a scenario run.",
            discussion: """
                Writes into the databases it measures: an API token, a scenario with its runs, and changes to one \
                initiative's actual cost, which it puts back. Point it at a copy, not at production.
                """)

        @OptionGroup var latency: LatencyOptions

        func run() async throws {
            var table = BenchTable()
            try await latency.measure(into: &table)
            table.print()
        }
    }

    struct Forecast: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The Monte Carlo forecast over a generated portfolio (engine only).")

        @Option(help: "Initiatives in the generated portfolio.") var initiatives = 10_000
        @Option(help: "Trials.") var trials = 10_000

        func run() async throws {
            var table = BenchTable()
            table.add(Self.measure(initiatives: initiatives, trials: trials))
            table.print()
        }

        static func measure(initiatives: Int, trials: Int) -> BenchTable.Row {
            let timing = ReportingBenchmark.monteCarlo(initiatives: initiatives, trials: trials, repeats: 3)
            return BenchTable.Row(
                measurement: timing.label, on: "engine", typical: timing.p50, worst: timing.worst, runs: timing.seconds.count,
                detail: initiatives == 10_000 && trials == 10_000 ? "target < 2 s" : "")
        }
    }

    struct Optimize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The optimiser on instances of the bench/optimizer format: time, value, proven bound and gap.",
            discussion: "bench/optimizer/run.sh generates instances and compares with HiGHS.")

        @Argument(help: "Instance files.") var instances: [String]
        @Option(help: "Seconds the optimiser may search on each (default: its target, 1 s up to 1,000 initiatives, else 5 s).")
        var timeLimit: Double?

        func run() async throws {
            var table = BenchTable()
            for instance in instances { table.add(try Self.measure(instance, timeLimit: timeLimit)) }
            table.print()
        }

        static func measure(_ path: String, timeLimit: Double?) throws -> BenchTable.Row {
            let bench = try BenchInstance.decode(from: Data(contentsOf: URL(fileURLWithPath: path)))
            let limit = timeLimit ?? (bench.problem.initiatives.count <= 1_000 ? 1 : 5)
            let result = try PortfolioOptimiser.optimise(bench.problem, options: OptimiserOptions(timeLimit: limit))
            return BenchTable.Row(
                measurement: "optimiser, \(bench.name) (\(bench.problem.initiatives.count) initiatives)", on: "engine",
                typical: result.seconds, worst: result.seconds, runs: 1,
                detail: "limit \(OptimisationResult.formatted(limit)) s; value \(OptimisationResult.formatted(result.value)), bound \(OptimisationResult.formatted(result.bound)), "
                    + String(format: "gap %.2f %%", 100 * result.gap))
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time reading and importing MS Project XML files into a fresh database, and a generated plan of --tasks tasks.")

        @Argument(help: "MS Project XML files (e.g. the largest of the samples).") var files: [String] = []
        @Option(help: "Tasks in the generated plan.") var tasks = 10_000

        func run() async throws {
            var table = BenchTable()
            for row in try await Self.measure(files: files, generatedTasks: tasks) { table.add(row) }
            table.print()
        }

        static func measure(files: [String], generatedTasks: Int) async throws -> [BenchTable.Row] {
            var rows: [BenchTable.Row] = []
            for file in files {
                let timing = try await ImportBenchmark.run(file: URL(fileURLWithPath: file))
                rows.append(Self.row(timing, label: "import \(URL(fileURLWithPath: file).lastPathComponent)"))
            }
            if generatedTasks > 0 {
                let timing = try await ImportBenchmark.run(generatedTasks: generatedTasks)
                rows.append(Self.row(timing, label: "import of a generated MS Project plan, \(generatedTasks) tasks"))
            }
            return rows
        }

        static func row(_ timing: ImportBenchmark.Timing, label: String) -> BenchTable.Row {
            BenchTable.Row(
                measurement: label, on: "SQLite", typical: timing.importSeconds, worst: timing.importSeconds, runs: 1,
                detail: "\(timing.bytes / 1024) KB, \(timing.records) records; reading alone "
                    + String(format: "%.0f ms; peak memory %.0f MB", timing.readSeconds * 1000, timing.peakResidentMB))
        }
    }
}

/// Where the latency is measured: a SQLite file (made with the demo portfolio when missing), and
/// PostgreSQL when a URL is given.
struct LatencyOptions: ParsableArguments {
    @Option(help: "SQLite file to measure on; the demo portfolio is written into it when it does not exist.")
    var database = FileManager.default.temporaryDirectory.appendingPathComponent("lodestar-bench-10000.sqlite").path
    @Option(help: "A PostgreSQL URL to measure on as well (its database gets the demo portfolio when empty).") var postgres: String?
    @Option(help: "Initiatives in the demo portfolio.") var initiatives = 10_000
    @Option(help: "Requests per read answer.") var reads = 50
    @Option(help: "Scenario runs.") var scenarioRuns = 10

    func measure(into table: inout BenchTable) async throws {
        var targets = [("SQLite", database)]
        if let postgres { targets.append(("PostgreSQL", postgres)) }
        // The measurements are of answers to requests: no scheduled job or cache warm-up runs beside them.
        setenv("LODESTAR_JOBS", "off", 1)
        setenv("LODESTAR_WARM_UP", "off", 1)
        for (name, location) in targets {
            let config = try AppConfig.resolve(database: location, host: nil, port: nil)
            let measurements = try await Commands.withDatabase(config) { app in
                if try await Commands.loadDemoIfEmpty(app, initiatives: initiatives, progress: { Self.progress("\(name): \($0)") }) != nil {
                    Self.progress("\(name): loaded the demo portfolio of \(initiatives) initiatives")
                }
                return try await LatencyBenchmark.run(
                    app, options: .init(reads: reads, scenarioRuns: scenarioRuns), progress: { Self.progress("\(name): \($0)") })
            }
            for measurement in measurements {
                table.add(BenchTable.Row(
                    measurement: measurement.label, on: name, typical: measurement.p50, worst: measurement.p99,
                    runs: measurement.seconds.count, detail: measurement.note))
            }
        }
    }

    static func progress(_ line: String) {
        FileHandle.standardError.write(Data("\(line)\n".utf8))
    }
}
