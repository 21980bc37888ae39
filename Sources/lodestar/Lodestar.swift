import ArgumentParser
import Foundation
import LodestarCore
import LodestarServer

@main
struct Lodestar: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lodestar",
        abstract: "Lodestar: the strategic portfolio platform for a PMO that executives trust.",
        discussion: """
            Storage is a SQLite file (lodestar.sqlite) unless --database or DATABASE_URL names another file or a \
            postgres:// URL.
            """,
        version: LodestarVersion.current,
        subcommands: [
            Serve.self, Migrate.self, Demo.self, User.self, Token.self, OptimizeCommand.self,
            ScenarioCommand.self, ReportCommand.self, GovernanceCommand.self, PMO.self,
            ImportCommand.self, ExportCommand.self, BackupCommand.self, RestoreCommand.self, BenchCommand.self,
            MCPCommand.self,
        ]
    )
}

/// The storage options every command shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite file path, ':memory:', or postgres://user:password@host:5432/name (default: DATABASE_URL, else lodestar.sqlite).")
    var database: String?

    func config(host: String? = nil, port: Int? = nil) throws -> AppConfig {
        try AppConfig.resolve(database: database, host: host, port: port)
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web app and API (migrates the database first).",
        discussion: "Environment: DATABASE_URL, LODESTAR_HOST, LODESTAR_PORT, LODESTAR_SECURE_COOKIES, LODESTAR_TRUST_PROXY, LODESTAR_ENV, LOG_LEVEL, LODESTAR_JOBS, LODESTAR_JOB_CHECK_SECONDS, LODESTAR_GOVERNANCE_SECONDS.")

    @OptionGroup var storage: DatabaseOptions
    @Option(help: "Address to listen on (default 127.0.0.1, or LODESTAR_HOST).") var host: String?
    @Option(help: "Port to listen on (default 8080, or LODESTAR_PORT).") var port: Int?
    @Flag(help: "On an empty database, load a demo portfolio (~40 initiatives) and print the demo users' credentials.")
    var demo = false

    func run() async throws {
        try await Commands.serve(try storage.config(host: host, port: port), demo: demo)
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema, then exit.")

    @OptionGroup var storage: DatabaseOptions

    func run() async throws {
        let config = try storage.config()
        try await Commands.withDatabase(config) { _ in }
        print("Database is up to date: \(config.storage.description)")
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a realistic demo portfolio into an empty database.",
        discussion: "The same seed and size give the same portfolio. 10,000 initiatives is the scale fixture for benchmarks.")

    @OptionGroup var storage: DatabaseOptions
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Option(help: "Number of initiatives.") var initiatives: Int = 40

    func validate() throws {
        guard (1...100_000).contains(initiatives) else { throw ValidationError("--initiatives must be between 1 and 100000") }
    }

    func run() async throws {
        let config = try storage.config()
        let started = Date()
        let summary = try await Commands.withDatabase(config) { app in
            try await Commands.loadDemo(into: app, seed: seed, initiatives: initiatives) { step in
                FileHandle.standardError.write(Data("  wrote \(step)\n".utf8))
            }
        }
        print(Commands.credentialsText(summary))
        print(String(format: "Done in %.1f s.", Date().timeIntervalSince(started)))
    }
}

struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage users.", subcommands: [Create.self, List.self, ResetPassword.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user (prompts for the password unless --password-stdin).")

        @OptionGroup var storage: DatabaseOptions
        @Option(help: "Email address, used to sign in.") var email: String
        @Option(help: "Display name (default: the email's local part).") var name: String?
        @Option(help: "One of: \(Role.rawValues.joined(separator: ", ")).") var role: String
        @Flag(help: "Read the password from standard input.") var passwordStdin = false

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be one of \(Role.rawValues.joined(separator: ", "))")
            }
            let password = try readPassword(fromStdin: passwordStdin)
            let id = try await Commands.withDatabase(try storage.config()) { app in
                try await Commands.createUser(app, email: email, name: name, role: role, password: password)
            }
            print("Created \(role.rawValue) \(email) (\(id)).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")

        @OptionGroup var storage: DatabaseOptions

        func run() async throws {
            let users = try await Commands.withDatabase(try storage.config()) { app in try await Commands.listUsers(app) }
            for user in users {
                print("\(user.email.padding(toLength: 36, withPad: " ", startingAt: 0)) \(user.role.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(user.name)\(user.disabled ? " (disabled)" : "")")
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Set a new password (signs the user out everywhere).")

        @OptionGroup var storage: DatabaseOptions
        @Option(help: "The user's email.") var email: String
        @Flag(help: "Read the password from standard input.") var passwordStdin = false

        func run() async throws {
            let password = try readPassword(fromStdin: passwordStdin)
            try await Commands.withDatabase(try storage.config()) { app in
                try await Commands.resetPassword(app, email: email, password: password)
            }
            print("Password changed for \(email).")
        }
    }
}

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token for a user and print it once.")

        @OptionGroup var storage: DatabaseOptions
        @Option(help: "The user the token acts as.") var email: String
        @Option(help: "What the token is for.") var name: String = "command line"

        func run() async throws {
            let secret = try await Commands.withDatabase(try storage.config()) { app in
                try await Commands.createToken(app, email: email, name: name)
            }
            print(secret)
        }
    }
}

/// A password from standard input (one line) or typed at a prompt without echo.
func readPassword(fromStdin: Bool) throws -> String {
    if fromStdin {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw ValidationError("no password on standard input") }
        return line
    }
    guard let typed = getpass("Password: ").map({ String(cString: $0) }), !typed.isEmpty else {
        throw ValidationError("no password given")
    }
    guard let again = getpass("Password again: ").map({ String(cString: $0) }), again == typed else {
        throw ValidationError("the passwords differ")
    }
    return typed
}
