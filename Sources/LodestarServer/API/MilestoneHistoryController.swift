import Fluent
import LodestarCore
import Vapor

/// A milestone's slippage history: every move of its forecast, which is what explains a late delivery.
enum MilestoneHistoryController {
    static func register(on router: APIRouter) {
        let change = router.documentation.schema("ForecastChange", SchemaRecorder.schema(for: ForecastChange.self))

        router.register(APIOperation(
            method: .GET, path: [MilestoneModel.resource.path, "{id}", "history"], operationID: "getMilestoneHistory",
            summary: "A milestone's forecast history, oldest first", tag: MilestoneModel.resource.plural, parameters: [.id],
            responses: [200: ("Every forecast the milestone has had, oldest first.", .object(["type": .string("array"), "items": change]))],
            access: "any signed-in user"
        )) { request in
            _ = try request.caller
            let id = try request.idParameter()
            guard try await MilestoneModel.find(id, on: request.db) != nil else { throw Problem.notFound("Milestone \(id)") }
            return try Response.json(try await ForecastChangeModel.history(of: id, on: request.db))
        }
    }
}
