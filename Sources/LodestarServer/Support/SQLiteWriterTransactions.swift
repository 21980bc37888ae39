import FluentKit
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import Logging
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

    /// `factory` must open `file`, which the background checkpoints open too.
    static func configuration(wrapping factory: DatabaseConfigurationFactory, file: String) -> DatabaseConfigurationFactory {
        DatabaseConfigurationFactory { Configuration(base: factory.make(), file: file) }
    }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        guard !inTransaction else { return closure(self) }
        let writing = self.writing
        let writer = writing.database(context: base.context)
        return writing.turnstile.inTurn(on: writer.eventLoop, patience: .milliseconds(Int64(Self.busyTimeoutMilliseconds))) {
            writer.withConnection { connection in
                guard let sql = connection as? any Database & SQLDatabase else { return connection.transaction(closure) }
                // Begun here rather than by the driver, whose deferred BEGIN would have to be ended and begun again.
                return writing.prepare(sql, writer: true)
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
    /// loop, their turnstile, the background checkpoints, and which connections have been given their
    /// settings.
    ///
    /// **Checkpoints.** SQLite copies the write-ahead log back into the database file (and syncs the
    /// file) in whichever commit finds the log past 1,000 pages, while that writer holds the lock: on
    /// this kind of disk, a stall of tens to hundreds of milliseconds for every writer queued behind it.
    /// The writers' connection does not checkpoint; a connection of its own does, in the background, in
    /// SQLite's passive mode, which never waits for or blocks a writer.
    final class Writing: Sendable {
        static let checkpointInterval = TimeAmount.milliseconds(500)

        let turnstile = WriteTurnstile()
        private let driver: any DatabaseDriver
        private let thread: NIOThreadPool
        private let loop: MultiThreadedEventLoopGroup
        private let prepared = NIOLockedValueBox<Set<ObjectIdentifier>>([])
        private let checkpointThread: NIOThreadPool
        private let checkpoints = NIOLockedValueBox<(connection: SQLiteConnection?, task: RepeatedTask?)>((nil, nil))
        private let logger = Logger(label: "lodestar.sqlite.checkpoint")

        init(configuration: any DatabaseConfiguration, file: String) {
            thread = NIOThreadPool(numberOfThreads: 1)
            thread.start()
            checkpointThread = NIOThreadPool(numberOfThreads: 1)
            checkpointThread.start()
            loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            driver = configuration.makeDriver(for: Databases(threadPool: thread, on: loop))
            let task = loop.next().scheduleRepeatedAsyncTask(initialDelay: Self.checkpointInterval, delay: Self.checkpointInterval) { [self] _ in
                checkpoint(file: file)
            }
            checkpoints.withLockedValue { $0.task = task }
        }

        func database(context: DatabaseContext) -> any Database {
            driver.makeDatabase(with: DatabaseContext(
                configuration: context.configuration, logger: context.logger, eventLoop: loop.next(),
                history: context.history, pageSizeLimit: context.pageSizeLimit, shouldTrace: context.shouldTrace))
        }

        /// Gives a connection its settings the first time it is used: SQLite's sleeping busy timeout
        /// (an autocommit write on a reader connection, another process's or a statement SQLKit cannot
        /// tell is a write, needs it too) and, for the writers' connection, no checkpoints. Connections
        /// live as long as their pool, so once each is enough.
        func prepare(_ connection: any Database & SQLDatabase, writer: Bool = false) -> EventLoopFuture<Void> {
            guard let sqlite = connection as? any SQLiteDatabase else { return connection.eventLoop.makeSucceededVoidFuture() }
            return sqlite.withConnection { handle in
                let key = ObjectIdentifier(handle)
                guard !self.prepared.withLockedValue({ $0.contains(key) }) else { return handle.eventLoop.makeSucceededVoidFuture() }
                return handle.query("PRAGMA busy_timeout = \(SQLiteWriterDatabase.busyTimeoutMilliseconds)")
                    .flatMap { _ in writer ? handle.query("PRAGMA wal_autocheckpoint = 0").map { _ in } : handle.eventLoop.makeSucceededVoidFuture() }
                    .map { _ = self.prepared.withLockedValue { $0.insert(key) } }
            }
        }

        private func checkpoint(file: String) -> EventLoopFuture<Void> {
            let eventLoop = loop.next()
            let connection: EventLoopFuture<SQLiteConnection> = checkpoints.withLockedValue { $0.connection }.map { eventLoop.makeSucceededFuture($0) }
                ?? SQLiteConnection.open(storage: .file(path: file), threadPool: checkpointThread, logger: logger, on: eventLoop).map { opened in
                    self.checkpoints.withLockedValue { $0.connection = opened }
                    return opened
                }
            return connection
                .flatMap { $0.query("PRAGMA wal_checkpoint(PASSIVE)").map { _ in } }
                .recover { self.logger.warning("Background checkpoint failed (the next one will try again): \($0)") }
        }

        func shutdown() {
            let (connection, task) = stopCheckpoints()
            task?.cancel()
            try? connection?.close().wait()
            driver.shutdown()
            try? loop.syncShutdownGracefully()
            try? thread.syncShutdownGracefully()
            try? checkpointThread.syncShutdownGracefully()
        }

        func shutdownAsync() async {
            let (connection, task) = stopCheckpoints()
            task?.cancel()
            try? await connection?.close().get()
            await driver.shutdownAsync()
            try? await loop.shutdownGracefully()
            try? await thread.shutdownGracefully()
            try? await checkpointThread.shutdownGracefully()
        }

        private func stopCheckpoints() -> (SQLiteConnection?, RepeatedTask?) {
            checkpoints.withLockedValue { state in
                defer { state = (nil, nil) }
                return (state.connection, state.task)
            }
        }
    }

    private struct Configuration: DatabaseConfiguration {
        var base: any DatabaseConfiguration
        var file: String
        var middleware: [any AnyModelMiddleware] {
            get { base.middleware }
            set { base.middleware = newValue }
        }

        func makeDriver(for databases: Databases) -> any DatabaseDriver {
            Driver(base: base.makeDriver(for: databases), writing: Writing(configuration: base, file: file))
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
