#if Postgres
import LeadTrailStore
import PostgresNIO

/// PostgreSQL's rows read whole into the ``SQLRow`` both stores' shared queries read.
///
/// Booleans read as 1 and 0 (SQLite's flags); a value of a type LeadTrail never stores is refused when the row is
/// read, with a ``StoreError`` naming the column.
extension SQLRow {
    init(_ row: PostgresRow, database: String) throws {
        var values: [String: SQLValue] = [:]
        for cell in row {
            values[cell.columnName] = try Self.value(of: cell, database: database)
        }
        self.init(values: values)
    }

    static func value(of cell: PostgresCell, database: String) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        do {
            switch cell.dataType {
            case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
            case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
            default: return .text(try cell.decode(String.self))
            }
        } catch {
            throw StoreError.databaseFailure(
                path: database, reason: "column \(cell.columnName) holds a value of an unexpected type")
        }
    }
}
#endif
