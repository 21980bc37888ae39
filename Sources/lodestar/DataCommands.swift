import ArgumentParser
import Foundation
import LodestarCore
import LodestarServer

/// `lodestar import mspdi|jira|xlsx|csv FILE [--dry-run]` and `lodestar import --all ARCHIVE`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import MS Project XML, Jira JSON, Excel or CSV; or restore a whole archive with --all.",
        discussion: """
            Records are matched by their ids in the source, so importing the same file again updates what it \
            created. Everything is written in one transaction: on any error nothing changes, and every error \
            names the file, line or element, field and reason. --dry-run lists what would change.
            """)

    @OptionGroup var storage: DatabaseOptions
    @Argument(help: "mspdi, jira, xlsx or csv.") var format: String?
    @Argument(help: "The file to import.") var file: String?
    @Option(name: .customLong("all"), help: "Restore this archive (from `lodestar export --all`) into an empty database.")
    var archive: String?
    @Flag(help: "Show what would be created, updated and skipped; write nothing.") var dryRun = false
    @Option(help: "ImportOptions as JSON, e.g. '{\"grouping\":\"programme\"}' or '{\"columns\":{\"Project No\":\"code\"}}'.")
    var options: String?
    @Flag(help: "List every record, not only the totals.") var verbose = false

    func validate() throws {
        if archive != nil {
            guard format == nil, file == nil else { throw ValidationError("--all takes the archive; give no format or file") }
            return
        }
        guard let format, ImportFormat(rawValue: format) != nil else {
            throw ValidationError("give a format: \(ImportFormat.rawValues.joined(separator: ", ")) (or --all ARCHIVE)")
        }
        guard file != nil else { throw ValidationError("give the file to import") }
    }

    func run() async throws {
        let config = try storage.config()
        if let archive {
            let data = try Data(contentsOf: URL(fileURLWithPath: archive))
            let rows = try await Commands.withDatabase(config) { app in try await Commands.importArchive(app, data: data) }
            print("Restored \(rows) rows from \(archive) into \(config.storage.description).")
            return
        }
        let format = ImportFormat(rawValue: format!)!
        let parsed = try options.map { try JSONDecoder().decode(ImportOptions.self, from: Data($0.utf8)) } ?? ImportOptions()
        let started = Date()
        do {
            let outcome = try await Commands.withDatabase(config) { app in
                try await Commands.importFile(app, format: format, file: URL(fileURLWithPath: file!), options: parsed, commit: !dryRun)
            }
            if verbose || dryRun {
                for line in outcome.lines {
                    print("\(line.action.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(line.entity.padding(toLength: 14, withPad: " ", startingAt: 0)) \(line.name)  \(line.detail)")
                }
            }
            print((dryRun ? "Dry run, nothing written: " : "Imported \(file!): ") + outcome.summary
                  + String(format: " (%.2f s).", Date().timeIntervalSince(started)))
        } catch let failure as ImportFailure {
            FileHandle.standardError.write(Data("Nothing was imported:\n\(failure.description)\n".utf8))
            throw ExitCode(65)
        }
    }
}

/// `lodestar export --all --output FILE`, or one list as CSV/JSON.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the whole database as a versioned JSON archive (--all).",
        discussion: "The archive holds every table, including tables added by later versions; `lodestar import --all` restores it into an empty database.")

    @OptionGroup var storage: DatabaseOptions
    @Flag(help: "Every table of the database.") var all = false
    @Option(help: "Where to write the archive.") var output: String

    func validate() throws {
        guard all else { throw ValidationError("--all is required (lists are exported from the Data page or /api/v1/exports)") }
    }

    func run() async throws {
        let data = try await Commands.withDatabase(try storage.config()) { app in try await Commands.exportArchive(app) }
        guard !FileManager.default.fileExists(atPath: output) else { throw ValidationError("\(output) exists; choose a new file") }
        try data.write(to: URL(fileURLWithPath: output))
        print("Wrote \(output) (\(data.count / 1024) KB).")
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Take a consistent online backup of the SQLite database (safe while the server writes).")

    @OptionGroup var storage: DatabaseOptions
    @Option(help: "The backup file to create.") var output: String

    func run() async throws {
        print(try await Commands.backup(try storage.config(), to: URL(fileURLWithPath: output)))
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore a SQLite backup taken with `lodestar backup` (stop the server first).")

    @OptionGroup var storage: DatabaseOptions
    @Argument(help: "The backup file.") var backup: String
    @Flag(help: "Replace an existing database file.") var force = false

    func run() async throws {
        print(try await Commands.restore(try storage.config(), from: URL(fileURLWithPath: backup), force: force))
    }
}

