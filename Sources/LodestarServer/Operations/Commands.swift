import Fluent
import NIOConcurrencyHelpers
import LodestarCore
import Vapor

/// What the `lodestar` command line does, behind a plain Swift API so the CLI stays thin and the
/// tests can call the same code.
public enum Commands {
    /// Boots an application on `config`'s database (migrated), runs `body`, and always shuts down.
    /// `logToStandardError` keeps standard output for the command's own protocol (`lodestar mcp`).
    public static func withDatabase<T>(
        _ config: AppConfig, migrate: Bool = true, logToStandardError: Bool = false, _ body: (Application) async throws -> T
    ) async throws -> T {
        var environment = Environment(name: config.environmentName, arguments: ["lodestar"])
        try LoggingSystem.bootstrapOnce(from: &environment, toStandardError: logToStandardError)
        let app = try await Application.make(environment)
        do {
            try await configure(app, config: config)
            if migrate { try await app.autoMigrate() }
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// `lodestar serve`: migrate, optionally load the demo, then serve until interrupted.
    public static func serve(_ config: AppConfig, demo: Bool) async throws {
        var environment = Environment(
            name: config.environmentName,
            arguments: ["lodestar", "serve", "--hostname", config.host, "--port", String(config.port)])
        try LoggingSystem.bootstrapOnce(from: &environment)
        let app = try await Application.make(environment)
        do {
            try await configure(app, config: config)
            app.logger.info("Lodestar \(LodestarVersion.current) on \(config.storage.description)")
            try await app.autoMigrate()
            if demo { try await loadDemoIfEmpty(app) }
            try await app.execute()
            // Vapor stops the HTTP server and the databases in one step, in no set order: requests still
            // being answered then found no database and the process crashed. The server is stopped
            // first, so every request it accepted is answered (or given up after its shutdown timeout).
            await app.server.shutdown()
            try await app.asyncShutdown()
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            throw error
        }
    }

    static func loadDemoIfEmpty(_ app: Application) async throws {
        guard let summary = try await loadDemoIfEmpty(app, initiatives: 40) else {
            app.logger.notice("--demo: the database already holds a portfolio; nothing was added.")
            return
        }
        print(credentialsText(summary))
    }

    /// Loads the demo portfolio (seed 42) when the database holds no initiative; nil when it held some.
    public static func loadDemoIfEmpty(
        _ app: Application, initiatives: Int, progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> DemoLoader.Summary? {
        guard try await InitiativeModel.query(on: app.db).count() == 0 else { return nil }
        return try await loadDemo(into: app, seed: 42, initiatives: initiatives, progress: progress)
    }

    /// `lodestar demo`: generates and stores a portfolio; returns what was written.
    public static func loadDemo(
        into app: Application, seed: UInt64, initiatives: Int, today: Day = Day.today(),
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> DemoLoader.Summary {
        let portfolio = DemoGenerator.generate(seed: seed, initiatives: initiatives, today: today)
        let password = Secrets.token().prefix(16).description
        let hash = try await app.password.async.hash(password)
        var summary = try await DemoLoader.load(portfolio, password: password, passwordHash: hash, into: app.db, progress: progress)
        summary.records += try await PMOValueDemoLoader.load(portfolio, seed: seed, today: today, into: app.db)
        return summary
    }

    public static func credentialsText(_ summary: DemoLoader.Summary) -> String {
        var lines = ["", "Demo portfolio loaded (\(summary.records) records). Sign in as any of these users with the password:", "",
                     "    \(summary.password)", ""]
        var shown: [Role: Int] = [:]
        for user in summary.users where shown[user.role, default: 0] < 2 {
            shown[user.role, default: 0] += 1
            lines.append("    \(user.role.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(user.email)")
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }

    /// Changes made on the command line are audited as made by it: whoever ran it had the database.
    static func commandLineCaller(_ label: String) -> Caller {
        Caller(user: UserModel(id: UUID(), email: label, name: "command line", role: .admin, passwordHash: ""), credential: .commandLine)
    }

    public static func createUser(_ app: Application, email: String, name: String?, role: Role, password: String) async throws -> UUID {
        let display = name ?? String(email.split(separator: "@").first ?? "")
        let hash = try await app.password.async.hash(password)
        let user = try await UserAccounts.create(
            email: email, name: display, role: role, password: password, passwordHash: hash,
            by: commandLineCaller("cli"), on: app.db)
        return user.id!
    }

    public struct UserLine: Sendable {
        public var email: String
        public var name: String
        public var role: Role
        public var disabled: Bool
    }

    public static func listUsers(_ app: Application) async throws -> [UserLine] {
        try await UserModel.query(on: app.db).sort(\.$email).all().map {
            UserLine(email: $0.email, name: $0.name, role: $0.role, disabled: $0.disabled)
        }
    }

    public static func resetPassword(_ app: Application, email: String, password: String) async throws {
        guard let user = try await UserModel.query(on: app.db).filter(\.$email == UserModel.normalise(email: email)).first() else {
            throw CommandError("No user has the email \(email).")
        }
        let problems = UserAccounts.issues(email: nil, name: nil, password: password)
        if !problems.isEmpty { throw CommandError(problems.map(\.description).joined(separator: "; ")) }
        user.passwordHash = try await app.password.async.hash(password)
        user.version += 1
        try await app.db.transaction { database in
            try await user.save(on: database)
            try await SessionModel.query(on: database).filter(\.$user.$id == user.id!).delete()
            try await AuditLog.record(
                .update, entity: "users", id: user.id!, before: .object(["password": .string("(previous)")]),
                after: .object(["password": .string("(changed)")]), by: commandLineCaller("cli"), on: database)
        }
    }

    public static func createToken(_ app: Application, email: String, name: String) async throws -> String {
        guard let user = try await UserModel.query(on: app.db).filter(\.$email == UserModel.normalise(email: email)).first() else {
            throw CommandError("No user has the email \(email). Create one with `lodestar user create`.")
        }
        return try await AccountController.createToken(for: user.id!, name: name, by: commandLineCaller("cli"), on: app.db).1
    }
}

public struct CommandError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension LoggingSystem {
    private static let bootstrapped = NIOLockedValueBox(false)

    /// The logging system may be bootstrapped once per process; tests and commands may ask twice.
    static func bootstrapOnce(from environment: inout Environment, toStandardError: Bool = false) throws {
        let first = bootstrapped.withLockedValue { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        if toStandardError {
            try bootstrap(from: &environment) { level in
                { label in
                    var handler = StreamLogHandler.standardError(label: label)
                    handler.logLevel = level
                    return handler
                }
            }
        } else {
            try bootstrap(from: &environment)
        }
    }
}

extension Problem: CustomStringConvertible {
    var description: String {
        ([detail] + issues.map { "  - \($0.description)" }).joined(separator: "\n")
    }
}
