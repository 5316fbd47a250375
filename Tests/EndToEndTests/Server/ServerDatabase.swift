#if Server
import Foundation
import GRDB

/// Reads what a server left in a workspace's database: the SQLite file, or the workspace's PostgreSQL database
/// (through `psql`, not the store under test). Table and column names are the same on both.
enum ServerDatabase {
    /// The first column of every row, as text (NULL as "NULL").
    static func strings(_ ws: Workspace, _ sql: String) throws -> [String] {
        if let postgres = ws.postgres {
            let text = try postgres.execute("SELECT coalesce(q.c::text, 'NULL') FROM (\(sql)) AS q(c)")
            return text.isEmpty ? [] : text.components(separatedBy: "\n")
        }
        let queue = try DatabaseQueue(path: ws.defaultDatabase.path)
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                let value: DatabaseValue = row[0]
                return value.isNull ? "NULL" : (String.fromDatabaseValue(value) ?? value.description)
            }
        }
    }

    static func count(_ ws: Workspace, _ sql: String) throws -> Int {
        if ws.postgres != nil { return try ws.integer(sql) }
        let queue = try DatabaseQueue(path: ws.defaultDatabase.path)
        return try queue.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }
}
#endif
