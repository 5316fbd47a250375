#if Postgres
import LeadTrailStore
import NIOCore
import PostgresNIO

/// The rows of a report's queries, each read as one cell: the row's text form (`(17,"Анна",,t)`), which the server
/// writes and ``ReportCells`` reads back field by field.
///
/// A year's touches are tens of thousands of rows of a dozen columns. Read cell by cell, postgres-nio's decoding
/// of each cell (a slice of its buffer, on its event loop and again on the reading thread) cost far more than the
/// query: a year of markov took 21 s against SQLite's 0.7 s in a debug build, 0.3 s of it in the server. One
/// cell per row leaves one slice per row and a plain scan over its bytes.
///
/// Queries take `$1`, `$2`, … and bind arrays (`= ANY($1)`), which the write side's `?` values do not offer.
struct ReportRows {
    let transaction: PostgresTransaction

    private var session: PostgresSession { transaction.session }

    /// Every row of a query, handed to `body` one at a time; a query of many rows goes through a server-side cursor
    /// (`cursor: true`), `batch` rows a round trip, so that a year of touches never sits in memory twice.
    ///
    /// The query's own `ORDER BY` orders the rows: the wrapping `SELECT q::text FROM (…) AS q` only projects them.
    func forEach(
        _ sql: String, _ bindings: PostgresBindings = PostgresBindings(), cursor: Bool = false, batch: Int = 20_000,
        _ body: (inout ReportCells) throws -> Void
    ) throws {
        let packed = "SELECT q::text FROM (\(sql)) AS q"
        guard cursor else {
            for row in try run(packed, bindings).rows {
                var cells = try ReportCells(row, database: transaction.database)
                try body(&cells)
            }
            return
        }
        let name = "leadtrail_report_\(UInt32.random(in: 0...UInt32.max))"
        try run("DECLARE \(name) NO SCROLL CURSOR FOR \(packed)", bindings)
        while true {
            let rows = try run("FETCH FORWARD \(max(batch, 1)) FROM \(name)", PostgresBindings()).rows
            for row in rows {
                var cells = try ReportCells(row, database: transaction.database)
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

/// One row's fields read left to right from its text form, as PostgreSQL's `record_out` writes it: in parentheses,
/// separated by commas, NULL as nothing, a value quoted (`"…"`, with `"` and `\` doubled) when it is empty or holds
/// a comma, parenthesis, quote, backslash or space; integers in decimal, booleans `t` and `f`.
///
/// A row that is not of that form, or has fewer fields than read, is refused with a one-line ``StoreError``, never a
/// trap.
struct ReportCells {
    private let row: [UInt8]
    /// Where the next field starts: after the opening parenthesis or the previous field's comma.
    private var position = 1
    private let database: String

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    private static let comma = UInt8(ascii: ","), close = UInt8(ascii: ")")

    init(_ row: PostgresRow, database: String) throws {
        self.database = database
        var cells = row.makeIterator()
        guard let cell = cells.next(), var buffer = cell.bytes, buffer.readableBytes >= 2 else {
            throw StoreError.databaseFailure(path: database, reason: "a report query returned a row of no fields")
        }
        self.row = buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    /// The next field's bytes (unescaped), nil for NULL.
    private mutating func next() throws -> ArraySlice<UInt8>? {
        let count = row.count
        var index = position
        guard index < count else {
            throw StoreError.databaseFailure(path: database, reason: "a report query returned too few columns")
        }
        guard row[index] == Self.quote else {
            let start = index
            while index < count && row[index] != Self.comma && row[index] != Self.close { index += 1 }
            position = index + 1
            return index == start ? nil : row[start..<index]
        }
        index += 1
        let start = index
        var escaped = false
        while true {
            guard index < count else {
                throw StoreError.databaseFailure(path: database, reason: "a report query returned a malformed row")
            }
            let byte = row[index]
            if byte == Self.backslash || (byte == Self.quote && index + 1 < count && row[index + 1] == Self.quote) {
                escaped = true
                index += 2
                continue
            }
            if byte == Self.quote { break }
            index += 1
        }
        let end = index
        position = end + 2
        guard escaped else { return row[start..<end] }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(end - start)
        var at = start
        while at < end {
            if row[at] == Self.backslash || row[at] == Self.quote { at += 1 }
            if at < end { unescaped.append(row[at]) }
            at += 1
        }
        return unescaped[...]
    }

    /// The next field's integer (BIGINT, INTEGER, SMALLINT, or a boolean as 1 and 0), nil for NULL.
    mutating func optionalInt() throws -> Int64? {
        guard let field = try next() else { return nil }
        if field.count == 1 {
            if field.first == UInt8(ascii: "t") { return 1 }
            if field.first == UInt8(ascii: "f") { return 0 }
        }
        var value: Int64 = 0
        var negative = false
        var digits = 0
        for byte in field {
            if byte == UInt8(ascii: "-") && digits == 0 && !negative {
                negative = true
                continue
            }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { throw unexpected() }
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !overflowTimes && !overflowSum else { throw unexpected() }
            value = sum
            digits += 1
        }
        guard digits > 0 else { throw unexpected() }
        return value
    }

    /// The next field's integer; NULL is an error.
    mutating func int() throws -> Int64 {
        guard let value = try optionalInt() else {
            throw StoreError.databaseFailure(path: database, reason: "a report query returned an unexpected NULL")
        }
        return value
    }

    /// The next field's text, nil for NULL.
    mutating func optionalText() throws -> String? {
        guard let field = try next() else { return nil }
        return String(decoding: field, as: UTF8.self)
    }

    /// The next field's text; NULL is an error.
    mutating func text() throws -> String {
        guard let value = try optionalText() else {
            throw StoreError.databaseFailure(path: database, reason: "a report query returned an unexpected NULL")
        }
        return value
    }

    /// The next field's bytes, without decoding them (empty for NULL): a visitor compared with the previous row's.
    mutating func bytes() throws -> ArraySlice<UInt8> {
        try next() ?? []
    }

    private func unexpected() -> StoreError {
        .databaseFailure(
            path: database, reason: "a report query returned a value of an unexpected type; run 'leadtrail migrate'")
    }
}
#endif
