internal import LeadTrailCore

/// Meta Ads Manager daily CSV export, English or Russian headers (docs/presets.md §4).
///
/// date = `Day`/`День`, else `Reporting starts`/`Дата начала отчетности`, which must equal `Reporting ends`
/// (a multi-day row is an error: not a daily export). campaign = `Campaign name`/`Название кампании`; amount =
/// `Amount spent (XXX)`/`Потраченная сумма (XXX)`/`Сумма затрат (XXX)`, the currency from the parentheses (else a
/// `Currency` column, else `--currency`); `Impressions`/`Показы`; `Reach`/`Охват`; clicks = `Link clicks`/`Клики по
/// ссылке`, else `Clicks (all)`/`Клики (все)`; `Campaign ID`/`ID кампании` → campaign_id; engagements = `Post engagements`/`Вовлеченность в публикацию`. Empty
/// cells are 0. Headers match case-insensitively with runs of spaces (U+00A0 too) collapsed, so `Reporting Starts`
/// and quoted headers read alike. The generic names (`date`, `campaign`, `amount`, `currency`) are read too, so a
/// `--map` can point them at other columns. A row with no campaign but an amount is the export's total row, which
/// the other rows must add up to. An ad- or ad-set-level export without a campaign column is refused (see
/// ``headerProblem(_:found:)``). The platform is `--platform` when given, else a `Platform` column's value, else the
/// preset's (``SpendPreset/fallbackPlatform``, `facebook`): the day is stored as Meta's, so a VK or Yandex row of the
/// same campaign and day is refused; the campaign keeps a platform it has (the export cannot tell Facebook from
/// Instagram).
enum MetaAdsPreset {
    static let amountPattern = ["amount spent", "потраченная сумма", "сумма затрат", "потрачена сума", "сума витрат"]
    static let campaignHeaders = ["campaign name", "название кампании", "campaign"]
    static let dayHeaders = ["day", "день", "date"]
    static let startHeaders = ["reporting starts", "дата начала отчетности", "начало отчетности"]
    static let endHeaders = ["reporting ends", "дата окончания отчетности", "окончание отчетности"]
    static let lowerLevelHeaders = [
        "ad set name", "ad name", "название группы объявлений", "название объявления", "группа объявлений",
        "объявление",
    ]

    /// Why a table with these (normalised) headers cannot be read, or nil.
    static func headerProblem(_ headers: Set<String>, found: String) -> String? {
        if !campaignHeaders.contains(where: headers.contains) {
            let lower = lowerLevelHeaders.filter(headers.contains)
            if !lower.isEmpty {
                let level = lower.contains(where: { $0.contains("set") || $0.contains("групп") }) ? "ad set" : "ad"
                return "a Meta Ads export at \(level) level (columns: \(found)) has no 'Campaign name' column:"
                    + " export it at campaign level broken down by day, add the 'Campaign name' column, or give"
                    + " --map with {\"fields\": {\"campaign\": \"<the column to use>\"}}"
            }
            return "no 'Campaign name' column (columns: \(found)); is this a Meta Ads Manager export?"
        }
        if !(dayHeaders + startHeaders).contains(where: headers.contains) {
            return "no 'Day' or 'Reporting starts' column (columns: \(found)): export the report broken down by day"
        }
        if !headers.contains(where: isAmountHeader) {
            return "no 'Amount spent (XXX)' column (columns: \(found))"
        }
        return nil
    }

    static func isAmountHeader(_ header: String) -> Bool {
        header == "amount" || amountPattern.contains(where: { header.hasPrefix($0) })
    }

    static func read(_ source: JSONObject, options: ImportOptions) throws(RecordError) -> SpendRowReading {
        let row = SpendRow(source)
        let amount = row.member(where: isAmountHeader)
        let amountText = amount?.value.scalarText?.trimmingWhitespace() ?? ""
        guard let campaign = row.text(campaignHeaders) else {
            // Meta's summary row has the period and the total but no campaign.
            return amountText.isEmpty ? .skip("no campaign and no amount") : .total(amount: amountText)
        }
        var result = JSONObject()
        result.set("campaign", .string(campaign))
        if let day = row.text(dayHeaders) {
            result.set("date", .string(SpendRow.isoDate(day, options)))
        } else if let starts = row.text(startHeaders) {
            let ends = row.text(endHeaders)
            if let ends, SpendRow.isoDate(ends, options) != SpendRow.isoDate(starts, options) {
                throw RecordError(
                    field: "date",
                    message: "the row covers \(starts) to \(ends): not a daily export (break the report down by day)")
            }
            result.set("date", .string(SpendRow.isoDate(starts, options)))
        } else {
            throw RecordError(field: "date", message: "no 'Day' or 'Reporting starts' value")
        }
        guard let amount else { throw RecordError(field: "amount", message: "no 'Amount spent (XXX)' column") }
        result.set("amount", .string(amountText.isEmpty ? "0" : amountText))
        let currency: Currency?
        if let fromHeader = try HeaderCurrency.of(amountHeader: amount.header, options: options) {
            currency = fromHeader
        } else if let code = row.text(["currency", "валюта"]) {
            do {
                currency = try Currency(code: code)
            } catch {
                throw RecordError(field: "currency", error)
            }
        } else {
            currency = options.defaultCurrency
        }
        guard let currency else {
            throw RecordError(
                field: "currency", message: "column '\(amount.header)' names no currency; give the account's currency")
        }
        result.set("currency", .string(currency.code))
        row.copy(["impressions", "показы"], to: "impressions", into: &result)
        row.copy(["reach", "охват"], to: "reach", into: &result)
        // `Clicks (all)` only when there is no `Link clicks` column: a blank link-clicks cell is a zero day.
        if row.member(["link clicks", "клики по ссылке", "clicks"]) != nil {
            row.copy(["link clicks", "клики по ссылке", "clicks"], to: "clicks", into: &result)
        } else {
            row.copy(["clicks (all)", "клики (все)"], to: "clicks", into: &result)
        }
        row.copy(
            [
                "post engagements", "post engagement", "вовлеченность в публикацию", "вовлечённость в публикацию",
                "engagements",
            ],
            to: "engagements", into: &result)
        row.copy(["campaign id", "id кампании", "идентификатор кампании", "campaign_id"], to: "campaign_id", into: &result)
        if let platform = options.platform {
            result.set("platform", .string(platform.rawValue))
        } else if let platform = row.text(["platform", "платформа"])?.lowercased(),
            Platform(rawValue: platform) != nil
        {
            result.set("platform", .string(platform))
        }
        return .row(result)
    }
}
