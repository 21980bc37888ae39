import FluentKit

extension Database {
    /// A transaction for a short read-check-write body, run on the connection's event loop: see
    /// `EventLoopTaskExecutor`. Heavy computation belongs before the transaction, not in `body`.
    func writing<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await transaction { database in
            database.eventLoop.makeFutureWithTaskOnLoop { try await body(database) }
        }.get()
    }
}
