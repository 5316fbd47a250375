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

    /// Changes a setting. A new duplicate window judges every person's leads again under it, in the same write and
    /// under the exclusive judging lock (as an import of forms), as SQLite does.
    public func set(_ key: SettingKey, to value: String) throws {
        let stored = try key.storedValue(for: value)
        try write { db in
            let window = try Self.settings(db).duplicateWindowDays
            try db.execute(
                sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                arguments: [key.rawValue, stored])
            db.settings = nil
            guard key == .duplicateWindow, try Self.settings(db).duplicateWindowDays != window else { return }
            db.judgesExclusively = true
            try Self.rejudgePeople(
                db, contacts: Set(try db.column(String.self, sql: Self.everyRequestContact, arguments: [])))
        }
    }
}
#endif
