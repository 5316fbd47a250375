#if Server
import Foundation
import GRDB

/// Reads what a server left in a workspace's database.
enum ServerDatabase {
    /// The first column of every row, as text (NULL as "NULL").
    static func strings(_ ws: Workspace, _ sql: String) throws -> [String] {
        let queue = try DatabaseQueue(path: ws.defaultDatabase.path)
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                let value: DatabaseValue = row[0]
                return value.isNull ? "NULL" : (String.fromDatabaseValue(value) ?? value.description)
            }
        }
    }

    static func count(_ ws: Workspace, _ sql: String) throws -> Int {
        let queue = try DatabaseQueue(path: ws.defaultDatabase.path)
        return try queue.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }
}
#endif
