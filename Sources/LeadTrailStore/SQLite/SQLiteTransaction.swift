import GRDB

/// GRDB's `Database` as a ``SQLTransaction``, for the queries both stores share.
///
/// Every call prepares its statement and reads its rows whole: fine for a lead, a deal or a goal, never used on the
/// import and report loops, which keep GRDB's cached statements.
package struct SQLiteTransaction: SQLTransaction {
    let db: Database

    init(_ db: Database) {
        self.db = db
    }

    package var dialect: SQLDialect { .sqlite }

    package var changesCount: Int { db.changesCount }

    private static func statementArguments(_ arguments: [(any SQLBindable)?]) -> StatementArguments {
        StatementArguments(
            arguments.map { argument -> DatabaseValue in
                switch argument?.sqlValue ?? .null {
                case .null: .null
                case .integer(let value): value.databaseValue
                case .text(let text): text.databaseValue
                }
            })
    }

    private static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let integer): .integer(integer)
        case .string(let text): .text(text)
        // LeadTrail's schema stores neither; read as SQLite would print them.
        case .double(let real): .text(String(real))
        case .blob(let bytes): .text(String(decoding: bytes, as: UTF8.self))
        }
    }

    private static func row(_ row: Row) -> SQLRow {
        var values: [String: SQLValue] = [:]
        for (column, value) in row { values[column] = Self.value(value) }
        return SQLRow(values: values)
    }

    package func execute(sql: String, arguments: [(any SQLBindable)?]) throws {
        try db.execute(sql: sql, arguments: Self.statementArguments(arguments))
    }

    package func fetchAll(sql: String, arguments: [(any SQLBindable)?]) throws -> [SQLRow] {
        try Row.fetchAll(db, sql: sql, arguments: Self.statementArguments(arguments)).map(Self.row)
    }

    package func fetchOne(sql: String, arguments: [(any SQLBindable)?]) throws -> SQLRow? {
        try Row.fetchOne(db, sql: sql, arguments: Self.statementArguments(arguments)).map(Self.row)
    }

    package func forEachRow(sql: String, arguments: [(any SQLBindable)?], _ body: (SQLRow) throws -> Bool) throws {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: Self.statementArguments(arguments))
        while let row = try rows.next() {
            guard try body(Self.row(row)) else { return }
        }
    }

    package func value<T: SQLValueConvertible>(_ type: T.Type, sql: String, arguments: [(any SQLBindable)?]) throws
        -> T?
    {
        guard let row = try Row.fetchOne(db, sql: sql, arguments: Self.statementArguments(arguments)), row.count > 0
        else { return nil }
        let value = Self.value(row[0] as DatabaseValue)
        if case .null = value { return nil }
        return T(sqlValue: value)
    }

    package func column<T: SQLValueConvertible>(_ type: T.Type, sql: String, arguments: [(any SQLBindable)?]) throws
        -> [T]
    {
        try Row.fetchAll(db, sql: sql, arguments: Self.statementArguments(arguments)).compactMap { row in
            guard row.count > 0 else { return nil }
            let value = Self.value(row[0] as DatabaseValue)
            if case .null = value { return nil }
            return T(sqlValue: value)
        }
    }

    package func insertNumbered(into table: String, columns: [String], values: [(any SQLBindable)?]) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO \(table) (id, \(columns.joined(separator: ", ")))
                VALUES (\(SQLDialect.sqlite.nextID(table)), \(questionMarks(count: values.count)))
                """,
            arguments: Self.statementArguments(values))
        return db.lastInsertedRowID
    }

    package func lockLead(_ id: Int64) throws {}

    package func lockDeal(_ id: Int64) throws {}

    package func stageCorrectionColumn() throws -> String {
        try SQLiteStore.correctionColumn(db)
    }
}
