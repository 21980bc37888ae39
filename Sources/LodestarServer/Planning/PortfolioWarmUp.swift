import LodestarCore
import NIOConcurrencyHelpers
import Vapor

/// Reads the portfolio into the caches when the server starts, so the first people to open the
/// dashboard or a planning answer after a restart do not wait for a large portfolio to load.
/// Outside tests only; `LODESTAR_WARM_UP=off` skips it.
final class PortfolioWarmUp: LifecycleHandler, Sendable {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ application: Application) async throws {
        guard application.environment != .testing, Environment.get("LODESTAR_WARM_UP") != "off" else { return }
        let warming = Task { [weak application] in
            guard let application else { return }
            let started = Date()
            do {
                // The capacity picture reads every planning table, so this fills the planning cache too.
                _ = try await CapacityPicture.current(on: application)
                _ = try await Dashboard.compute(on: application.db, cache: application.snapshotCache)
                application.logger.info("portfolio caches warmed in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            } catch {
                application.logger.warning("could not warm the portfolio caches: \(String(reflecting: error))")
            }
        }
        task.withLockedValue { $0 = warming }
    }

    func shutdownAsync(_ application: Application) async {
        let warming = task.withLockedValue { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        warming?.cancel()
        await warming?.value
    }
}
