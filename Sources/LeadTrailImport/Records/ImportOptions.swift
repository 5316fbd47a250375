public import Foundation
public import LeadTrailCore

/// What an import needs besides the file: how to read times, what to do for records that lack a time or a
/// currency, and an optional `--map`.
public struct ImportOptions: Sendable {
    /// The zone for times written without an offset (the configured `timezone`).
    public var timeZone: TimeZone
    /// The time of the import: the time of preset records that carry none of their own (Tilda, VK callbacks).
    public var importTime: Timestamp
    /// The currency of spend exports that have no currency column (Yandex Direct, VK Ads); nil makes such a file an
    /// error naming the missing currency.
    public var defaultCurrency: Currency?
    /// The `--map` applied to every source object before the preset or generic mapping.
    public var map: FieldMap?
    /// The platform of every row of a spend export that does not say (`--platform`); nil leaves the campaign's.
    public var platform: Platform?
    /// Whether Yandex Direct `Cost` values are micros; nil lets the file decide (docs/presets.md §6).
    public var moneyInMicros: Bool?
    /// Whether a spend export's dates written with slashes (`01/10/2026`) put the day first (`--date-order dmy`) or
    /// the month (`mdy`); nil lets the file decide (``SpendFileReader``).
    public var slashDatesDayFirst: Bool?
    /// The files' text encoding (`--encoding`); UTF-8 by default, never guessed.
    public var encoding: TextEncoding = .utf8
    /// The sheet of an `.xlsx` workbook to read (`--sheet`); nil reads the first.
    public var sheet: String?
    /// Whether a file with no records (a spend file: no rows, or only skipped ones) is accepted (`--allow-empty`)
    /// instead of refused.
    public var allowsEmpty = false
    /// Whether a spend file may move days stored for a platform's campaign id under another name to the name it gives
    /// (`--accept-renames`: the campaign was renamed in the platform); otherwise such a file is refused.
    public var acceptsRenames = false

    /// Options for one import.
    public init(
        timeZone: TimeZone = TimeZone(identifier: "UTC")!, importTime: Timestamp, defaultCurrency: Currency? = nil,
        map: FieldMap? = nil, platform: Platform? = nil, moneyInMicros: Bool? = nil
    ) {
        self.platform = platform
        self.moneyInMicros = moneyInMicros
        self.timeZone = timeZone
        self.importTime = importTime
        self.defaultCurrency = defaultCurrency
        self.map = map
    }
}
