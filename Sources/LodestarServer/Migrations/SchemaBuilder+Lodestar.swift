import Fluent
import SQLKit

extension SchemaBuilder {
    /// id, version, created_at, updated_at: the columns every portfolio record carries.
    func entityColumns() -> Self {
        id()
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
    }
}

extension Database {
    /// Indexes the columns that lists filter, sort or join on; Fluent's schema builder has no indexes.
    func createIndex(on table: String, _ columns: String..., unique: Bool = false) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        let name = "idx_\(table)_\(columns.joined(separator: "_"))"
        var builder = sql.create(index: name).on(table)
        if unique { builder = builder.unique() }
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
