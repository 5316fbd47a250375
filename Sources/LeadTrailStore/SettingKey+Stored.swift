import Foundation
import LeadTrailCore

extension SettingKey {
    /// The text a store keeps for `value`, after checking it: one rule for every store.
    public func storedValue(for value: String) throws(StoreError) -> String {
        switch self {
        case .currency:
            do { return try Currency(code: value).code } catch {
                throw StoreError.invalidSetting(key: rawValue, value: value, reason: error.description)
            }
        case .timezone:
            let name = value.trimmingWhitespace()
            // UTC by any of its names, in any case (`utc`, `Etc/UTC`, `GMT`).
            if Self.isUTCAlias(name) { return "UTC" }
            guard TimeZone(identifier: name) != nil else {
                throw StoreError.invalidSetting(
                    key: rawValue, value: value, reason: "expected an IANA time zone such as Europe/Moscow")
            }
            return name
        case .duplicateWindow:
            var text = value.trimmingWhitespace().lowercased()
            if text.hasSuffix("d") { text.removeLast() }
            guard let days = Int(text), days >= 0, days <= 3650 else {
                throw StoreError.invalidSetting(
                    key: rawValue, value: value, reason: "expected a number of days from 0 to 3650")
            }
            return String(days)
        case .csvDialect:
            guard let dialect = CSVDialect(parsing: value) else {
                throw StoreError.invalidSetting(key: rawValue, value: value, reason: "expected rfc4180 or excel-ru")
            }
            return dialect.rawValue
        }
    }

    /// The IANA names of UTC itself (`Etc/UTC`, `UCT`, `GMT`, `Etc/GMT+0`, `Zulu`, `Universal`…), stored as `UTC` so
    /// that `init --timezone Etc/UTC` on a `UTC` database repeats the setting instead of contradicting it.
    static func isUTCAlias(_ name: String) -> Bool {
        var text = name.uppercased()
        if text.hasPrefix("ETC/") { text.removeFirst(4) }
        for suffix in ["+0", "-0", "0"] where text.hasSuffix(suffix) && text.count > suffix.count {
            text.removeLast(suffix.count)
            break
        }
        return ["UTC", "UCT", "GMT", "ZULU", "UNIVERSAL", "GREENWICH"].contains(text)
    }
}

extension Settings {
    /// The settings of the stored `(key, value)` rows; unknown keys and unreadable values keep their defaults.
    public init(stored rows: [(key: String, value: String)]) {
        self.init()
        for (key, value) in rows {
            switch SettingKey(rawValue: key) {
            case .currency: if let currency = try? Currency(code: value) { self.currency = currency }
            case .timezone:
                if let zone = TimeZone(identifier: value) {
                    timeZone = zone
                    timeZoneName = value
                }
            case .duplicateWindow: if let days = Int(value) { duplicateWindowDays = days }
            case .csvDialect: if let dialect = CSVDialect(parsing: value) { csvDialect = dialect }
            case nil: break
            }
        }
    }
}
