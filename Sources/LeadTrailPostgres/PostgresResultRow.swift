#if Postgres
public import LeadTrailStore
import PostgresNIO

/// One row of a result, read by column name or position.
///
/// LeadTrail's schema has BIGINT/INTEGER and TEXT columns only; a value of another type (a `SUM` without a
/// `::bigint` cast is NUMERIC) is refused with a ``StoreError`` naming the column, never a trap.
public struct PostgresResultRow {
    let source: PostgresRow
    let row: PostgresRandomAccessRow
    let database: String

    init(_ row: PostgresRow, database: String) {
        self.source = row
        self.row = row.makeRandomAccess()
        self.database = database
    }

    /// How many columns the row has.
    public var count: Int { row.count }

    /// The integer of a column; NULL is an error.
    public func int(_ column: String) throws -> Int64 { try required(column, optionalInt(column)) }
    /// The integer of the column at `index`; NULL is an error.
    public func int(at index: Int) throws -> Int64 { try required("#\(index)", optionalInt(at: index)) }
    /// The text of a column; NULL is an error.
    public func text(_ column: String) throws -> String { try required(column, optionalText(column)) }
    /// The text of the column at `index`; NULL is an error.
    public func text(at index: Int) throws -> String { try required("#\(index)", optionalText(at: index)) }

    /// The integer of a column, or nil for NULL.
    public func optionalInt(_ column: String) throws -> Int64? {
        guard row.contains(column) else { throw missing(column) }
        return try decode(Int64.self, row[column], column)
    }
    /// The integer of the column at `index`, or nil for NULL.
    public func optionalInt(at index: Int) throws -> Int64? {
        guard index >= 0, index < row.count else { throw missing("#\(index)") }
        return try decode(Int64.self, row[index], "#\(index)")
    }
    /// The text of a column, or nil for NULL.
    public func optionalText(_ column: String) throws -> String? {
        guard row.contains(column) else { throw missing(column) }
        return try decode(String.self, row[column], column)
    }
    /// The text of the column at `index`, or nil for NULL.
    public func optionalText(at index: Int) throws -> String? {
        guard index >= 0, index < row.count else { throw missing("#\(index)") }
        return try decode(String.self, row[index], "#\(index)")
    }

    private func decode<T: PostgresDecodable>(_ type: T.Type, _ cell: PostgresCell, _ column: String) throws -> T? {
        guard cell.bytes != nil else { return nil }
        do {
            return try cell.decode(T.self)
        } catch {
            throw StoreError.databaseFailure(
                path: database, reason: "column \(column) holds a value of an unexpected type; run 'leadtrail migrate'")
        }
    }

    private func required<T>(_ column: String, _ value: T?) throws -> T {
        guard let value else {
            throw StoreError.databaseFailure(path: database, reason: "column \(column) is unexpectedly empty")
        }
        return value
    }

    private func missing(_ column: String) -> StoreError {
        .databaseFailure(path: database, reason: "column \(column) is missing; run 'leadtrail migrate'")
    }
}
#endif
