import GRDB

/// The SQLite store is a ``SQLStore``: the queries it shares with PostgreSQL's run over ``SQLiteTransaction``.
extension SQLiteStore: SQLStore {
    package typealias Transaction = SQLiteTransaction

    /// Runs `body` in one read transaction, over the shared queries' view of GRDB.
    func readSQL<T>(_ body: (SQLiteTransaction) throws -> T) throws -> T {
        try read { db in try body(SQLiteTransaction(db)) }
    }

    /// Runs `body` in one write transaction (``write(_:)``), over the shared queries' view of GRDB.
    func writeSQL<T>(_ body: (SQLiteTransaction) throws -> T) throws -> T {
        try write { db in try body(SQLiteTransaction(db)) }
    }
}
