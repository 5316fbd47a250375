#if Postgres
public import LeadTrailStore

/// One open transaction of a ``PostgresStore``: what `PostgresStore.transaction(readOnly:repeatableRead:_:)` hands
/// its body. Queries take `?` placeholders, as SQLite's do, bound from ``PostgresValue``s.
///
/// Valid only inside the body it was given to; every statement runs on the store's one connection.
public final class PostgresTransaction {
    let session: PostgresSession
    /// Cursors opened so far, for unique names.
    private var cursors = 0

    init(session: PostgresSession) {
        self.session = session
    }

    /// `host:port/database`, for messages.
    public var database: String { session.location.description }

    /// Every row of a query.
    public func rows(_ sql: String, _ arguments: [PostgresValue] = []) throws -> [PostgresResultRow] {
        try session.run(sql, arguments).rows
    }

    /// The first row of a query, or nil.
    public func row(_ sql: String, _ arguments: [PostgresValue] = []) throws -> PostgresResultRow? {
        try session.run(sql, arguments).rows.first
    }

    /// The integer in the first column of the first row, or nil when there is no row or it is NULL.
    public func int(_ sql: String, _ arguments: [PostgresValue] = []) throws -> Int64? {
        try row(sql, arguments)?.optionalInt(at: 0)
    }

    /// The text in the first column of the first row, or nil when there is no row or it is NULL.
    public func text(_ sql: String, _ arguments: [PostgresValue] = []) throws -> String? {
        try row(sql, arguments)?.optionalText(at: 0)
    }

    /// Runs a statement; returns how many rows it inserted, updated or deleted.
    @discardableResult
    public func execute(_ sql: String, _ arguments: [PostgresValue] = []) throws -> Int {
        try session.run(sql, arguments).changed
    }

    /// Streams the rows of a query through a server-side cursor, `batch` rows at a time, so that a year of touches
    /// never sits in memory at once.
    public func forEachRow(
        _ sql: String, _ arguments: [PostgresValue] = [], batch: Int = 10_000,
        _ body: (PostgresResultRow) throws -> Void
    ) throws {
        cursors += 1
        let name = "leadtrail_cursor_\(cursors)"
        try session.run("DECLARE \(name) NO SCROLL CURSOR FOR \(sql)", arguments)
        while true {
            let rows = try session.run("FETCH FORWARD \(max(batch, 1)) FROM \(name)", []).rows
            for row in rows { try body(row) }
            if rows.count < batch { break }
        }
        try session.run("CLOSE \(name)", [])
    }

    /// Waits for the transaction-scoped advisory lock of `key` (released at commit or rollback).
    public func lock(_ key: Int64) throws {
        try session.run("SELECT pg_advisory_xact_lock(?)", [.integer(key)])
    }
}
#endif
