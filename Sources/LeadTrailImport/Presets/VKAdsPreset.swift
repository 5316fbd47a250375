internal import LeadTrailCore

/// VK Ads (ads.vk.com) daily statistics CSV, Russian UI (docs/presets.md §5).
///
/// date = `Дата`/`День`/`Date`/`day` (`DD.MM.YYYY` or `YYYY-MM-DD`); campaign = `Кампания`/`Название
/// кампании`/`Campaign`/`name`; amount = `Потрачено`, `Расход`, `Списано`, `Потрачено всего` with an optional
/// currency suffix (`, ₽`, ` (₽)`, `, руб.`, ` (RUB)`), or `spent`/`amount`; the currency from the suffix, else
/// `--currency`; `ID кампании`/`Campaign ID` → campaign_id; `Показы`/`shows`/`impressions`; `Клики`/`Переходы`/`clicks`; `Охват`/`reach`; engagements = the
/// sum of `Лайки`, `Комментарии`, `Репосты` when present. Russian number forms (`2 205,45`) are accepted. Rows
/// whose date is `Итого`/`Всего` are the export's total row, which the other rows must add up to. Platform `vk`.
enum VKAdsPreset {
    static let amountNames = ["потрачено всего", "потрачено", "расход", "списано", "spent", "amount"]
    static let dateHeaders = ["дата", "день", "date", "day"]
    static let campaignHeaders = ["кампания", "название кампании", "campaign", "name"]

    static func isAmountHeader(_ header: String) -> Bool {
        amountNames.contains { name in header == name || header.hasPrefix(name + ",") || header.hasPrefix(name + " (") }
    }

    /// Why a table with these (normalised) headers cannot be read, or nil.
    static func headerProblem(_ headers: Set<String>, found: String) -> String? {
        if !dateHeaders.contains(where: headers.contains) {
            return "no 'Дата' (date) column (columns: \(found)); export the statistics by day"
        }
        if !campaignHeaders.contains(where: headers.contains) {
            return "no 'Кампания' (campaign) column (columns: \(found)); export the statistics by campaign,"
                + " or give --map with {\"fields\": {\"campaign\": \"<the column to use>\"}}"
        }
        if !headers.contains(where: isAmountHeader) {
            return "no 'Потрачено, ₽' (spent) column (columns: \(found))"
        }
        return nil
    }

    static func read(_ source: JSONObject, options: ImportOptions) throws(RecordError) -> SpendRowReading {
        let row = SpendRow(source)
        let date = row.text(dateHeaders)
        let amount = row.member(where: isAmountHeader)
        if SpendPreset.isTotalRow(source)
            || date.map({ ["итого", "всего", "total"].contains($0.lowercased()) }) == true
        {
            let text = amount?.value.scalarText?.trimmingWhitespace() ?? ""
            return .total(amount: text.isEmpty || text == "--" ? nil : text)
        }
        var result = JSONObject()
        if let date { result.set("date", .string(SpendRow.isoDate(date, options))) }
        row.copy(campaignHeaders, to: "campaign", into: &result)
        guard let amount else {
            throw RecordError(field: "amount", message: "no 'Потрачено, ₽' (spent) column")
        }
        if let text = amount.value.scalarText?.trimmingWhitespace(), !text.isEmpty, text != "--" {
            result.set("amount", .string(text))
        } else {
            result.set("amount", .string("0"))
        }
        if let currency = try HeaderCurrency.of(amountHeader: amount.header, options: options)
            ?? options.defaultCurrency
        {
            result.set("currency", .string(currency.code))
        } else if !MapTargets.gives("currency", in: source, options) {
            throw RecordError(
                field: "currency", message: "column '\(amount.header)' names no currency; give the account's currency")
        }
        row.copy(["показы", "shows", "impressions"], to: "impressions", into: &result)
        row.copy(["клики", "переходы", "clicks"], to: "clicks", into: &result)
        row.copy(["охват", "reach"], to: "reach", into: &result)
        row.copy(["id кампании", "campaign id", "campaign_id"], to: "campaign_id", into: &result)
        var engagements: Int64 = 0
        var hasEngagements = false
        for name in ["лайки", "комментарии", "репосты"] {
            guard let text = row.text([name]) else { continue }
            var probe = JSONObject()
            probe.set(name, .string(text))
            engagements += try probe.count(name, allowsSpaces: true)
            hasEngagements = true
        }
        if hasEngagements { result.set("engagements", .number(String(engagements))) }
        result.set("platform", .string((options.platform ?? .vk).rawValue))
        return .row(result)
    }
}
