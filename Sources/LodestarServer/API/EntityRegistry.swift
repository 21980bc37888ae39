import Fluent
import LodestarCore
import Vapor

/// Every kind of portfolio record the API serves, in the order the document lists them.
enum EntityRegistry {
    struct Entry: Sendable {
        var info: ResourceInfo
        var register: @Sendable (APIRouter) -> Void

        init<M: EntityModel>(_ model: M.Type) {
            info = M.resource
            register = { ResourceController<M>.register(on: $0) }
        }
    }

    static let all: [Entry] = [
        Entry(ObjectiveModel.self),
        Entry(InitiativeModel.self),
    ]
}
