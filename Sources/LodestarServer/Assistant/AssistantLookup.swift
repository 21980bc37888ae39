import Fluent
import Foundation
import LodestarCore

/// Records named the way a person names them: an initiative by its id or its code.
enum AssistantLookup {
    static let initiativeParameter = ToolParameter.text(
        "initiative", "The initiative's id (UUID) or code (e.g. 'INI-012'); search_portfolio finds it from a name.", required: true, maxLength: 80)

    static func initiative(_ key: String, on database: any Database) async throws -> InitiativeModel {
        if let id = UUID(uuidString: key), let initiative = try await InitiativeModel.find(id, on: database) { return initiative }
        if let initiative = try await InitiativeModel.query(on: database).filter(\.$code == key).first() { return initiative }
        if let initiative = try await InitiativeModel.query(on: database).filter(\.$code == key.uppercased()).first() { return initiative }
        throw ToolFailure(
            kind: .notFound, message: "No initiative has the id or code '\(key)'. Call search_portfolio with part of its name to find it.",
            argument: "initiative")
    }
}
