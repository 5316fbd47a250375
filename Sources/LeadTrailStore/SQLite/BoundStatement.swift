import GRDB
internal import GRDBSQLite

/// A cached statement bound and stepped through SQLite's C API on GRDB's connection, for the writes an import makes
/// once per record.
///
/// GRDB's `execute(arguments:)` builds an array of existential values, copies it into a `StatementArguments` and
/// validates it on every call: for an insert of a dozen columns that costs as much as SQLite's own work (issue 17's
/// profile of `import forms` and `import clicks`). Here each value is bound as it is given, in column order, and the
/// statement is reset after its one step. Errors are GRDB's `DatabaseError`, with the extended result code GRDB
/// would give, so the store's error mapping sees them as before.
struct BoundStatement {
    private let statement: Statement
    private let db: Database
    private var position: Int32 = 0

    /// The statement of `sql`, from the connection's statement cache, with no value bound yet.
    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        self.db = db
        sqlite3_reset(statement.sqliteStatement)
        sqlite3_clear_bindings(statement.sqliteStatement)
    }

    private mutating func next() -> Int32 {
        position += 1
        return position
    }

    /// Binds the next parameter to an integer, or NULL.
    mutating func bind(_ value: Int64?) {
        let index = next()
        if let value {
            sqlite3_bind_int64(statement.sqliteStatement, index, value)
        } else {
            sqlite3_bind_null(statement.sqliteStatement, index)
        }
    }

    /// Binds the next parameter to 1 or 0, as GRDB stores a `Bool`.
    mutating func bind(_ value: Bool) {
        sqlite3_bind_int64(statement.sqliteStatement, next(), value ? 1 : 0)
    }

    /// Binds the next parameter to a text (copied by SQLite, every byte of it), or NULL.
    mutating func bind(_ value: String?) {
        let index = next()
        guard var value else {
            sqlite3_bind_null(statement.sqliteStatement, index)
            return
        }
        let handle = statement.sqliteStatement
        value.withUTF8 { bytes in
            if let start = bytes.baseAddress, !bytes.isEmpty {
                start.withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
                    _ = sqlite3_bind_text(handle, index, text, Int32(bytes.count), Self.transient)
                }
            } else {
                // An empty text is '' rather than NULL: SQLite takes a nil pointer for NULL.
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
            }
        }
    }

    /// Binds the next parameter to a blob of these bytes (copied by SQLite).
    mutating func bind(blob bytes: UnsafeRawBufferPointer) {
        _ = sqlite3_bind_blob(
            statement.sqliteStatement, next(), bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count),
            Self.transient)
    }

    /// Runs the statement once with the values bound, then resets it.
    func execute() throws {
        let handle = statement.sqliteStatement
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        guard code == SQLITE_DONE else {
            let connection = db.sqliteConnection
            let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
            let message = connection.map { String(cString: sqlite3_errmsg($0)) }
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: extended), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
    }

    /// SQLite's `SQLITE_TRANSIENT`: the text is copied before the bind returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
