import GRDB
internal import GRDBSQLite

/// The current row of a statement stepped through SQLite's C API on GRDB's connection: the loops over a year's
/// touches run once per row, and GRDB's `Row` costs more there than the work itself. Valid until the next step.
struct RawRow {
    let handle: SQLiteStatement

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func optionalInt64(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    func text(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return String(
            decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }

    /// A blob's bytes, without copying them (empty for NULL or an empty blob).
    func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let bytes = sqlite3_column_blob(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// The text's bytes, without copying them.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let text = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }
}

/// The rows of one execution of a statement, stepped through SQLite's C API (see ``RawRow``).
struct RawRows {
    let statement: Statement
    let db: Database

    init(_ statement: Statement, arguments: StatementArguments, _ db: Database) throws {
        try statement.setArguments(arguments)
        self.statement = statement
        self.db = db
    }

    init(_ db: Database, sql: String, arguments: StatementArguments) throws {
        try self.init(try db.makeStatement(sql: sql), arguments: arguments, db)
    }

    func next() throws -> RawRow? {
        switch sqlite3_step(statement.sqliteStatement) {
        case SQLITE_ROW: return RawRow(handle: statement.sqliteStatement)
        case SQLITE_DONE:
            sqlite3_reset(statement.sqliteStatement)
            return nil
        case let code:
            let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
            sqlite3_reset(statement.sqliteStatement)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }
}
