import GRDB
import LeadTrailCore

/// ``RequestPeople``'s reads on SQLite: `IN` lists of a few hundred values, each row read off a cursor.
struct SQLiteRequestPeopleSource: RequestPeopleSource {
    let db: Database

    /// How many values one `IN (…)` list binds: far under SQLite's limit on a statement's parameters.
    private static let valuesPerQuery = 500

    func storedRequests(keys: [String], _ each: (String, String, Int64) -> Void) throws {
        try select("SELECT record_key, content_hash, lead_id FROM submission WHERE record_key", keys) { row in
            each(row[0], row[1], row[2])
        }
    }

    func requests(by column: String, in values: [String], _ each: (String, Int64, String, Bool) -> Void) throws {
        try select("SELECT \(column), at, record_key, pinned_lead IS NOT NULL FROM submission WHERE \(column)", values) {
            row in each(row[0], row[1] ?? 0, row[2], row[3])
        }
    }

    func leads(by column: String, in values: [String], _ each: (String, Int64, Int64) -> Void) throws {
        try select("SELECT \(column), created_at, id FROM lead WHERE forgotten_at IS NULL AND \(column)", values) {
            row in each(row[0], row[1], row[2])
        }
    }

    /// Runs `sql` followed by `IN (…)` of `values`, a few hundred at a time, and hands each row to `each`.
    private func select(_ sql: String, _ values: [String], each: (Row) throws -> Void) throws {
        var start = 0
        while start < values.count {
            let part = values[start..<min(start + Self.valuesPerQuery, values.count)]
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: sql + " IN (\(databaseQuestionMarks(count: part.count)))"),
                arguments: StatementArguments(part))
            while let row = try rows.next() { try each(row) }
            start += part.count
        }
    }
}
