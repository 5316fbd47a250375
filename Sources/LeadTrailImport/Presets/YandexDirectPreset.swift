internal import LeadTrailCore

/// Yandex Direct Reports API TSV (docs/presets.md §6): title line, header, rows, `Total rows: N`.
///
/// `Date` → date; `CampaignName` → campaign; `Impressions`, `Clicks`; `Cost` → amount: an integer is micros
/// (the API's default: currency × 1,000,000, rounded to 10,000), converted exactly; a decimal (`1234.56`, the
/// `returnMoneyInMicros: false` form) is major units; `ImportOptions.moneyInMicros` overrides the detection. The
/// currency is the account's, which the file does not carry: `--currency`/the base currency. `--` is absent.
/// Platform `yandex`.
enum YandexDirectPreset {
    static func genericObject(from source: JSONObject, options: ImportOptions) throws(RecordError) -> JSONObject? {
        let row = SpendRow(source)
        var result = JSONObject()
        if let date = row.text(["date"]) { result.set("date", .string(SpendRow.isoDate(date))) }
        row.copy(["campaignname", "campaign"], to: "campaign", into: &result)
        let cost = row.text(["cost"]) ?? "0"
        let isInteger = !cost.isEmpty && cost.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        if options.moneyInMicros ?? isInteger {
            guard isInteger else {
                throw RecordError(field: "amount", message: "Cost '\(cost)' is not a whole number of micros")
            }
            result.set("amount", .string(majorUnits(fromMicros: cost)))
        } else {
            result.set("amount", .string(cost))
        }
        guard let currency = options.defaultCurrency else {
            throw RecordError(
                field: "currency", message: "a Yandex Direct report has no currency; give the account's currency")
        }
        result.set("currency", .string(currency.code))
        row.copy(["impressions"], to: "impressions", into: &result)
        row.copy(["clicks"], to: "clicks", into: &result)
        result.set("platform", .string((options.platform ?? .yandex).rawValue))
        return result
    }

    /// `406620000` → `406.620000`: exact decimal text (Money.parse drops trailing zeros within the minor unit and
    /// rejects more precision than the currency has).
    static func majorUnits(fromMicros digits: String) -> String {
        var text = String(digits.drop(while: { $0 == "0" }))
        if text.count <= 6 { text = String(repeating: "0", count: 7 - text.count) + text }
        let split = text.index(text.endIndex, offsetBy: -6)
        var fraction = String(text[split...])
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? String(text[..<split]) : String(text[..<split]) + "." + fraction
    }
}
