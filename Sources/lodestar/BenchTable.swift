import Foundation
import LodestarServer

/// The benchmark figures as a Markdown table, headed by the machine and the commit they were
/// measured on, so that runs can be compared.
struct BenchTable {
    struct Row {
        var measurement: String
        /// The database, or `engine` for pure computations.
        var on: String
        /// p50 for latencies, the median for repeated runs (seconds).
        var typical: Double
        /// p99 for latencies, the slowest for repeated runs (seconds).
        var worst: Double
        var runs: Int
        var detail: String
    }

    private var rows: [Row] = []

    mutating func add(_ row: Row) { rows.append(row) }

    func print() {
        Swift.print("Lodestar \(LodestarVersion.current) at commit \(Self.commit()) on \(Self.machine()), \(Self.timestamp())")
        Swift.print("")
        Swift.print("| measurement | on | p50 / median (ms) | p99 / worst (ms) | runs | detail |")
        Swift.print("|---|---|---:|---:|---:|---|")
        for row in rows {
            Swift.print("| \(row.measurement) | \(row.on) | \(Self.milliseconds(row.typical)) | \(Self.milliseconds(row.worst)) | \(row.runs) | \(row.detail) |")
        }
    }

    static func milliseconds(_ seconds: Double) -> String {
        seconds >= 10 ? String(format: "%.0f", seconds * 1000) : String(format: "%.1f", seconds * 1000)
    }

    /// `abc1234`, with `+changes` when the working tree differs from it; `unknown` outside a git checkout.
    static func commit() -> String {
        guard let head = run("git", "rev-parse", "--short", "HEAD") else { return "unknown" }
        let changes = run("git", "status", "--porcelain", "--untracked-files=no") ?? ""
        return changes.isEmpty ? head : "\(head)+changes"
    }

    static func machine() -> String {
        let processor = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown processor"
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        return "\(ProcessInfo.processInfo.operatingSystemVersionString), \(processor), "
            + "\(ProcessInfo.processInfo.activeProcessorCount) cores, " + String(format: "%.0f GiB", memory)
    }

    static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    private static func run(_ arguments: String...) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
