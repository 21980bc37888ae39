import Fluent
import LodestarCore
import Vapor

/// The caller's own account and API tokens.
enum AccountController {
    struct TokenRequest: Content {
        var name: String
    }

    struct CreatedToken: Content {
        var token: APITokenBody
        /// Shown once: only its hash is kept.
        var secret: String
    }

    static func register(on router: APIRouter) {
        let docs = router.documentation
        let user = docs.schema("User", SchemaRecorder.schema(for: UserBody.self))
        let token = docs.schema("APIToken", SchemaRecorder.schema(for: APITokenBody.self))
        let created = docs.schema("CreatedAPIToken", SchemaRecorder.schema(for: CreatedToken.self))
        let tokenRequest = docs.schema("APITokenInput", SchemaRecorder.schema(for: TokenRequest.self))

        router.register(APIOperation(
            method: .GET, path: ["me"], operationID: "getMe", summary: "The signed-in user", tag: "account",
            responses: [200: ("You.", user)], access: "any signed-in user"
        )) { request in
            let caller = try request.caller
            guard let model = try await UserModel.find(caller.userID, on: request.db) else { throw Problem.unauthenticated }
            return try Response.json(UserBody(model))
        }

        router.register(APIOperation(
            method: .GET, path: ["tokens"], operationID: "listTokens", summary: "Your API tokens", tag: "account",
            responses: [200: ("Your tokens, newest first, revoked ones included.", .object(["type": .string("array"), "items": token]))],
            access: "any signed-in user"
        )) { request in
            let tokens = try await tokens(of: try request.caller, on: request.db)
            return try Response.json(tokens.map(APITokenBody.init))
        }

        router.register(APIOperation(
            method: .POST, path: ["tokens"], operationID: "createToken", summary: "Create an API token (its secret is shown once)",
            tag: "account", requestSchema: tokenRequest, responses: [201: ("The token and its secret.", created)],
            access: "any signed-in user"
        )) { request in
            let caller = try request.caller
            let body = try request.jsonBody(TokenRequest.self)
            let (model, secret) = try await createToken(for: caller.userID, name: body.name, by: caller, on: request.db)
            return try Response.json(CreatedToken(token: APITokenBody(model), secret: secret), status: .created)
        }

        router.register(APIOperation(
            method: .DELETE, path: ["tokens", "{id}"], operationID: "revokeToken", summary: "Revoke one of your API tokens",
            tag: "account", parameters: [.id], responses: [204: ("Revoked.", nil)], access: "the token's user; admin"
        )) { request in
            try await revoke(try request.idParameter(), by: try request.caller, on: request.db)
            return Response(status: .noContent)
        }
    }

    static func tokens(of caller: Caller, on database: any Database) async throws -> [APITokenModel] {
        try await APITokenModel.query(on: database)
            .filter(\.$user.$id == caller.userID)
            .sort(\.$createdAt, .descending)
            .all()
    }

    /// - Parameter caller: who creates it, for the audit log (nil: the tests' fixture).
    static func createToken(
        for userID: UUID, name: String, by caller: Caller? = nil, on database: any Database
    ) async throws -> (APITokenModel, String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else {
            throw Problem.validation([FieldIssue("name", "must be 1 to 100 characters")])
        }
        let secret = "lsk_" + Secrets.token()
        let model = APITokenModel(userID: userID, name: trimmed, tokenHash: Secrets.digest(secret), prefix: String(secret.prefix(10)))
        try await database.transaction { database in
            try await model.create(on: database)
            if let caller {
                try await AuditLog.record(
                    .create, entity: "api-tokens", id: model.id!, before: nil,
                    after: .object(["name": .string(trimmed), "prefix": .string(model.prefix), "userID": .string(userID.uuidString)]),
                    by: caller, on: database)
            }
        }
        return (model, secret)
    }

    static func revoke(_ id: UUID, by caller: Caller, on database: any Database) async throws {
        guard let token = try await APITokenModel.find(id, on: database),
              token.$user.id == caller.userID || caller.role == .admin
        else { throw Problem.notFound("Token \(id)") }
        guard token.revokedAt == nil else { return }
        token.revokedAt = Date()
        try await database.transaction { database in
            try await token.save(on: database)
            try await AuditLog.record(
                .update, entity: "api-tokens", id: id, before: .object(["revoked": .bool(false)]),
                after: .object(["revoked": .bool(true)]), by: caller, on: database)
        }
    }
}
