#if Postgres
import LeadTrailStore
import NIOCore
import PostgresNIO

/// The rows of a report's queries, streamed straight from postgres-nio's binary cells: a year's touches are read
/// once per row, and a row read into a dictionary of values costs more there than the work itself.
///
/// Queries take `$1`, `$2`, … and bind arrays (`= ANY($1)`), which the write side's `?` values do not offer.
struct ReportRows {
    let transaction: PostgresTransaction

    private var session: PostgresSession { transaction.session }

    /// Every row of a query, handed to `body` one at a time; a query of many rows goes through a server-side cursor
    /// (`cursor: true`), `batch` rows a round trip, so that a year of touches never sits in memory twice.
    func forEach(
        _ sql: String, _ bindings: PostgresBindings = PostgresBindings(), cursor: Bool = false, batch: Int = 20_000,
        _ body: (inout ReportCells) throws -> Void
    ) throws {
        guard cursor else {
            for row in try run(sql, bindings).rows {
                var cells = ReportCells(row, database: transaction.database)
                try body(&cells)
            }
            return
        }
        let name = "leadtrail_report_\(UInt32.random(in: 0...UInt32.max))"
        try run("DECLARE \(name) NO SCROLL CURSOR FOR \(sql)", bindings)
        while true {
            let rows = try run("FETCH FORWARD \(max(batch, 1)) FROM \(name)", PostgresBindings()).rows
            for row in rows {
                var cells = ReportCells(row, database: transaction.database)
                try body(&cells)
            }
            if rows.count < batch { break }
        }
        try run("CLOSE \(name)", PostgresBindings())
    }

    /// Runs one statement; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ bindings: PostgresBindings = PostgresBindings()) throws -> Int {
        try run(sql, bindings).metadata.rows ?? 0
    }

    private func run(_ sql: String, _ bindings: PostgresBindings) throws -> PostgresQueryResult {
        do {
            return try session.connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: session.logger)
                .wait()
        } catch {
            throw PostgresErrors.queryError(error, location: session.location)
        }
    }
}

/// One row's cells read left to right, each decoded from its binary form without a lookup by name.
///
/// A cell of a type the schema never has there is refused with a one-line ``StoreError`` naming the column, never
/// a trap.
struct ReportCells {
    private var cells: PostgresRow.Iterator
    private let database: String

    init(_ row: PostgresRow, database: String) {
        cells = row.makeIterator()
        self.database = database
    }

    private mutating func next() throws -> PostgresCell {
        guard let cell = cells.next() else {
            throw StoreError.databaseFailure(path: database, reason: "a report query returned too few columns")
        }
        return cell
    }

    /// The next cell's integer (BIGINT, INTEGER or SMALLINT), nil for NULL.
    mutating func optionalInt() throws -> Int64? {
        let cell = try next()
        guard var bytes = cell.bytes else { return nil }
        if cell.format == .binary {
            switch (cell.dataType, bytes.readableBytes) {
            case (.int8, 8): return bytes.readInteger(as: Int64.self)
            case (.int4, 4): return bytes.readInteger(as: Int32.self).map(Int64.init)
            case (.int2, 2): return bytes.readInteger(as: Int16.self).map(Int64.init)
            case (.bool, 1): return bytes.readInteger(as: UInt8.self).map { $0 == 0 ? 0 : 1 }
            default: break
            }
        }
        do { return try cell.decode(Int64.self) } catch { throw unexpected(cell) }
    }

    /// The next cell's integer; NULL is an error.
    mutating func int() throws -> Int64 {
        guard let value = try optionalInt() else {
            throw StoreError.databaseFailure(path: database, reason: "a report query returned an unexpected NULL")
        }
        return value
    }

    /// The next cell's text, nil for NULL.
    mutating func optionalText() throws -> String? {
        let cell = try next()
        guard let bytes = cell.bytes else { return nil }
        switch cell.dataType {
        case .text, .varchar, .name, .bpchar: return String(buffer: bytes)
        default:
            do { return try cell.decode(String.self) } catch { throw unexpected(cell) }
        }
    }

    /// The next cell's text; NULL is an error.
    mutating func text() throws -> String {
        guard let value = try optionalText() else {
            throw StoreError.databaseFailure(path: database, reason: "a report query returned an unexpected NULL")
        }
        return value
    }

    /// The next cell's bytes, without decoding them (empty for NULL): a visitor compared with the previous row's.
    mutating func bytes() throws -> ByteBuffer {
        try next().bytes ?? ByteBuffer()
    }

    private func unexpected(_ cell: PostgresCell) -> StoreError {
        .databaseFailure(
            path: database, reason: "column \(cell.columnName) holds a value of an unexpected type; run 'leadtrail migrate'")
    }
}
#endif
