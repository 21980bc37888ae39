import Fluent

/// Decisions gain the amount their rights route by and the initiatives they hold up; RAID items the
/// milestone they block and the day they were identified.
struct UpdateDecisionsAndRAIDItemsAddGovernance: AsyncMigration {
    /// One column per statement: SQLite alters a table one column at a time.
    static let columns: [(table: String, column: String, type: DatabaseSchema.DataType)] = [
        ("decisions", "amount", .double),
        ("decisions", "linked_initiative_ids", .string),
        // No foreign key on milestone_id: SQLite cannot add one to an existing table; the model checks it.
        ("raid_items", "milestone_id", .uuid),
        ("raid_items", "identified_on", .string),
    ]

    func prepare(on database: any Database) async throws {
        for column in Self.columns { try await database.schema(column.table).field(.string(column.column), column.type).update() }
    }

    func revert(on database: any Database) async throws {
        for column in Self.columns.reversed() { try await database.schema(column.table).deleteField(.string(column.column)).update() }
    }
}
