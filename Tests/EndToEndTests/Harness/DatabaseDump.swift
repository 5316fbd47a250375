import Foundation
import GRDB

/// The whole content of a database as text, so a test can say "the database is unchanged" by comparing two dumps.
///
/// Lists the schema (`sqlite_master`), then every table in name order with every row ordered by all its columns,
/// each value as SQLite text (`'text'`, `12`, `NULL`).
enum DatabaseDump {
    /// The dump of every table but those `excluded` (e.g. `import_batch`, which keeps an undone batch as history).
    static func of(_ file: URL, excluding excluded: Set<String> = []) throws -> String {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: file.path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            var out = "-- schema\n"
            for row in try Row.fetchAll(
                db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name, tbl_name")
            {
                out += row.databaseValues.map(\.description).joined(separator: " | ") + "\n"
            }
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            for table in tables where !excluded.contains(table) {
                let columns = try db.columns(in: table).map(\.name)
                let order = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
                let rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY \(order)")
                out += "-- table \(table) (\(columns.joined(separator: ", "))): \(rows.count) rows\n"
                for row in rows {
                    out += row.databaseValues.map(\.description).joined(separator: " | ") + "\n"
                }
            }
            return out
        }
    }

    /// Runs a statement on the database (to set up a situation the binary must cope with).
    static func execute(_ file: URL, sql: String, arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
    }
}
