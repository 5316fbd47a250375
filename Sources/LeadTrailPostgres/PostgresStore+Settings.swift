#if Postgres
public import LeadTrailCore
public import LeadTrailStore

extension PostgresStore {
    public func settings() throws -> Settings {
        try transaction(readOnly: true) { db in try Self.settings(db) }
    }

    static func settings(_ db: PostgresTransaction) throws -> Settings {
        Settings(stored: try db.rows("SELECT key, value FROM setting").map { (try $0.text("key"), try $0.text("value")) })
    }

    /// The settings, read once per transaction (an import judges every request against the same duplicate window).
    static func settings(_ db: SQLConnection) throws -> Settings {
        if let settings = db.settings { return settings }
        let settings = try settings(db.transaction)
        db.settings = settings
        return settings
    }

    public func set(_ key: SettingKey, to value: String) throws {
        let stored = try key.storedValue(for: value)
        try transaction { db in
            try db.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [.text(key.rawValue), .text(stored)])
        }
    }
}
#endif
