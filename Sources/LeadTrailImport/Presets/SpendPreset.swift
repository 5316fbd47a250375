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
        if SpendPreset.isTotalRow(row) { return nil }
        switch self {
        case .generic: return row
        case .metaAds: return try MetaAdsPreset.genericObject(from: row, options: options)
        case .vkAds: return try VKAdsPreset.genericObject(from: row, options: options)
        case .yandexDirect: return try YandexDirectPreset.genericObject(from: row, options: options)
        }
    }

    /// A summary row of a spreadsheet export: its first value is `Итого`, `Всего`, `Total` or `Total rows: …`.
    static func isTotalRow(_ row: JSONObject) -> Bool {
        guard let first = row.values.first?.scalarText?.trimmingWhitespace().lowercased() else { return false }
        return first == "итого" || first == "всего" || first == "total" || first == "totals"
            || first.hasPrefix("total rows:")
            || first.hasPrefix("итого:")
    }
}
