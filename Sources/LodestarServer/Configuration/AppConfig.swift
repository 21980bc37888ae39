import Foundation

/// Everything the server needs to start, from flags and environment variables. Invalid settings are
/// reported all at once, so a deployment is fixed in one round rather than one error at a time.
public struct AppConfig: Sendable, Equatable {
    public enum Storage: Sendable, Equatable {
        case sqliteFile(String)
        case sqliteMemory
        case postgres(url: String)

        public var description: String {
            switch self {
                case .sqliteFile(let path): "SQLite file \(path)"
                case .sqliteMemory: "SQLite in memory"
                case .postgres(let url): "PostgreSQL \(AppConfig.redacted(url))"
            }
        }
    }

    public var storage: Storage
    public var host: String
    public var port: Int
    /// Mark the session cookie `Secure`: on when Lodestar is served over TLS (directly or behind a proxy).
    public var secureCookies: Bool
    /// Believe `X-Forwarded-For` / `X-Forwarded-Proto`: only when a proxy you run sets them.
    public var trustProxy: Bool
    /// Bcrypt work factor; lower only in tests.
    public var passwordCost: Int
    public var sessionLifetime: TimeInterval
    public var environmentName: String
    /// Seconds between the job scheduler's looks for due slots.
    public var jobCheckInterval: TimeInterval = 60
    /// The governance job's slot in seconds: escalations, overdue decisions and webhook deliveries run
    /// once per slot across all instances.
    public var governanceInterval: Int = 300

    public init(
        storage: Storage = .sqliteFile("lodestar.sqlite"), host: String = "127.0.0.1", port: Int = 8080,
        secureCookies: Bool = false, trustProxy: Bool = false, passwordCost: Int = 12, sessionLifetime: TimeInterval = 8 * 3600,
        environmentName: String = "production"
    ) {
        self.storage = storage
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.trustProxy = trustProxy
        self.passwordCost = passwordCost
        self.sessionLifetime = sessionLifetime
        self.environmentName = environmentName
    }

    /// The storage a `--database` value or `DATABASE_URL` names: a postgres:// URL, `:memory:`, or a
    /// SQLite file path (optionally as `sqlite://path`).
    public static func storage(from value: String) throws -> Storage {
        if value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") {
            guard URL(string: value)?.host != nil else {
                throw ConfigError(problems: ["database: '\(redacted(value))' is not a valid PostgreSQL URL (postgres://user:password@host:5432/name)"])
            }
            return .postgres(url: value)
        }
        if value == ":memory:" { return .sqliteMemory }
        let path = value.hasPrefix("sqlite://") ? String(value.dropFirst("sqlite://".count)) : value
        guard !path.isEmpty else { throw ConfigError(problems: ["database: an empty path names no SQLite file"]) }
        return .sqliteFile(path)
    }

    /// Reads flags first, then `DATABASE_URL`, `LODESTAR_HOST`, `LODESTAR_PORT`, `LODESTAR_SECURE_COOKIES`,
    /// `LODESTAR_TRUST_PROXY`, `LODESTAR_ENV`, `LODESTAR_JOB_CHECK_SECONDS` and `LODESTAR_GOVERNANCE_SECONDS`.
    public static func resolve(
        database: String?, host: String?, port: Int?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> AppConfig {
        var config = AppConfig()
        var problems: [String] = []
        if let value = database ?? environment["DATABASE_URL"] {
            do { config.storage = try storage(from: value) } catch let error as ConfigError { problems += error.problems }
        }
        config.host = host ?? environment["LODESTAR_HOST"] ?? config.host
        if let port {
            config.port = port
        } else if let raw = environment["LODESTAR_PORT"] {
            if let value = Int(raw) { config.port = value } else { problems.append("LODESTAR_PORT: '\(raw)' is not a port number") }
        }
        if !(1...65535).contains(config.port) { problems.append("port: \(config.port) is not between 1 and 65535") }
        func flag(_ name: String) -> Bool? {
            guard let raw = environment[name] else { return nil }
            switch raw.lowercased() {
                case "1", "true", "yes": return true
                case "0", "false", "no": return false
                default:
                    problems.append("\(name): '\(raw)' is not true or false")
                    return nil
            }
        }
        config.secureCookies = flag("LODESTAR_SECURE_COOKIES") ?? config.secureCookies
        config.trustProxy = flag("LODESTAR_TRUST_PROXY") ?? config.trustProxy
        if let raw = environment["LODESTAR_ENV"] { config.environmentName = raw }
        if let raw = environment["LODESTAR_JOB_CHECK_SECONDS"] {
            if let seconds = Double(raw), seconds >= 0.1 { config.jobCheckInterval = seconds } else {
                problems.append("LODESTAR_JOB_CHECK_SECONDS: '\(raw)' is not a number of seconds of at least 0.1")
            }
        }
        if let raw = environment["LODESTAR_GOVERNANCE_SECONDS"] {
            if let seconds = Int(raw), seconds >= 1 { config.governanceInterval = seconds } else {
                problems.append("LODESTAR_GOVERNANCE_SECONDS: '\(raw)' is not a whole number of seconds of at least 1")
            }
        }
        if !problems.isEmpty { throw ConfigError(problems: problems) }
        return config
    }

    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "****"
        return components.string ?? url
    }
}

public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var problems: [String]
    public var description: String { "Invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n") }
}
