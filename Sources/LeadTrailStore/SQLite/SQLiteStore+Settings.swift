import Foundation
import GRDB
public import LeadTrailCore

extension SQLiteStore {
    public func settings() throws -> Settings {
        try read { db in try Self.settings(db) }
    }

    static func settings(_ db: Database) throws -> Settings {
        var settings = Settings()
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM setting") {
            let value: String = row["value"]
            switch SettingKey(rawValue: row["key"]) {
            case .currency: if let currency = try? Currency(code: value) { settings.currency = currency }
            case .timezone:
                if let zone = TimeZone(identifier: value) {
                    settings.timeZone = zone
                    settings.timeZoneName = value
                }
            case .duplicateWindow: if let days = Int(value) { settings.duplicateWindowDays = days }
            case .csvDialect: if let dialect = CSVDialect(parsing: value) { settings.csvDialect = dialect }
            case nil: break
            }
        }
        return settings
    }

    public func set(_ key: SettingKey, to value: String) throws {
        let stored: String
        switch key {
        case .currency:
            do { stored = try Currency(code: value).code } catch {
                throw StoreError.invalidSetting(key: key.rawValue, value: value, reason: error.description)
            }
        case .timezone:
            let name = value.trimmingWhitespace()
            guard let zone = TimeZone(identifier: name) else {
                throw StoreError.invalidSetting(
                    key: key.rawValue, value: value, reason: "expected an IANA time zone such as Europe/Moscow")
            }
            stored = name == "GMT" || zone.secondsFromGMT() == 0 && name.uppercased() == "UTC" ? "UTC" : name
        case .duplicateWindow:
            var text = value.trimmingWhitespace().lowercased()
            if text.hasSuffix("d") { text.removeLast() }
            guard let days = Int(text), days >= 0, days <= 3650 else {
                throw StoreError.invalidSetting(
                    key: key.rawValue, value: value, reason: "expected a number of days from 0 to 3650")
            }
            stored = String(days)
        case .csvDialect:
            guard let dialect = CSVDialect(parsing: value) else {
                throw StoreError.invalidSetting(key: key.rawValue, value: value, reason: "expected rfc4180 or excel-ru")
            }
            stored = dialect.rawValue
        }
        try write { db in
            try db.execute(
                sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                arguments: [key.rawValue, stored])
        }
    }
}
