import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

@Suite("Account API: users, the signed-in user and API tokens")
struct AccountAPITests {
    static func newUser(_ email: String = "Dana.Lee@Example.org", role: Role = .owner, password: String = "a long enough secret") -> UserController.NewUser {
        UserController.NewUser(email: email, name: "Dana Lee", role: role, password: password)
    }

    /// Somebody authenticating with `token` instead of their fixture token.
    static func bearer(_ token: String, for person: Fixture.Person) -> Fixture.Person {
        Fixture.Person(id: person.id, email: person.email, role: person.role, token: token)
    }

    /// Creates an API token as `person` and returns its id and secret.
    static func createToken(_ app: Application, as person: Fixture.Person, name: String = "CI pipeline") async throws -> (id: UUID, secret: String) {
        let response = try await app.api(.POST, "/api/v1/tokens", as: person, json: ["name": name])
        #expect(response.status == .created, "\(response.text)")
        let id = try #require(response.json["token"]?["id"]?.stringValue.flatMap(UUID.init(uuidString:)))
        return (id, try #require(response.json["secret"]?.stringValue))
    }

    // MARK: - users

    @Test("users: an admin creates one (email normalised, no password in sight), reads it, and the creation is audited", arguments: TestDatabase.available)
    func createUser(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let created = try await app.api(.POST, "/api/v1/users", as: people.admin, json: Self.newUser())
            #expect(created.status == .created)
            #expect(created.etag == "\"1\"")
            let id = try #require(created.id)
            #expect(created.json["email"] == .string("dana.lee@example.org"))
            #expect(created.json["role"] == .string("owner"))
            #expect(created.json["disabled"] == .bool(false))
            #expect(!created.text.contains("password") && !created.text.contains("a long enough secret"))

            let read = try await app.api(.GET, "/api/v1/users/\(id)", as: people.viewer)
            #expect(read.status == .ok)
            #expect(read.json["name"] == .string("Dana Lee"))
            #expect(try await app.api(.GET, "/api/v1/users/\(UUID())", as: people.viewer).status == .notFound)

            let trail = try await auditTrail(app, people, "users", id)
            #expect(trail.map { $0["action"]?.stringValue } == ["create"])
            #expect(trail.first?["actorEmail"] == .string(people.admin.email))
            #expect(!(trail.first?.jsonText.contains("a long enough secret") ?? true))
        }
    }

    @Test("users: a short password, a bad email, a taken email and an empty name are 422s; only admins create", arguments: TestDatabase.available)
    func createUserRules(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            expectInvalid(try await app.api(.POST, "/api/v1/users", as: people.admin, json: Self.newUser(password: "too short")), fields: ["password"])
            expectInvalid(try await app.api(.POST, "/api/v1/users", as: people.admin, json: Self.newUser("dana.example.org")), fields: ["email"])
            expectInvalid(try await app.api(.POST, "/api/v1/users", as: people.admin, json: Self.newUser("dana@localhost")), fields: ["email"])
            var unnamed = Self.newUser()
            unnamed.name = " "
            expectInvalid(try await app.api(.POST, "/api/v1/users", as: people.admin, json: unnamed), fields: ["name"])
            // Emails are compared without case or surrounding spaces.
            expectInvalid(try await app.api(.POST, "/api/v1/users", as: people.admin, json: Self.newUser(" PMO@example.org ")), fields: ["email"])
            expectInvalid(try await app.api(.POST, "/api/v1/users", as: people.admin,
                                            json: AnyBody(.object(["email": .string("x@example.org"), "name": .string("X"), "role": .string("root"),
                                                                   "password": .string("a long enough secret")]))),
                          fields: ["role"])

            #expect(try await app.api(.POST, "/api/v1/users", as: people.pmo, json: Self.newUser()).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/users", as: people.executive, json: Self.newUser()).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/users", as: nil, json: Self.newUser()).status == .unauthorized)
            #expect(try await app.api(.GET, "/api/v1/users?limit=500", as: people.viewer).total == 6)
        }
    }

    @Test("users: an admin changes a role at the version read; stale 412, missing 428; the new role applies at once", arguments: TestDatabase.available)
    func changeRole(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let path = "/api/v1/users/\(people.viewer.id)"
            let promote = ["role": "pmo"]
            #expect(try await app.api(.PATCH, path, as: people.pmo, json: promote, ifMatch: 1).status == .forbidden)
            #expect(try await app.api(.PATCH, path, as: people.admin, json: promote).status == .preconditionRequired)
            #expect(try await app.api(.PATCH, "/api/v1/users/\(UUID())", as: people.admin, json: promote, ifMatch: 1).status == .notFound)

            // Before: a viewer cannot write.
            let pool = ResourcePool(name: "Data engineering")
            #expect(try await app.api(.POST, apiPath("pools"), as: people.viewer, json: pool).status == .forbidden)

            let changed = try await app.api(.PATCH, path, as: people.admin, json: promote, ifMatch: 1)
            #expect(changed.status == .ok)
            #expect(changed.json["role"] == .string("pmo"))
            #expect(changed.version == 2)
            #expect(changed.etag == "\"2\"")
            let stale = try await app.api(.PATCH, path, as: people.admin, json: ["role": "executive"], ifMatch: 1)
            #expect(stale.status == .preconditionFailed)
            #expect(stale.json["type"] == .string("/problems/stale-version"))
            #expect(try await app.api(.GET, path, as: people.viewer).json["role"] == .string("pmo"))

            // After: the same token now carries the new role.
            #expect(try await app.api(.GET, "/api/v1/me", as: people.viewer).json["role"] == .string("pmo"))
            #expect(try await app.api(.POST, apiPath("pools"), as: people.viewer, json: pool).status == .created)

            let trail = try await auditTrail(app, people, "users", people.viewer.id)
            #expect(trail.first?["action"] == .string("update"))
            #expect(trail.first?["changes"]?["role"]?["before"] == .string("viewer"))
            #expect(trail.first?["changes"]?["role"]?["after"] == .string("pmo"))
        }
    }

    @Test("users: an admin cannot remove their own admin access; a disabled account's tokens stop working", arguments: TestDatabase.available)
    func adminSafetyAndDisabling(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let own = try await app.api(.PATCH, "/api/v1/users/\(people.admin.id)", as: people.admin, json: ["role": "pmo"], ifMatch: 1)
            expectInvalid(own, fields: ["role"])
            #expect(try await app.api(.GET, "/api/v1/me", as: people.admin).json["role"] == .string("admin"))

            #expect(try await app.api(.GET, "/api/v1/me", as: people.owner).status == .ok)
            let disabled = try await app.api(.PATCH, "/api/v1/users/\(people.owner.id)", as: people.admin, json: ["disabled": true], ifMatch: 1)
            #expect(disabled.status == .ok)
            #expect(disabled.json["disabled"] == .bool(true))
            #expect(try await app.api(.GET, "/api/v1/me", as: people.owner).status == .unauthorized)
        }
    }

    @Test("users: concurrent changes at one version: exactly one wins", arguments: TestDatabase.available)
    func concurrentUserChanges(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await app.api(.PATCH, "/api/v1/users/\(people.viewer.id)", as: people.admin,
                                          json: ["name": "Writer \(index)"], ifMatch: 1).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .preconditionFailed }.count == 7, "\(statuses)")
            #expect(try await app.api(.GET, "/api/v1/users/\(people.viewer.id)", as: people.admin).version == 2)
        }
    }

    // MARK: - me

    @Test("me: every role reads itself; anonymous and forged tokens get 401", arguments: TestDatabase.available)
    func me(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            for person in [people.admin, people.pmo, people.executive, people.owner, people.viewer] {
                let me = try await app.api(.GET, "/api/v1/me", as: person)
                #expect(me.status == .ok)
                #expect(me.id == person.id)
                #expect(me.json["email"] == .string(person.email))
                #expect(me.json["role"] == .string(person.role.rawValue))
            }
            let anonymous = try await app.api(.GET, "/api/v1/me", as: nil)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers.contentType?.subType == "problem+json")
            #expect(try await app.api(.GET, "/api/v1/me", as: Self.bearer("lsk_forged", for: people.admin)).status == .unauthorized)
        }
    }

    // MARK: - tokens

    @Test("tokens: a new token's secret authenticates; its owner revokes it and it stops working", arguments: TestDatabase.available)
    func tokenLifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let created = try await app.api(.POST, "/api/v1/tokens", as: people.owner, json: ["name": "CI pipeline"])
            #expect(created.status == .created)
            let id = try #require(created.json["token"]?["id"]?.stringValue.flatMap(UUID.init(uuidString:)))
            let secret = try #require(created.json["secret"]?.stringValue)
            #expect(secret.hasPrefix("lsk_"))
            #expect(created.json["token"]?["prefix"] == .string(String(secret.prefix(10))))
            #expect(created.json["token"]?["name"] == .string("CI pipeline"))

            let viaToken = Self.bearer(secret, for: people.owner)
            let me = try await app.api(.GET, "/api/v1/me", as: viaToken)
            #expect(me.status == .ok)
            #expect(me.id == people.owner.id)

            // The list names the token but never shows the secret again.
            let listed = try await app.api(.GET, "/api/v1/tokens", as: people.owner)
            guard case .array(let tokens) = listed.json else { Issue.record("tokens is not an array: \(listed.text)"); return }
            let listedIDs = tokens.compactMap { $0["id"]?.stringValue }
            #expect(listedIDs.contains(id.uuidString))
            #expect(!listed.text.contains(secret))
            #expect(!listed.text.contains(Secrets.digest(secret)))

            #expect(try await app.api(.DELETE, "/api/v1/tokens/\(id)", as: viaToken).status == .noContent)
            let revoked = try await app.api(.GET, "/api/v1/me", as: viaToken)
            #expect(revoked.status == .unauthorized)
            #expect(revoked.json["type"] == .string("/problems/invalid-token"))
            let after = try await app.api(.GET, "/api/v1/tokens", as: people.owner)
            guard case .array(let remaining) = after.json else { Issue.record("tokens is not an array: \(after.text)"); return }
            #expect(remaining.first { $0["id"] == .id(id) }?["revokedAt"]?.stringValue != nil)
            // The fixture token of the same person is untouched.
            #expect(try await app.api(.GET, "/api/v1/me", as: people.owner).status == .ok)
        }
    }

    @Test("tokens: another user can neither see nor revoke my token (404), an admin can; a name is required; anonymous gets 401", arguments: TestDatabase.available)
    func tokenIsolation(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let token = try await Self.createToken(app, as: people.owner)
            let foreign = try await app.api(.DELETE, "/api/v1/tokens/\(token.id)", as: people.otherOwner)
            #expect(foreign.status == .notFound)
            #expect(try await app.api(.DELETE, "/api/v1/tokens/\(token.id)", as: people.pmo).status == .notFound)
            #expect(try await app.api(.GET, "/api/v1/me", as: Self.bearer(token.secret, for: people.owner)).status == .ok)
            let theirs = try await app.api(.GET, "/api/v1/tokens", as: people.otherOwner)
            #expect(!theirs.text.contains(token.id.uuidString))
            #expect(try await app.api(.DELETE, "/api/v1/tokens/\(UUID())", as: people.owner).status == .notFound)
            // An admin may revoke anybody's token, e.g. one that leaked.
            #expect(try await app.api(.DELETE, "/api/v1/tokens/\(token.id)", as: people.admin).status == .noContent)
            #expect(try await app.api(.GET, "/api/v1/me", as: Self.bearer(token.secret, for: people.owner)).status == .unauthorized)

            expectInvalid(try await app.api(.POST, "/api/v1/tokens", as: people.owner, json: ["name": "  "]), fields: ["name"])
            #expect(try await app.api(.POST, "/api/v1/tokens", as: nil, json: ["name": "CI"]).status == .unauthorized)
            #expect(try await app.api(.GET, "/api/v1/tokens", as: nil).status == .unauthorized)
        }
    }

    @Test("users: a new password is audited without the password; the account's API tokens keep working", arguments: TestDatabase.available)
    func passwordChangeKeepsTokens(database: TestDatabase) async throws {
        try await withTestApp(database) { app, people in
            let token = try await Self.createToken(app, as: people.owner)
            expectInvalid(try await app.api(.PATCH, "/api/v1/users/\(people.owner.id)", as: people.admin, json: ["password": "short"], ifMatch: 1),
                          fields: ["password"])
            let changed = try await app.api(.PATCH, "/api/v1/users/\(people.owner.id)", as: people.admin,
                                            json: ["password": "a brand new passphrase"], ifMatch: 1)
            #expect(changed.status == .ok)
            #expect(!changed.text.contains("a brand new passphrase"))
            let trail = try await auditTrail(app, people, "users", people.owner.id)
            #expect(trail.first?["changes"]?["password"]?["after"] == .string("(changed)"))
            #expect(!(trail.first?.jsonText.contains("a brand new passphrase") ?? true))
            // Automation survives a password rotation.
            #expect(try await app.api(.GET, "/api/v1/me", as: Self.bearer(token.secret, for: people.owner)).status == .ok)
            #expect(try await app.api(.GET, "/api/v1/me", as: people.owner).status == .ok)
        }
    }
}
