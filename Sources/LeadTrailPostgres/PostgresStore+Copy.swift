#if Postgres
import Foundation
public import LeadTrailStore
import GRDB
import PostgresNIO

extension PostgresStore {
    /// One table a copy filled: its name and how many rows it got.
    public struct CopiedTable: Sendable, Equatable {
        public var name: String
        public var rows: Int
    }

    /// The tables in the order their foreign keys need (a row's referenced rows come first); a table of a newer
    /// schema not named here is copied after them. `shared_contact` comes before `lead`, whose insert trigger would
    /// otherwise fill it first and meet the copied rows.
    static let copyOrder = [
        "setting", "import_batch", "campaign", "touch", "shared_contact", "lead", "lead_visitor", "stage_change", "lead_event", "deal",
        "refund", "spend", "exchange_rate", "submission", "batch_undo", "goal", "shared_click_id", "lead_redirect",
        "batch_version", "tracked_link", "api_token", "webhook_source", "meta_leadgen", "id_high_water",
    ]

    /// The tables a fresh database already has rows in (`init`'s settings, schema 23's high-water marks at 0): the
    /// copy replaces their rows with the source's.
    static let replacedByCopy: Set<String> = ["setting", "id_high_water"]

    /// SQLite's tables derived from its touches for its reports (schemas 17, 20 and 22): not copied. PostgreSQL
    /// keeps its own `visitor_path` in another form (schema 18), written from the copied touches as the copy commits;
    /// schema 20's lead paths and schema 22's day counts and dropped forms are SQLite's alone.
    static let sqliteOnly: Set<String> = [
        "visitor_path", "visitor_path_stale", "visitor_path_mark", "lead_path", "lead_path_stale", "touch_day",
        "touch_day_stale", "dropped_form",
    ]

    /// `leadtrail migrate --from sqlite:PATH --to postgres://…`: copies the whole SQLite database at `path` into this
    /// one, in one transaction, keeping every id, then moves each identity past the highest id copied.
    ///
    /// Refuses, changing nothing, a target that holds any row besides settings (a fresh `leadtrail init` may have
    /// set some; the source's replace them), and a source whose schema is not this build's (migrate it first).
    /// Before committing it checks each table's row count against the source's, then calls `verify` inside the
    /// transaction (this store's reads join it, so they see the copy): a throw there rolls everything back.
    ///
    /// - Returns: each table copied with its row count, in copy order.
    public func copy(
        fromSQLite path: String, verify: (PostgresStore) throws -> Void
    ) throws -> [CopiedTable] {
        let source = try Self.openSource(path)
        return try transaction { transaction in
            let rows = ReportRows(transaction: transaction)
            let tables = try Self.sourceTables(source, path: path)
            try refuseNonEmpty(tables, rows)
            for table in Self.replacedByCopy { try rows.execute("DELETE FROM \(table)") }
            var copied: [CopiedTable] = []
            for table in tables {
                let columns = try Self.sourceColumns(source, table: table)
                try checkColumns(table, columns, rows)
                let count = try Self.copyRows(of: table, columns: columns, from: source, path: path, to: rows)
                copied.append(CopiedTable(name: table, rows: count))
            }
            try resetIdentities(tables, rows)
            for table in copied {
                var found: Int64 = -1
                try rows.forEach("SELECT count(*)::bigint FROM \(Self.quoted(table.name))") { found = try $0.int() }
                guard found == Int64(table.rows) else {
                    throw StoreError.databaseFailure(
                        path: location.description,
                        reason: "table \(table.name) holds \(found) rows after the copy, not \(table.rows); nothing was copied")
                }
            }
            try Self.refreshStatistics(SQLConnection(transaction), of: copied.map { Self.quoted($0.name) })
            try verify(self)
            return copied
        }
    }

    /// The SQLite database, read-only, with its schema checked against this build's.
    private static func openSource(_ path: String) throws -> DatabaseQueue {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StoreError.noDatabase(path: path)
        }
        guard !isDirectory.boolValue else { throw StoreError.isFolder(path: path) }
        var configuration = Configuration()
        configuration.readonly = true
        let queue: DatabaseQueue
        let version: Int
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            version = try queue.read { db in
                guard try db.tableExists("schema_migration") else { return 0 }
                return try Int.fetchOne(db, sql: "SELECT coalesce(max(version), 0) FROM schema_migration") ?? 0
            }
        } catch {
            throw StoreError.notADatabase(path: path)
        }
        let known = SchemaMigrations.sqlite.last?.version ?? 0
        guard version > 0 else { throw StoreError.notADatabase(path: path) }
        guard version <= known else { throw StoreError.schemaTooNew(path: path, version: version, known: known) }
        guard version == known else { throw StoreError.schemaBehind(path: path, version: version, known: known) }
        return queue
    }

    private static func sourceTables(_ source: DatabaseQueue, path: String) throws -> [String] {
        let names = try source.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master
                    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migration'
                    ORDER BY name
                    """)
        }
        let known = copyOrder.filter(names.contains)
        return known + names.filter { !copyOrder.contains($0) && !sqliteOnly.contains($0) }
    }

    private static func sourceColumns(_ source: DatabaseQueue, table: String) throws -> [String] {
        try source.read { db in try db.columns(in: table).map(\.name) }
    }

    /// A table or column name quoted for SQL (`"name"`).
    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    private func refuseNonEmpty(_ tables: [String], _ rows: ReportRows) throws {
        var present: Set<String> = []
        try rows.forEach(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()"
        ) { present.insert(try $0.text()) }
        for table in tables where !Self.replacedByCopy.contains(table) {
            guard present.contains(table) else {
                throw StoreError.databaseFailure(
                    path: location.description,
                    reason: "it has no table \(table), which the SQLite database has; run 'leadtrail migrate' on it")
            }
            var any = false
            try rows.forEach("SELECT 1 FROM \(Self.quoted(table)) LIMIT 1") { _ in any = true }
            if any {
                throw StoreError.databaseFailure(
                    path: location.description,
                    reason: "it is not empty (table \(table) has rows); migrate copies into an empty database only")
            }
        }
    }

    private func checkColumns(_ table: String, _ columns: [String], _ rows: ReportRows) throws {
        var bindings = PostgresBindings()
        bindings.append(table)
        var present: Set<String> = []
        try rows.forEach(
            """
            SELECT column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1
            """, bindings
        ) { present.insert(try $0.text()) }
        if let missing = columns.first(where: { !present.contains($0) }) {
            throw StoreError.databaseFailure(
                path: location.description,
                reason: "table \(table) has no column \(missing), which the SQLite database has; run 'leadtrail migrate' on it")
        }
    }

    /// Copies one table's rows in multi-row inserts; returns how many.
    private static func copyRows(
        of table: String, columns: [String], from source: DatabaseQueue, path: String, to rows: ReportRows
    ) throws -> Int {
        let perStatement = max(1, 30_000 / max(columns.count, 1))
        let columnList = columns.map(quoted).joined(separator: ", ")
        let conflict = table == "setting" ? " ON CONFLICT (key) DO UPDATE SET value = excluded.value" : ""
        var bindings = PostgresBindings()
        var pending = 0
        var total = 0
        func flush() throws {
            guard pending > 0 else { return }
            var values: [String] = []
            values.reserveCapacity(pending)
            var number = 0
            for _ in 0..<pending {
                let row = (0..<columns.count).map { _ in
                    number += 1
                    return "$\(number)"
                }
                values.append("(" + row.joined(separator: ", ") + ")")
            }
            try rows.execute(
                "INSERT INTO \(quoted(table)) (\(columnList)) VALUES \(values.joined(separator: ", "))\(conflict)",
                bindings)
            bindings = PostgresBindings()
            pending = 0
        }
        try source.read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(columnList) FROM \(quoted(table))")
            while let row = try cursor.next() {
                for (index, column) in columns.enumerated() {
                    switch (row[index] as DatabaseValue).storage {
                    case .null: bindings.appendNull()
                    case .int64(let number): bindings.append(number)
                    case .string(let text): bindings.append(text)
                    case .double, .blob:
                        throw StoreError.databaseFailure(
                            path: path, reason: "column \(table).\(column) holds a value LeadTrail never stores")
                    }
                }
                pending += 1
                total += 1
                if pending == perStatement { try flush() }
            }
        }
        try flush()
        return total
    }

    /// Moves each identity column's sequence past the highest id copied, so the next row the store adds gets a new one.
    private func resetIdentities(_ tables: [String], _ rows: ReportRows) throws {
        for table in tables {
            var bindings = PostgresBindings()
            bindings.append(table)
            var sequence: String?
            try rows.forEach(
                """
                SELECT pg_get_serial_sequence(quote_ident($1), column_name::text)
                FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'YES'
                """, bindings
            ) { sequence = try $0.optionalText() }
            guard let sequence else { continue }
            var setBindings = PostgresBindings()
            setBindings.append(sequence)
            try rows.execute(
                "SELECT setval($1::regclass, coalesce((SELECT max(id) FROM \(Self.quoted(table))), 0) + 1, false)",
                setBindings)
        }
    }
}
#endif
