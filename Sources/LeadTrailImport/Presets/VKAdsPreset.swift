internal import LeadTrailCore

/// VK Ads (ads.vk.com) daily statistics CSV, Russian UI (docs/presets.md §5).
///
/// date = `Дата`/`День`/`Date`/`day` (`DD.MM.YYYY` or `YYYY-MM-DD`); campaign = `Кампания`/`Название
/// кампании`/`Campaign`/`name`; amount = `Потрачено`, `Расход`, `Списано`, `Потрачено всего` with an optional
/// currency suffix (`, ₽`, ` (₽)`, `, руб.`, ` (RUB)`), or `spent`/`amount`; the currency from the suffix, else
/// `--currency`; `Показы`/`shows`/`impressions`; `Клики`/`Переходы`/`clicks`; `Охват`/`reach`; engagements = the
/// sum of `Лайки`, `Комментарии`, `Репосты` when present. Russian number forms (`2 205,45`) are accepted. Rows
/// whose date is `Итого`/`Всего` are skipped. Platform `vk`.
enum VKAdsPreset {
    static let amountNames = ["потрачено всего", "потрачено", "расход", "списано", "spent", "amount"]

    static func genericObject(from source: JSONObject, options: ImportOptions) throws(RecordError) -> JSONObject? {
        let row = SpendRow(source)
        let date = row.text(["дата", "день", "date", "day"])
        if let date, ["итого", "всего", "total"].contains(date.lowercased()) { return nil }
        var result = JSONObject()
        if let date { result.set("date", .string(SpendRow.isoDate(date))) }
        row.copy(["кампания", "название кампании", "campaign", "name"], to: "campaign", into: &result)
        guard
            let amount = row.member(where: { header in
                amountNames.contains { name in
                    header == name || header.hasPrefix(name + ",") || header.hasPrefix(name + " (")
                }
            })
        else {
            throw RecordError(field: "amount", message: "no 'Потрачено, ₽' (spent) column")
        }
        if let text = amount.value.scalarText?.trimmingWhitespace(), !text.isEmpty, text != "--" {
            result.set("amount", .string(text))
        } else {
            result.set("amount", .string("0"))
        }
        if let currency = try HeaderCurrency.of(amount.header) ?? options.defaultCurrency {
            result.set("currency", .string(currency.code))
        } else {
            throw RecordError(
                field: "currency", message: "column '\(amount.header)' names no currency; give the account's currency")
        }
        row.copy(["показы", "shows", "impressions"], to: "impressions", into: &result)
        row.copy(["клики", "переходы", "clicks"], to: "clicks", into: &result)
        row.copy(["охват", "reach"], to: "reach", into: &result)
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
        return result
    }
}
