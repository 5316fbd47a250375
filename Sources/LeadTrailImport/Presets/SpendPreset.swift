internal import LeadTrailCore

/// How an `import spend` file is laid out: LeadTrail's generic fields or an ad platform's daily export.
public enum SpendPreset: String, CaseIterable, Hashable, Sendable {
    /// The generic format (JSON, NDJSON, or CSV/TSV with the generic column names).
    case generic
    /// Meta Ads Manager CSV export broken down by day, English or Russian headers.
    case metaAds = "meta-ads"
    /// VK Ads (ads.vk.com) statistics CSV, Russian headers and number forms.
    case vkAds = "vk-ads"
    /// Yandex Direct Reports API TSV (title line, header, rows, `Total rows: N`).
    case yandexDirect = "yandex-direct"

    /// Whether the preset's files are tables (CSV/TSV) whatever their extension.
    public var readsTables: Bool { self != .generic }

    /// The generic spend object for one source row, or nil for a row that is not a day of spend (a total line).
    public func genericObject(from row: JSONObject, options: ImportOptions) throws(RecordError) -> JSONObject? {
        if case .row(let object) = try read(row, options: options) { return object }
        return nil
    }

    /// One source row read: a day of spend, the platform's total row, or a row that is not spend.
    func read(_ row: JSONObject, options: ImportOptions) throws(RecordError) -> SpendRowReading {
        switch self {
        case .generic: return SpendPreset.isTotalRow(row) ? .total(amount: nil) : .row(row)
        case .metaAds: return try MetaAdsPreset.read(row, options: options)
        case .vkAds: return try VKAdsPreset.read(row, options: options)
        case .yandexDirect:
            if SpendPreset.isTotalRow(row) { return .total(amount: YandexDirectPreset.totalAmount(row)) }
            return .row(try YandexDirectPreset.genericObject(from: row, options: options))
        }
    }

    /// Why a table with these column names (after `--map`) cannot be this preset's export, or nil when it can.
    func headerProblem(_ names: [String]) -> String? {
        let normalized = Set(names.map(SpendRow.normalize))
        let found = names.filter { !$0.isEmpty }.prefix(12).joined(separator: ", ")
        let isSpendColumn: (String) -> Bool
        switch self {
        case .generic: return nil
        case .metaAds:
            if let problem = MetaAdsPreset.headerProblem(normalized, found: found) { return problem }
            isSpendColumn = MetaAdsPreset.isAmountHeader
        case .vkAds:
            if let problem = VKAdsPreset.headerProblem(normalized, found: found) { return problem }
            isSpendColumn = VKAdsPreset.isAmountHeader
        case .yandexDirect: return YandexDirectPreset.headerProblem(normalized, found: found)
        }
        // Two columns of spend (two currencies, or spent and charged): reading the first would drop the other's
        // money. A `--map` naming `amount` says which.
        let spendColumns = names.filter { isSpendColumn(SpendRow.normalize($0)) }
        guard spendColumns.count > 1, !normalized.contains("amount") else { return nil }
        return
            "\(spendColumns.count) columns could be the spend (\(spendColumns.map { "'\($0)'" }.joined(separator: ", "))):"
            + " export one currency, or say which with --map {\"fields\": {\"amount\": \"<the column to use>\"}}"
    }

    /// The column a preset reads the spend from, among a table's (mapped) column names, and the currency its header
    /// names (`Потрачено, ₽`, `Amount spent (USD)`); nil when the header names none, and for the generic format (whose
    /// currency is a column).
    func amountColumnCurrency(_ names: [String], options: ImportOptions) -> (header: String, currency: Currency)? {
        let normalized = names.map(SpendRow.normalize)
        let isAmount: (String) -> Bool
        switch self {
        case .generic: return nil
        case .metaAds: isAmount = MetaAdsPreset.isAmountHeader
        case .vkAds: isAmount = VKAdsPreset.isAmountHeader
        case .yandexDirect:
            // The Reports API's `Cost` has no currency in its header, and is read before the interface's `Расход`.
            if YandexDirectPreset.costHeaders(options).contains(where: normalized.contains) { return nil }
            isAmount = YandexDirectPreset.isInterfaceCostHeader
        }
        guard let index = normalized.firstIndex(where: isAmount),
            let currency = try? HeaderCurrency.of(amountHeader: names[index], options: options)
        else { return nil }
        // A `--map` naming `amount` points at the column the user knows by its header.
        let mapped = options.map?.fields.first(where: { $0.generic == "amount" })?.source
        return (normalized[index] == "amount" ? mapped ?? names[index] : names[index], currency)
    }

    /// The platform a campaign of this kind of file runs on when its rows do not say: a Meta export cannot tell
    /// Facebook from Instagram, and the SPEC's platforms have no `meta`, so it is `facebook` — the platform the SPEC's
    /// inference gives `utm_source=meta` too. The day of spend is stored with it; a campaign takes it only while it has
    /// no platform (``Spend/fallbackPlatform``). VK and Yandex rows always name theirs.
    var fallbackPlatform: Platform? {
        self == .metaAds ? .facebook : nil
    }

    /// The platform's name for messages.
    var displayName: String {
        switch self {
        case .generic: "the generic format"
        case .metaAds: "a Meta Ads Manager export"
        case .vkAds: "a VK Ads statistics export"
        case .yandexDirect: "a Yandex Direct report"
        }
    }

    /// The preset that reads a table with these columns when the generic format cannot (its `date`, `campaign` or
    /// `amount` column is missing), or nil.
    static func suggested(forHeader names: [String]) -> SpendPreset? {
        let normalized = Set(names.map(SpendRow.normalize))
        if ["date", "campaign", "amount"].allSatisfy(normalized.contains) { return nil }
        return [SpendPreset.metaAds, .yandexDirect, .vkAds].first { $0.headerProblem(names) == nil }
    }

    /// A summary row of a spreadsheet export: its first value is `Итого`, `Всего`, `Total` or `Total rows: …`.
    static func isTotalRow(_ row: JSONObject) -> Bool {
        guard let first = row.values.first?.scalarText?.trimmingWhitespace().lowercased() else { return false }
        return first == "итого" || first == "всего" || first == "total" || first == "totals"
            || first.hasPrefix("total rows:")
            || first.hasPrefix("итого:")
    }
}
