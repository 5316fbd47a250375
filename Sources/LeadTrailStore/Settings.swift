public import Foundation
public import LeadTrailCore

/// The configuration a database carries: base currency, time zone, duplicate window, CSV dialect.
public struct Settings: Sendable, Equatable {
    /// Reports convert money into this currency unless `--currency` says otherwise. RUB until set.
    public var currency: Currency
    /// Report periods are calendar dates here; a time without an offset is read here. UTC until set.
    public var timeZone: TimeZone
    /// The zone's IANA name as configured (`UTC`, `Europe/Moscow`): Foundation on Linux calls UTC "GMT".
    public var timeZoneName: String
    /// A submission matching a lead created this many days before is a duplicate. 30 until set.
    public var duplicateWindowDays: Int
    /// How `--format csv` writes when `--csv-dialect` is not given. RFC 4180 until set.
    public var csvDialect: CSVDialect = .rfc4180

    public init(currency: Currency = .rub, timeZoneName: String = "UTC", duplicateWindowDays: Int = 30) {
        self.currency = currency
        self.timeZone = TimeZone(identifier: timeZoneName) ?? TimeZone(secondsFromGMT: 0)!
        self.timeZoneName = timeZoneName
        self.duplicateWindowDays = duplicateWindowDays
    }
}

/// The keys of `config set|get`.
public enum SettingKey: String, CaseIterable, Sendable {
    case currency
    case timezone
    case duplicateWindow = "duplicate-window"
    case csvDialect = "csv-dialect"

    /// Parses a key as users write it (`duplicate_window` too).
    public init(parsing text: String) throws(StoreError) {
        let normalized = text.trimmingWhitespace().lowercased().replacingOccurrences(of: "_", with: "-")
        guard let key = SettingKey(rawValue: normalized) else { throw .unknownSetting(text) }
        self = key
    }
}
