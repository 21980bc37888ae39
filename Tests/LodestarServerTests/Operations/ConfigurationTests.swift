import Foundation
@testable import LodestarServer
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test func defaultsToTheSQLiteFileOnLoopback() throws {
        let config = try AppConfig.resolve(database: nil, host: nil, port: nil, environment: [:])
        #expect(config.storage == .sqliteFile("lodestar.sqlite"))
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(!config.secureCookies)
    }

    @Test func flagsWinOverTheEnvironment() throws {
        let environment = ["DATABASE_URL": "postgres://u:p@db:5432/x", "LODESTAR_PORT": "9000"]
        let config = try AppConfig.resolve(database: "/data/l.sqlite", host: "0.0.0.0", port: 8443, environment: environment)
        #expect(config.storage == .sqliteFile("/data/l.sqlite"))
        #expect(config.port == 8443)
        let fromEnvironment = try AppConfig.resolve(database: nil, host: nil, port: nil, environment: environment)
        #expect(fromEnvironment.storage == .postgres(url: "postgres://u:p@db:5432/x"))
    }

    @Test func everyInvalidSettingIsReportedAtOnce() {
        let environment = ["LODESTAR_PORT": "eighty", "LODESTAR_SECURE_COOKIES": "maybe", "DATABASE_URL": "postgres://"]
        #expect {
            try AppConfig.resolve(database: nil, host: nil, port: nil, environment: environment)
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.problems.count == 3
                && error.problems.contains { $0.hasPrefix("LODESTAR_PORT") }
                && error.problems.contains { $0.hasPrefix("LODESTAR_SECURE_COOKIES") }
                && error.problems.contains { $0.hasPrefix("database") }
        }
    }

    @Test func passwordsInDatabaseURLsAreNeverPrinted() {
        #expect(AppConfig.Storage.postgres(url: "postgres://lodestar:s3cret@db:5432/l").description == "PostgreSQL postgres://lodestar:****@db:5432/l")
    }

    @Test("PostgreSQL is reachable and migrates", .enabled(if: TestDatabase.postgresURL != nil, "skipped: LODESTAR_TEST_POSTGRES_URL is not set, so every PostgreSQL case was skipped"))
    func postgresMigrates() async throws {
        try await withTestApp(.postgres) { app, _ in
            let users = try await UserModel.query(on: app.db).count()
            let ready = try await app.api(.GET, "/ready", as: nil)
            #expect(users == 6)
            #expect(ready.status == .ok)
        }
    }
}
