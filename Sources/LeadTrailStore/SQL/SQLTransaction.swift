/// One open transaction of a store, as the queries both stores share see it: GRDB-like calls
/// (`execute(sql:arguments:)`, `fetchAll`, `fetchOne`, `value`, `column`) with `?` placeholders.
///
/// SQLite's is a thin wrapper over GRDB's `Database`; PostgreSQL's is its `SQLConnection`. Only small queries go
/// through it: the import and report loops keep each store's own fast statements.
package protocol SQLTransaction {
    /// The SQL this transaction speaks, for the fragments that differ.
    var dialect: SQLDialect { get }
    /// Rows the last `execute` inserted, updated or deleted.
    var changesCount: Int { get }

    /// Runs a statement; ``changesCount`` tells how many rows it changed.
    func execute(sql: String, arguments: [(any SQLBindable)?]) throws
    /// Every row of a query.
    func fetchAll(sql: String, arguments: [(any SQLBindable)?]) throws -> [SQLRow]
    /// The first row of a query, or nil.
    func fetchOne(sql: String, arguments: [(any SQLBindable)?]) throws -> SQLRow?
    /// Reads the rows of a query one at a time until `body` returns false: SQLite steps a cursor, so a limit stops
    /// the reading early.
    func forEachRow(sql: String, arguments: [(any SQLBindable)?], _ body: (SQLRow) throws -> Bool) throws
    /// The first column of the first row, converted; nil when there is no row or the value is NULL.
    func value<T: SQLValueConvertible>(_ type: T.Type, sql: String, arguments: [(any SQLBindable)?]) throws -> T?
    /// The first column of every row, converted (NULLs dropped).
    func column<T: SQLValueConvertible>(_ type: T.Type, sql: String, arguments: [(any SQLBindable)?]) throws -> [T]

    /// Inserts one row into a table numbered by `id` and returns the row's id.
    ///
    /// SQLite lets the rowid number it; PostgreSQL takes one more than the highest under the table's numbering
    /// lock, so that both stores give the same numbers for the same history.
    func insertNumbered(into table: String, columns: [String], values: [(any SQLBindable)?]) throws -> Int64

    /// Holds the lead's row until the transaction ends, so that two writers moving one lead are judged one after
    /// the other, and a hand edit never lands on a lead an `imports undo` is removing (SQLite's single writer needs
    /// nothing).
    func lockLead(_ id: Int64) throws

    /// Holds the deal's row until the transaction ends, as ``lockLead(_:)`` does a lead's.
    func lockDeal(_ id: Int64) throws

    /// The expression `stage_change.correction` reads as: the column, or a constant 0 on a SQLite database from
    /// before schema 9 (read before `leadtrail migrate`, it has no corrections yet).
    func stageCorrectionColumn() throws -> String
}

extension SQLTransaction {
    /// Runs a statement without arguments.
    package func execute(sql: String) throws {
        try execute(sql: sql, arguments: [])
    }

    /// Every row of a query without arguments.
    package func fetchAll(sql: String) throws -> [SQLRow] {
        try fetchAll(sql: sql, arguments: [])
    }
}

/// `?, ?, ?` for `count` values.
package func questionMarks(count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
}
