#if Postgres
package import LeadTrailStore
import PostgresNIO

/// The write side's view of a transaction: GRDB-like calls (`execute(sql:arguments:)`, `fetchOne`, `changesCount`)
/// so that the PostgreSQL store's code reads like the SQLite store's and the two stay easy to compare.
package final class SQLConnection: SQLTransaction {
    let transaction: PostgresTransaction
    /// Rows the last `execute` inserted, updated or deleted.
    package private(set) var changesCount = 0
    /// Set by a batch (an import, an undo): it judges people under the exclusive judging lock, so that a long
    /// transaction never waits in a circle with another; single requests take the shared lock and contact locks.
    var judgesExclusively = false
    /// Whether this transaction holds the judging lock (shared or exclusive) already.
    var holdsJudgingLock = false
    /// The contacts whose advisory locks this transaction holds already.
    var lockedContacts: Set<String> = []
    /// The tables whose numbering lock (``PostgresStore/nextID(_:table:)``) this transaction holds already: held to
    /// commit, so taking it again would only cost a round trip.
    var numberingLocks: Set<String> = []
    /// The settings as this transaction first read them: nothing in a store's transaction changes them after reading.
    var settings: Settings?

    init(_ transaction: PostgresTransaction) {
        self.transaction = transaction
    }

    var database: String { transaction.database }

    package var dialect: SQLDialect { .postgres }

    private func values(_ arguments: [(any SQLBindable)?]) -> [PostgresValue] {
        arguments.map { $0?.sqlValue ?? .null }
    }

    /// Runs a statement; `changesCount` tells how many rows it changed.
    package func execute(sql: String, arguments: [(any SQLBindable)?] = []) throws {
        changesCount = try transaction.session.run(sql, values(arguments)).changed
    }

    /// Every row of a query.
    package func fetchAll(sql: String, arguments: [(any SQLBindable)?] = []) throws -> [SQLRow] {
        let database = self.database
        return try transaction.session.run(sql, values(arguments)).rows.map { try SQLRow($0.source, database: database) }
    }

    /// The first row of a query, or nil.
    package func fetchOne(sql: String, arguments: [(any SQLBindable)?] = []) throws -> SQLRow? {
        guard let first = try transaction.session.run(sql, values(arguments)).rows.first else { return nil }
        return try SQLRow(first.source, database: database)
    }

    /// Every row of a query, one at a time until `body` returns false.
    package func forEachRow(sql: String, arguments: [(any SQLBindable)?], _ body: (SQLRow) throws -> Bool) throws {
        for row in try fetchAll(sql: sql, arguments: arguments) {
            guard try body(row) else { return }
        }
    }

    /// The first column of the first row, converted; nil when there is no row or the value is NULL.
    package func value<T: SQLValueConvertible>(
        _ type: T.Type = T.self, sql: String, arguments: [(any SQLBindable)?] = []
    ) throws -> T? {
        guard let first = try transaction.session.run(sql, values(arguments)).rows.first, first.count > 0 else {
            return nil
        }
        let value = try SQLRow.value(of: first.row[0], database: database)
        if case .null = value { return nil }
        return T(sqlValue: value)
    }

    /// The first column of every row, converted (NULLs dropped).
    package func column<T: SQLValueConvertible>(
        _ type: T.Type = T.self, sql: String, arguments: [(any SQLBindable)?] = []
    ) throws -> [T] {
        try transaction.session.run(sql, values(arguments)).rows.compactMap { row in
            let value = try SQLRow.value(of: row.row[0], database: database)
            if case .null = value { return nil }
            return T(sqlValue: value)
        }
    }

    /// Inserts with `RETURNING id` and returns the new row's id.
    func insertReturningID(sql: String, arguments: [(any SQLBindable)?] = []) throws -> Int64 {
        guard let id = try value(Int64.self, sql: sql + " RETURNING id", arguments: arguments) else {
            throw StoreError.databaseFailure(path: database, reason: "the new row got no id")
        }
        changesCount = 1
        return id
    }

    package func insertNumbered(into table: String, columns: [String], values: [(any SQLBindable)?]) throws -> Int64 {
        let id = try PostgresStore.nextID(self, table: table)
        try execute(
            sql: "INSERT INTO \(table) (id, \(columns.joined(separator: ", "))) VALUES (\(questionMarks(count: values.count + 1)))",
            arguments: [id] + values)
        return id
    }

    package func lockLead(_ id: Int64) throws {
        _ = try value(Int64.self, sql: "SELECT id FROM lead WHERE id = ? FOR UPDATE", arguments: [id])
    }

    package func lockDeal(_ id: Int64) throws {
        _ = try value(Int64.self, sql: "SELECT id FROM deal WHERE id = ? FOR UPDATE", arguments: [id])
    }

    /// The column itself, as PostgreSQL's store has always read it.
    package func stageCorrectionColumn() throws -> String { "correction" }
}
#endif
