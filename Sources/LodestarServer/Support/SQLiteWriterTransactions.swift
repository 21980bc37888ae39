import FluentKit
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import NIOPosix
import SQLiteNIO

/// A SQLite database whose write transactions run on one connection of their own, take turns in this
/// process, and take the write lock when they begin (`BEGIN IMMEDIATE`).
///
/// - **Their own connection, thread and event loop.** Fluent's SQLite driver keeps one connection per
///   event loop, and runs every statement on the app's two-thread pool. A writer that held the turn
///   queued behind the reads of its loop for the connection, then behind everyone's statements for a
///   thread, then behind the HTTP work of its loop to go on; every other writer waited with it.
///   Transactions now use one connection of their own, whose statements run on a thread of their own
///   and whose answers arrive on an event loop of their own. One writing connection also keeps its
///   page cache: SQLite drops a connection's cache whenever another connection has committed.
/// - **Turns.** Writers of this process queue in a `WriteTurnstile` before they begin, so only writers
///   in other processes (a CLI command) ever wait in SQLite, with its sleeping busy timeout. The
///   driver's own busy handler retries without sleeping, spinning a core the lock holder needs.
/// - **`BEGIN IMMEDIATE`.** The driver begins transactions as deferred, so a transaction that reads
///   before it writes (every validated, versioned write does) holds a read snapshot when it asks for
///   the write lock; if another connection wrote in between, SQLite answers SQLITE_BUSY at once and
///   the write fails. Taking the lock first means a writer only ever waits, never fails.
struct SQLiteWriterDatabase: Database, SQLDatabase {
    /// How long a writer waits for another (another process included) before giving up.
    static let busyTimeoutMilliseconds = 10_000

    /// The readers' pool or, inside `withConnection` or a transaction, one connection.
    let base: any Database & SQLDatabase
    let writing: Writing
    /// True on the connection of a transaction begun here (the driver knows nothing of it).
    var transactionOpen = false
    /// True when `base` is one connection rather than the pool.
    var onOneConnection = false

    static func configuration(wrapping factory: DatabaseConfigurationFactory) -> DatabaseConfigurationFactory {
        DatabaseConfigurationFactory { Configuration(base: factory.make()) }
    }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        guard !inTransaction else { return closure(self) }
        let writing = self.writing
        let writer = writing.database(context: base.context)
        return writing.turnstile.inTurn(on: writer.eventLoop, patience: .milliseconds(Int64(Self.busyTimeoutMilliseconds))) {
            writer.withConnection { connection in
                guard let sql = connection as? any Database & SQLDatabase else { return connection.transaction(closure) }
                // Begun here rather than by the driver, whose deferred BEGIN would have to be ended and begun again.
                return writing.prepare(sql)
                    .flatMap { sql.raw("BEGIN IMMEDIATE TRANSACTION").run() }
                    .flatMap {
                        let outcome = closure(SQLiteWriterDatabase(base: sql, writing: writing, transactionOpen: true, onOneConnection: true))
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
        base.withConnection { [writing, transactionOpen] connection in
            guard let sql = connection as? any Database & SQLDatabase else { return closure(connection) }
            return writing.prepare(sql).flatMap {
                closure(SQLiteWriterDatabase(base: sql, writing: writing, transactionOpen: transactionOpen, onOneConnection: true))
            }
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
        if !inTransaction, query.action.writes {
            // A write takes its turn on the writers' connection, like a transaction of one statement:
            // on a reader's connection it would wait for the lock in SQLite's busy handler, asleep on one
            // of the database's two threads, which the lock's holder needs to finish.
            return transaction { $0.execute(query: query, onOutput: onOutput) }
        }
        return onPreparedConnection { $0.execute(query: query, onOutput: onOutput) }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { onPreparedConnection { $0.execute(schema: schema) } }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { onPreparedConnection { $0.execute(enum: `enum`) } }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        if !inTransaction, query is SQLInsert || query is SQLUpdate || query is SQLDelete {
            return transaction { ($0 as! any SQLDatabase).execute(sql: query, onRow) }
        }
        return onPreparedConnection { $0.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await execute(sql: query, onRow).get()
    }

    /// Runs `statement` on `base` once its connection has its settings.
    private func onPreparedConnection(_ statement: @escaping @Sendable (any Database & SQLDatabase) -> EventLoopFuture<Void>) -> EventLoopFuture<Void> {
        guard !onOneConnection else { return statement(base) }
        return base.withConnection { [writing] connection in
            guard let sql = connection as? any Database & SQLDatabase else { return connection.eventLoop.makeFailedFuture(NotSQL()) }
            return writing.prepare(sql).flatMap { statement(sql) }
        }
    }

    private struct NotSQL: Error {}

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession(closure)
    }

    /// What every handle on one database file shares: the writers' connection with its thread and event
    /// loop, their turnstile, and which connections have been given their settings.
    final class Writing: Sendable {
        let turnstile = WriteTurnstile()
        private let driver: any DatabaseDriver
        private let thread: NIOThreadPool
        private let loop: MultiThreadedEventLoopGroup
        private let prepared = NIOLockedValueBox<Set<ObjectIdentifier>>([])

        init(configuration: any DatabaseConfiguration) {
            thread = NIOThreadPool(numberOfThreads: 1)
            thread.start()
            loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            driver = configuration.makeDriver(for: Databases(threadPool: thread, on: loop))
        }

        func database(context: DatabaseContext) -> any Database {
            driver.makeDatabase(with: DatabaseContext(
                configuration: context.configuration, logger: context.logger, eventLoop: loop.next(),
                history: context.history, pageSizeLimit: context.pageSizeLimit, shouldTrace: context.shouldTrace))
        }

        /// Gives a connection SQLite's sleeping busy timeout the first time it is used. Connections
        /// live as long as their pool, so once each is enough; an autocommit write on a reader
        /// connection (another process's, or a statement SQLKit cannot tell is a write) needs it too.
        func prepare(_ connection: any Database & SQLDatabase) -> EventLoopFuture<Void> {
            guard let sqlite = connection as? any SQLiteDatabase else { return connection.eventLoop.makeSucceededVoidFuture() }
            return sqlite.withConnection { handle in
                let key = ObjectIdentifier(handle)
                guard !self.prepared.withLockedValue({ $0.contains(key) }) else { return handle.eventLoop.makeSucceededVoidFuture() }
                return handle.query("PRAGMA busy_timeout = \(SQLiteWriterDatabase.busyTimeoutMilliseconds)").map { _ in
                    _ = self.prepared.withLockedValue { $0.insert(key) }
                }
            }
        }

        func shutdown() {
            driver.shutdown()
            try? loop.syncShutdownGracefully()
            try? thread.syncShutdownGracefully()
        }

        func shutdownAsync() async {
            await driver.shutdownAsync()
            try? await loop.shutdownGracefully()
            try? await thread.shutdownGracefully()
        }
    }

    private struct Configuration: DatabaseConfiguration {
        var base: any DatabaseConfiguration
        var middleware: [any AnyModelMiddleware] {
            get { base.middleware }
            set { base.middleware = newValue }
        }

        func makeDriver(for databases: Databases) -> any DatabaseDriver {
            Driver(base: base.makeDriver(for: databases), writing: Writing(configuration: base))
        }
    }

    /// Made once per configured database file.
    private struct Driver: DatabaseDriver {
        let base: any DatabaseDriver
        let writing: Writing

        func makeDatabase(with context: DatabaseContext) -> any Database {
            let database = base.makeDatabase(with: context)
            return (database as? any Database & SQLDatabase).map { SQLiteWriterDatabase(base: $0, writing: writing) } ?? database
        }

        func shutdown() {
            writing.shutdown()
            base.shutdown()
        }

        func shutdownAsync() async {
            await writing.shutdownAsync()
            await base.shutdownAsync()
        }
    }
}

private extension DatabaseQuery.Action {
    var writes: Bool {
        switch self {
            case .create, .update, .delete: true
            case .read, .aggregate, .custom: false
        }
    }
}
