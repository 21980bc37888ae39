import Fluent
import LodestarCore
import Vapor

/// People and their roles. Everybody signed in may see who is who (to pick owners and sponsors);
/// only admins change accounts.
enum UserController {
    struct NewUser: Content {
        var email: String
        var name: String
        var role: Role
        var password: String
    }

    struct UserChange: Content {
        var name: String?
        var role: Role?
        var disabled: Bool?
        var password: String?
    }

    static func register(on router: APIRouter) {
        let docs = router.documentation
        let user = APIDocumentation.ref("User")
        let newUser = docs.schema("UserInput", SchemaRecorder.schema(for: NewUser.self))
        let change = docs.schema("UserChange", SchemaRecorder.schema(for: UserChange.self))

        router.register(APIOperation(
            method: .GET, path: ["users"], operationID: "listUsers", summary: "List users", tag: "users",
            parameters: APIOperation.Parameter.pagination, responses: [200: ("A page of users, by email.", SchemaRecorder.listSchema(items: user))],
            access: "any signed-in user"
        )) { request in
            _ = try request.caller
            let query = try ListQuery(request, listing: Listing(sorts: ["email": "email"], defaultSort: "email"))
            let total = try await UserModel.query(on: request.db).count()
            let users = try await UserModel.query(on: request.db).sort(\.$email).range(query.window).all()
            return try Response.json(Page(items: users.map(UserBody.init), total: total, limit: query.limit, offset: query.offset))
        }

        router.register(APIOperation(
            method: .POST, path: ["users"], operationID: "createUser", summary: "Create a user", tag: "users",
            requestSchema: newUser, responses: [201: ("Created.", user)], access: "admin"
        )) { request in
            let caller = try request.caller
            try caller.require([.admin], to: "create users")
            let body = try request.jsonBody(NewUser.self)
            let model = try await UserAccounts.create(
                email: body.email, name: body.name, role: body.role, password: body.password, by: caller, on: request)
            return try Response.json(UserBody(model), status: .created, headers: ["ETag": "\"\(model.version)\""])
        }

        router.register(APIOperation(
            method: .GET, path: ["users", "{id}"], operationID: "getUser", summary: "Read a user", tag: "users",
            parameters: [.id], responses: [200: ("The user.", user)], access: "any signed-in user"
        )) { request in
            _ = try request.caller
            let id = try request.idParameter()
            guard let model = try await UserModel.find(id, on: request.db) else { throw Problem.notFound("User \(id)") }
            return try Response.json(UserBody(model), headers: ["ETag": "\"\(model.version)\""])
        }

        router.register(APIOperation(
            method: .PATCH, path: ["users", "{id}"], operationID: "patchUser", summary: "Change a user's name, role, password or access",
            tag: "users", parameters: [.id, .ifMatch], requestSchema: change, responses: [200: ("Saved.", user)], access: "admin"
        )) { request in
            let caller = try request.caller
            try caller.require([.admin], to: "change users")
            let version = try request.expectedVersion(required: true)!
            let body = try request.jsonBody(UserChange.self)
            let model = try await UserAccounts.change(
                try request.idParameter(), expectedVersion: version, body, by: caller, on: request)
            return try Response.json(UserBody(model), headers: ["ETag": "\"\(model.version)\""])
        }
    }
}
