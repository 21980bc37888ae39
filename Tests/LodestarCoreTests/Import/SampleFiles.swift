import Foundation

/// The real files in `shared/samples/` beside the repository (as CI has it): MS Project XML saved by
/// several MS Project versions, and Jira API responses.
enum SampleFiles {
    static var directory: URL? {
        if let configured = ProcessInfo.processInfo.environment["LODESTAR_SAMPLES_DIR"] {
            return URL(fileURLWithPath: configured)
        }
        // Tests/LodestarCoreTests/Import/SampleFiles.swift → the repository → its sibling shared/samples.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let samples = repository.deletingLastPathComponent().appendingPathComponent("shared/samples")
        return FileManager.default.fileExists(atPath: samples.path) ? samples : nil
    }

    static func files(in folder: String, ext: String) -> [URL] {
        guard let directory else { return [] }
        let folder = directory.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".\(ext)") }.sorted().map { folder.appendingPathComponent($0) }
    }

    static func url(_ path: String) throws -> URL {
        guard let directory else { throw MissingSamples() }
        return directory.appendingPathComponent(path)
    }

    struct MissingSamples: Error, CustomStringConvertible {
        var description: String { "shared/samples is not beside the repository; set LODESTAR_SAMPLES_DIR" }
    }
}
