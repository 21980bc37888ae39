import Fluent
import Foundation
import LodestarCore
import SQLKit
import Vapor

/// What `lodestar import`, `export`, `backup` and `restore` do.
extension Commands {
    /// Imports a file (or previews it), as the command line: audited as `cli`.
    public static func importFile(
        _ app: Application, format: ImportFormat, file: URL, options: ImportOptions, commit: Bool
    ) async throws -> ImportOutcome {
        let plan = try ImportReading.plan(format, fileAt: file, options: options)
        return try await ImportService(caller: commandLineCaller("cli"), database: app.db).run(plan, format: format.rawValue, commit: commit)
    }

    /// The whole database as a versioned JSON archive.
    public static func exportArchive(_ app: Application) async throws -> Data {
        let archive = try await DatabaseArchive.export(from: app.db, version: LodestarVersion.current)
        return try archiveEncoder.encode(archive)
    }

    /// Restores an archive into an empty (freshly migrated) database; returns the number of rows.
    public static func importArchive(_ app: Application, data: Data) async throws -> Int {
        let archive: DatabaseArchive
        do {
            archive = try archiveDecoder.decode(DatabaseArchive.self, from: data)
        } catch {
            throw CommandError("The file is not a Lodestar archive: \(error)")
        }
        do {
            try await archive.restore(into: app.db)
        } catch let error as ArchiveError {
            throw CommandError(error.description)
        }
        return archive.rowCount
    }

    static let archiveEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let archiveDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// A consistent copy of a live SQLite database, taken while the server keeps writing: `VACUUM INTO`
    /// reads one snapshot of the WAL database and writes a compact, self-contained file.
    public static func backup(_ config: AppConfig, to destination: URL) async throws -> String {
        switch config.storage {
            case .sqliteFile:
                guard !FileManager.default.fileExists(atPath: destination.path) else {
                    throw CommandError("\(destination.path) exists; choose a new file name so no backup is overwritten.")
                }
                try await withDatabase(config, migrate: false) { app in
                    guard let sql = app.db as? any SQLDatabase else { throw CommandError("The database does not speak SQL.") }
                    try await sql.raw("VACUUM INTO \(bind: destination.path)").run()
                }
                return "Backed up \(config.storage.description) to \(destination.path)."
            case .sqliteMemory:
                throw CommandError("An in-memory database has nothing to back up.")
            case .postgres:
                throw CommandError("""
                    For PostgreSQL use its own online backup, which is consistent while the server writes:
                        pg_dump --format=custom --file=\(destination.path) "$DATABASE_URL"
                    and restore it into an empty database with:
                        pg_restore --dbname="$DATABASE_URL" --no-owner \(destination.path)
                    (or `lodestar export --all` for a database-independent archive).
                    """)
        }
    }

    /// Puts a backup in place of a SQLite database file that does not exist yet (or is replaced with
    /// `force`), after checking the backup is an intact Lodestar database.
    public static func restore(_ config: AppConfig, from backup: URL, force: Bool) async throws -> String {
        guard case .sqliteFile(let path) = config.storage else {
            throw CommandError("`lodestar restore` restores SQLite backups; for PostgreSQL use pg_restore (see `lodestar backup`).")
        }
        guard FileManager.default.fileExists(atPath: backup.path) else { throw CommandError("\(backup.path) does not exist.") }
        let check = AppConfig(storage: .sqliteFile(backup.path))
        let verdict: String = try await withDatabase(check, migrate: false) { app in
            guard let sql = app.db as? any SQLDatabase else { throw CommandError("The backup does not speak SQL.") }
            let result = try await sql.raw("PRAGMA integrity_check").first()?.decode(column: "integrity_check", as: String.self) ?? "?"
            let hasMigrations = try await sql.raw("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = '_fluent_migrations'").first()?
                .decode(column: "n", as: Int.self) ?? 0
            return hasMigrations == 0 ? "not a Lodestar database" : result
        }
        guard verdict == "ok" else { throw CommandError("\(backup.path) cannot be restored: \(verdict).") }
        let target = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: path) {
            guard force else { throw CommandError("\(path) exists; stop the server and pass --force to replace it.") }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        try FileManager.default.copyItem(at: backup, to: target)
        return "Restored \(backup.path) to \(path)."
    }
}
