import Foundation
import GRDB
public import LeadTrailCore

extension SQLiteStore {
    public func settings() throws -> Settings {
        try read { db in try Self.settings(db) }
    }

    static func settings(_ db: Database) throws -> Settings {
        Settings(stored: try Row.fetchAll(db, sql: "SELECT key, value FROM setting").map { ($0["key"], $0["value"]) })
    }

    /// Changes a setting. A new duplicate window judges every person's leads again under it, in the same write, so
    /// that the leads stay what the requests give under the window (SPEC "Duplicates"), not what the window said
    /// when each request arrived.
    public func set(_ key: SettingKey, to value: String) throws {
        let stored = try key.storedValue(for: value)
        try write { db in
            let window = try Self.duplicateWindow(db)
            try db.execute(
                sql:
                    "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                arguments: [key.rawValue, stored])
            if key == .duplicateWindow, try Self.duplicateWindow(db) != window {
                try Self.rejudgePeople(
                    db, contacts: Set(try String.fetchAll(db, sql: Self.everyRequestContact)))
            }
        }
    }
}
