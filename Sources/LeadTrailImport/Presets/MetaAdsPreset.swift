internal import LeadTrailCore

/// Meta Ads Manager daily CSV export, English or Russian headers (docs/presets.md §4).
///
/// date = `Day`/`День`, else `Reporting starts`/`Дата начала отчетности`, which must equal `Reporting ends`
/// (a multi-day row is an error: not a daily export). campaign = `Campaign name`/`Название кампании`; amount =
/// `Amount spent (XXX)`/`Потраченная сумма (XXX)`/`Сумма затрат (XXX)`, the currency from the parentheses (else
/// `--currency`); `Impressions`/`Показы`; `Reach`/`Охват`; clicks = `Link clicks`/`Клики по ссылке`, else
/// `Clicks (all)`/`Клики (все)`; engagements = `Post engagements`/`Вовлеченность в публикацию`. Empty cells are 0.
/// Rows with no campaign (a summary row) are skipped. The platform is `--platform` when given, else a `Platform`
/// column's value, else left to the campaign (the export cannot tell Facebook from Instagram).
enum MetaAdsPreset {
    static let amountPattern = ["amount spent", "потраченная сумма", "сумма затрат", "потрачена сума", "сума витрат"]

    static func genericObject(from source: JSONObject, options: ImportOptions) throws(RecordError) -> JSONObject? {
        let row = SpendRow(source)
        guard let campaign = row.text(["campaign name", "название кампании"]) else { return nil }
        var result = JSONObject()
        result.set("campaign", .string(campaign))
        if let day = row.text(["day", "день"]) {
            result.set("date", .string(SpendRow.isoDate(day)))
        } else if let starts = row.text(["reporting starts", "дата начала отчетности", "начало отчетности"]) {
            let ends = row.text(["reporting ends", "дата окончания отчетности", "окончание отчетности"])
            if let ends, SpendRow.isoDate(ends) != SpendRow.isoDate(starts) {
                throw RecordError(
                    field: "date",
                    message: "the row covers \(starts) to \(ends): not a daily export (break the report down by day)")
            }
            result.set("date", .string(SpendRow.isoDate(starts)))
        } else {
            throw RecordError(field: "date", message: "no 'Day' or 'Reporting starts' column")
        }
        guard let amount = row.member(where: { header in amountPattern.contains(where: { header.hasPrefix($0) }) })
        else {
            throw RecordError(field: "amount", message: "no 'Amount spent (XXX)' column")
        }
        let amountText = amount.value.scalarText?.trimmingWhitespace() ?? ""
        result.set("amount", .string(amountText.isEmpty ? "0" : amountText))
        if let currency = try HeaderCurrency.of(amount.header) ?? options.defaultCurrency {
            result.set("currency", .string(currency.code))
        } else {
            throw RecordError(
                field: "currency", message: "column '\(amount.header)' names no currency; give the account's currency")
        }
        row.copy(["impressions", "показы"], to: "impressions", into: &result)
        row.copy(["reach", "охват"], to: "reach", into: &result)
        // `Clicks (all)` only when there is no `Link clicks` column: a blank link-clicks cell is a zero day.
        if row.member(["link clicks", "клики по ссылке"]) != nil {
            row.copy(["link clicks", "клики по ссылке"], to: "clicks", into: &result)
        } else {
            row.copy(["clicks (all)", "клики (все)"], to: "clicks", into: &result)
        }
        row.copy(
            ["post engagements", "post engagement", "вовлеченность в публикацию", "вовлечённость в публикацию"],
            to: "engagements", into: &result)
        if let platform = options.platform {
            result.set("platform", .string(platform.rawValue))
        } else if let platform = row.text(["platform", "платформа"])?.lowercased(),
            Platform(rawValue: platform) != nil
        {
            result.set("platform", .string(platform))
        }
        return result
    }
}
