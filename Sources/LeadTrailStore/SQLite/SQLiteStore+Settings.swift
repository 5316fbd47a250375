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

    public func set(_ key: SettingKey, to value: String) throws {
        let stored = try key.storedValue(for: value)
        try write { db in
            try db.execute(
                sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                arguments: [key.rawValue, stored])
        }
    }
}
