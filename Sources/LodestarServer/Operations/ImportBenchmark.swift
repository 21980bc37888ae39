import Foundation
import LodestarCore
import Vapor

/// Times importing an MS Project XML plan into a fresh SQLite database: reading and mapping it,
/// then the whole import (read and write in one transaction), with the peak resident memory.
public enum ImportBenchmark {
    public struct Timing: Sendable {
        public var file: String
        public var bytes: Int
        public var readSeconds: Double
        public var importSeconds: Double
        public var records: Int
        public var peakResidentMB: Double
    }

    /// A generated plan of `generatedTasks` tasks (written to a temporary file first).
    public static func run(generatedTasks: Int) async throws -> Timing {
        try await withScratchDirectory { directory in
            let file = directory.appendingPathComponent("plan-\(generatedTasks).xml")
            try Data(MSPDISampleGenerator.xml(tasks: generatedTasks).utf8).write(to: file)
            return try await measure(file, in: directory)
        }
    }

    public static func run(file: URL) async throws -> Timing {
        try await withScratchDirectory { directory in try await measure(file, in: directory) }
    }

    private static func measure(_ file: URL, in directory: URL) async throws -> Timing {
        let bytes = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        resetPeakResident()
        let started = DispatchTime.now()
        _ = try ImportReading.plan(.mspdi, fileAt: file)
        let read = BenchmarkMeasurement.seconds(since: started)
        let config = try AppConfig.resolve(database: directory.appendingPathComponent("import.sqlite").path, host: nil, port: nil)
        let (outcome, imported) = try await Commands.withDatabase(config) { app in
            let started = DispatchTime.now()
            let outcome = try await Commands.importFile(app, format: .mspdi, file: file, options: ImportOptions(), commit: true)
            return (outcome, BenchmarkMeasurement.seconds(since: started))
        }
        return Timing(
            file: file.lastPathComponent, bytes: bytes, readSeconds: read, importSeconds: imported, records: outcome.created,
            peakResidentMB: peakResidentMB())
    }

    private static func withScratchDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lodestar-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory)
    }

    /// Starts the peak below from the memory in use now, so that an import measured after other work
    /// (`lodestar bench all`) reports its own peak (Linux: "5" to clear_refs resets VmHWM).
    private static func resetPeakResident() {
        try? Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
    }

    /// The peak resident memory since the last reset (Linux's VmHWM; 0 where /proc does not exist).
    static func peakResidentMB() -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }
}
