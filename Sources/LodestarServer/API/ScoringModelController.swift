import Fluent
import LodestarCore
import Vapor

/// Switching the portfolio's default scoring model: two records change together, in one transaction,
/// both version-claimed and audited.
enum ScoringModelController {
    static func register(on router: APIRouter) {
        let path = ScoringModelModel.resource.path
        router.register(APIOperation(
            method: .POST, path: [path, "{id}", "default"], operationID: "makeScoringModelDefault",
            summary: "Make a scoring model the portfolio's default", tag: ScoringModelModel.resource.plural,
            parameters: [.id, .ifMatch], responses: [200: ("The new default model.", APIDocumentation.ref(ScoringModelModel.resource.schemaName))],
            access: "admin, pmo"
        )) { request in
            let caller = try request.caller
            try caller.require([.admin, .pmo], to: "change the default scoring model")
            let id = try request.idParameter()
            let version = try request.expectedVersion(required: true)!
            let model = try await request.db.transaction { database in
                let store = EntityStore<ScoringModelModel>(caller: caller, database: database)
                if let current = try await ScoringModelModel.query(on: database).filter(\.$isDefault == true).filter(\.$id != id).first() {
                    // Unset directly: the model's own check refuses a model that stops being the default.
                    let before = try JSONValue(encoding: current.fields)
                    current.isDefault = false
                    current.version += 1
                    try await current.save(on: database)
                    try await AuditLog.record(.update, entity: path, id: current.id!, before: before, after: try JSONValue(encoding: current.fields),
                                              by: caller, on: database)
                }
                return try await store.update(id, expectedVersion: version) { fields in
                    var fields = fields
                    fields.isDefault = true
                    return fields
                }
            }
            return try ResourceController<ScoringModelModel>.respond(with: model)
        }
    }
}
