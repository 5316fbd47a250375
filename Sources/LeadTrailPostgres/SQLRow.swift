#if Postgres
import LeadTrailStore
import PostgresNIO

/// A row read whole into values, for the write side's small queries: `row["lead_id"]` as the SQLite store reads
/// GRDB's rows, so both stores' code stays alike.
///
/// Booleans read as 1 and 0 (SQLite's flags); a value of a type LeadTrail never stores is refused when the row is
/// read, with a ``StoreError`` naming the column.
struct SQLRow {
    private(set) var values: [String: PostgresValue] = [:]

    init(_ row: PostgresRow, database: String) throws {
        for cell in row {
            values[cell.columnName] = try Self.value(of: cell, database: database)
        }
    }

    static func value(of cell: PostgresCell, database: String) throws -> PostgresValue {
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

    /// The value of a column converted to the type asked for (a missing column or NULL reads as nil or zero).
    subscript<T: SQLValueConvertible>(_ column: String) -> T {
        T(sqlValue: values[column] ?? .null)
    }

    /// Whether the column is NULL or missing.
    func isNull(_ column: String) -> Bool {
        if case .null = values[column] ?? .null { return true }
        return false
    }
}

/// A Swift type a column converts to.
protocol SQLValueConvertible {
    init(sqlValue: PostgresValue)
}

extension Int64: SQLValueConvertible {
    init(sqlValue: PostgresValue) {
        switch sqlValue {
        case .integer(let value): self = value
        case .text(let text): self = Int64(text) ?? 0
        case .null: self = 0
        }
    }
}

extension Int: SQLValueConvertible {
    init(sqlValue: PostgresValue) {
        let wide = Int64(sqlValue: sqlValue)
        self = Int(exactly: wide) ?? 0
    }
}

extension Bool: SQLValueConvertible {
    init(sqlValue: PostgresValue) { self = Int64(sqlValue: sqlValue) != 0 }
}

extension String: SQLValueConvertible {
    init(sqlValue: PostgresValue) {
        switch sqlValue {
        case .text(let text): self = text
        case .integer(let value): self = String(value)
        case .null: self = ""
        }
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    init(sqlValue: PostgresValue) {
        if case .null = sqlValue { self = .none } else { self = Wrapped(sqlValue: sqlValue) }
    }
}

/// A Swift value bound to a `?`.
protocol SQLBindable {
    var sqlValue: PostgresValue { get }
}

extension Int64: SQLBindable {
    var sqlValue: PostgresValue { .integer(self) }
}
extension Int: SQLBindable {
    var sqlValue: PostgresValue { .integer(Int64(self)) }
}
extension Bool: SQLBindable {
    var sqlValue: PostgresValue { .integer(self ? 1 : 0) }
}
extension String: SQLBindable {
    var sqlValue: PostgresValue { .text(self) }
}
extension PostgresValue: SQLBindable {
    var sqlValue: PostgresValue { self }
}
#endif
