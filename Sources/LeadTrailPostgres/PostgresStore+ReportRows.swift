#if Postgres
import LeadTrailStore
import NIOCore
import PostgresNIO
import Synchronization

/// The rows of a report's queries, read a thousand at a time from one cell: the rows' text forms
/// (`(17,"Анна",,t)`), one a line, which the server writes and ``ReportCells`` reads back field by field.
///
/// A year's touches are tens of thousands of rows of a dozen columns. Read cell by cell, postgres-nio's decoding
/// of each cell (a slice of its buffer, on its event loop and again on the reading thread) cost far more than the
/// query: a year of markov took 21 s against SQLite's 0.7 s in a debug build, 0.3 s of it in the server. One cell per
/// thousand rows leaves a plain scan over their bytes.
///
/// Queries take `$1`, `$2`, … and bind arrays (`= ANY($1)`), which the write side's `?` values do not offer.
struct ReportRows {
    let transaction: PostgresTransaction

    private var session: PostgresSession { transaction.session }

    /// How many rows one cell carries.
    static let rowsPerCell = 1_000

    /// Every row of a query, handed to `body` one at a time; a query of many rows goes through a server-side cursor
    /// (`cursor: true`), about `batch` rows a round trip, so that a year of touches never sits in memory twice.
    func forEach(
        _ sql: String, _ bindings: PostgresBindings = PostgresBindings(), cursor: Bool = false, batch: Int = 20_000,
        _ body: (inout ReportCells) throws -> Void
    ) throws {
        guard cursor else {
            try start(sql, bindings).forEach(body)
            return
        }
        let chunk = Self.rowsPerCell
        let name = "leadtrail_report_\(UInt32.random(in: 0...UInt32.max))"
        let cellsPerFetch = max(batch / chunk, 1)
        try run("DECLARE \(name) NO SCROLL CURSOR FOR \(Self.packed(sql))", bindings)
        while true {
            let cells = try run("FETCH FORWARD \(cellsPerFetch) FROM \(name)", PostgresBindings()).rows
            for cell in cells {
                try Self.read(cell, database: transaction.database, body)
            }
            if cells.count < cellsPerFetch { break }
        }
        try run("CLOSE \(name)", PostgresBindings())
    }

    /// Sends a query and returns at once: its rows are read by ``PendingRows/forEach(_:)``, while this thread goes on
    /// and the server works. On `side`, a second connection reading the same snapshot (``ReportSide``), the server
    /// runs it beside the transaction's own queries; without, after the queries sent before it.
    ///
    /// The rows come back as one cell (``whole(_:)``): a query read this way holds a bounded number of rows (a cell
    /// holds at most 1 GB, some sixteen million leads' rows); one of every touch goes through ``forEach(_:_:cursor:batch:_:)``
    /// with a cursor.
    func start(_ sql: String, _ bindings: PostgresBindings = PostgresBindings(), on side: ReportSide? = nil)
        -> PendingRows
    {
        let session = side?.session ?? self.session
        session.statementsSent.wrappingAdd(1, ordering: .relaxed)
        let future = session.connection.query(
            PostgresQuery(unsafeSQL: Self.whole(sql), binds: bindings), logger: session.logger)
        return PendingRows(future: future, location: session.location)
    }

    /// A query wrapped so that its rows come back in one cell, one row's text a line, in the query's order.
    ///
    /// A subquery with `ORDER BY` is never pulled up into the query around it, and a plain aggregate reads its input
    /// as it comes: the lines follow the query's own order (PostgreSQL's manual, "Aggregate Expressions": input from
    /// a sorted subquery). Numbering the rows and grouping them a thousand to a cell, as a cursor's rows are
    /// (``packed(_:)``), cost the server more than the query: the year's 100,000 leads 200 ms against 75 ms, its
    /// deals 47 ms against 33 ms.
    private static func whole(_ sql: String) -> String {
        "SELECT string_agg(q::text, E'\\n') FROM (\(sql)) AS q"
    }

    /// A cursor's query wrapped so that its rows come back a thousand to a cell, one row's text a line, in the
    /// query's order (`row_number() OVER ()` numbers them as the query gives them): a cursor fetches cells.
    private static func packed(_ sql: String) -> String {
        let chunk = rowsPerCell
        return """
            SELECT string_agg(row_text, E'\\n' ORDER BY row_index)
            FROM (SELECT q::text AS row_text, row_number() OVER () AS row_index FROM (\(sql)) AS q) AS numbered
            GROUP BY (row_index - 1) / \(chunk) ORDER BY (row_index - 1) / \(chunk)
            """
    }

    /// Hands each row of one cell's lines to `body`.
    fileprivate static func read(
        _ cell: PostgresRow, database: String, _ body: (inout ReportCells) throws -> Void
    ) throws {
        var cells = cell.makeIterator()
        guard let first = cells.next() else {
            throw StoreError.databaseFailure(path: database, reason: "a report query returned no rows in a chunk")
        }
        // A whole query's cell is NULL when it has no rows (``ReportRows/whole(_:)``).
        guard var buffer = first.bytes else { return }
        let text = buffer.readBytes(length: buffer.readableBytes) ?? []
        var start = 0
        while start < text.count {
            var row = try ReportCells(text, at: start, database: database)
            try body(&row)
            start = try row.end()
            // Rows are separated by one newline (a newline inside a value is within its quotes).
            if start < text.count && text[start] == UInt8(ascii: "\n") { start += 1 }
        }
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

/// A query sent by ``ReportRows/start(_:_:on:)`` whose rows have not been read yet.
struct PendingRows {
    let future: EventLoopFuture<PostgresQueryResult>
    let location: PostgresLocation

    /// Waits for the query's rows and hands each to `body`, in the query's order.
    func forEach(_ body: (inout ReportCells) throws -> Void) throws {
        let result: PostgresQueryResult
        do {
            result = try future.wait()
        } catch {
            throw PostgresErrors.queryError(error, location: location)
        }
        for cell in result.rows {
            try ReportRows.read(cell, database: location.description, body)
        }
    }
}

/// A second connection that reads a report's snapshot (`pg_export_snapshot()`, `SET TRANSACTION SNAPSHOT`), so that
/// the server runs two of the report's queries at once: on the 2-core benchmark machine one of them is often a
/// single-threaded window or the text packing of a parallel plan, and the other core was idle.
///
/// Opened only for a report worth it (a year's journeys, Markov's null paths): a connection costs a few
/// milliseconds and a server slot. The connection closes when the side goes; its read-only transaction ends with it.
final class ReportSide {
    let session: PostgresSession

    private init(session: PostgresSession) {
        self.session = session
    }

    /// A side reading the snapshot of `transaction` (a `REPEATABLE READ` one, which stays open while the side reads);
    /// nil when the server takes no second connection (a role's `CONNECTION LIMIT`, `max_connections`): the report
    /// then reads everything on its own connection.
    static func open(for transaction: PostgresTransaction) throws -> ReportSide? {
        // A snapshot's name is hexadecimal digits and dashes (`00000003-0000001B-1`): nothing else goes into the SQL.
        let allowed = Set("0123456789ABCDEFabcdef-".utf8)
        guard let snapshot = try transaction.text("SELECT pg_export_snapshot()"),
            !snapshot.isEmpty, snapshot.utf8.allSatisfy(allowed.contains)
        else {
            throw StoreError.databaseFailure(
                path: transaction.database, reason: "the server gave no snapshot for a second reading connection")
        }
        let session: PostgresSession
        do {
            session = try PostgresSession.connect(transaction.session.location)
            _ = try session.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", [])
            _ = try session.run("SET TRANSACTION SNAPSHOT '\(snapshot)'", [])
            for setting in PostgresStore.reportSettings { _ = try session.run(setting, []) }
        } catch {
            transaction.session.logger.debug("a report reads on one connection: \(error)")
            return nil
        }
        return ReportSide(session: session)
    }

    /// Ends the side's transaction (the report has read what it needed).
    func finish() {
        _ = try? session.run("COMMIT", [])
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
    private var position: Int
    /// Whether the last field read was the row's last (its closing parenthesis read).
    private var ended = false
    private let database: String

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    private static let comma = UInt8(ascii: ","), close = UInt8(ascii: ")"), open = UInt8(ascii: "(")

    /// The row whose opening parenthesis is at `start` of `text`.
    init(_ text: [UInt8], at start: Int, database: String) throws {
        self.database = database
        row = text
        guard start < text.count, text[start] == Self.open else {
            throw StoreError.databaseFailure(path: database, reason: "a report query returned a malformed row")
        }
        position = start + 1
    }

    /// Reads the fields left unread; returns where the row ends (after its closing parenthesis).
    mutating func end() throws -> Int {
        while !ended { _ = try next() }
        return position
    }

    /// The next field's bytes (unescaped), nil for NULL.
    private mutating func next() throws -> ArraySlice<UInt8>? {
        let count = row.count
        var index = position
        guard !ended, index < count else {
            throw StoreError.databaseFailure(path: database, reason: "a report query returned too few columns")
        }
        guard row[index] == Self.quote else {
            let start = index
            while index < count && row[index] != Self.comma && row[index] != Self.close { index += 1 }
            ended = index >= count || row[index] == Self.close
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
        ended = end + 1 >= count || row[end + 1] == Self.close
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
