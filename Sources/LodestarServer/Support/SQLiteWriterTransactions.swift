import FluentKit
import NIOCore
import SQLKit

/// A SQLite database whose transactions take the write lock when they begin (`BEGIN IMMEDIATE`) and wait
/// for it in turn (in this process) or with SQLite's sleeping busy timeout (for other processes).
///
/// Fluent's SQLite driver begins transactions as deferred, so a transaction that reads before it writes
/// (every validated, versioned write does) holds a read snapshot when it asks for the write lock. If
/// the app's other connection wrote in between, SQLite cannot wait — the snapshot is stale — and
/// answers SQLITE_BUSY ("database is locked") at once: under concurrent writes many creates failed with
/// HTTP 500. Taking the lock first means a writer only ever waits, never fails. The driver's own busy
/// handler retries without sleeping, spinning a core the lock holder needs; `busy_timeout` replaces it.
/// Writers of this process take turns in a `WriteTurnstile` before they begin, so only writers in other
/// processes ever wait in SQLite.
struct SQLiteWriterDatabase: Database, SQLDatabase {
    /// How long a writer waits for another (another process included) before giving up.
    static let busyTimeoutMilliseconds = 10_000

    let base: any Database & SQLDatabase
    let turnstile: WriteTurnstile
    /// True on the connection of a transaction begun here (the driver knows nothing of it).
    var transactionOpen = false

    static func configuration(wrapping factory: DatabaseConfigurationFactory) -> DatabaseConfigurationFactory {
        DatabaseConfigurationFactory { Configuration(base: factory.make()) }
    }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        guard !inTransaction else { return closure(self) }
        let turnstile = self.turnstile
        return turnstile.inTurn(on: eventLoop, patience: .milliseconds(Int64(Self.busyTimeoutMilliseconds))) {
            base.withConnection { connection in
                guard let sql = connection as? any Database & SQLDatabase else { return connection.transaction(closure) }
                // Begun here rather than by the driver, whose deferred BEGIN would have to be ended and begun again.
                return sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(Self.busyTimeoutMilliseconds))").run()
                    .flatMap { sql.raw("BEGIN IMMEDIATE TRANSACTION").run() }
                    .flatMap {
                        let outcome = closure(SQLiteWriterDatabase(base: sql, turnstile: turnstile, transactionOpen: true))
                        return outcome
                            .flatMap { _ in sql.raw("COMMIT TRANSACTION").run() }
                            .flatMapError { error in
                                sql.raw("ROLLBACK TRANSACTION").run()
                                    .flatMapErrorThrowing { _ in throw error }   // the first failure is the one to report
                                    .flatMapThrowing { throw error }
                            }
                            .flatMap { outcome }
                    }
            }
        }
    }

    func withConnection<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.withConnection { [turnstile, transactionOpen] connection in
            closure((connection as? any Database & SQLDatabase).map {
                SQLiteWriterDatabase(base: $0, turnstile: turnstile, transactionOpen: transactionOpen)
            } ?? connection)
        }
    }

    // Everything else is the driver's.

    var context: DatabaseContext { base.context }
    var inTransaction: Bool { transactionOpen || base.inTransaction }
    var logger: Logger { base.context.logger }
    var eventLoop: any EventLoop { base.context.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        base.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { base.execute(schema: schema) }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { base.execute(enum: `enum`) }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await base.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession(closure)
    }

    private struct Configuration: DatabaseConfiguration {
        var base: any DatabaseConfiguration
        var middleware: [any AnyModelMiddleware] {
            get { base.middleware }
            set { base.middleware = newValue }
        }

        func makeDriver(for databases: Databases) -> any DatabaseDriver { Driver(base: base.makeDriver(for: databases)) }
    }

    private struct Driver: DatabaseDriver {
        let base: any DatabaseDriver
        /// One per database file (the driver is made once per configured database).
        let turnstile = WriteTurnstile()

        func makeDatabase(with context: DatabaseContext) -> any Database {
            let database = base.makeDatabase(with: context)
            return (database as? any Database & SQLDatabase).map { SQLiteWriterDatabase(base: $0, turnstile: turnstile) } ?? database
        }

        func shutdown() { base.shutdown() }
        func shutdownAsync() async { await base.shutdownAsync() }
    }
}
