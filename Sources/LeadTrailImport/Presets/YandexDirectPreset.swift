internal import LeadTrailCore

/// Yandex Direct Reports API TSV (docs/presets.md §6): title line, header, rows, `Total rows: N`.
///
/// `Date` → date; `CampaignName` → campaign; `Impressions`, `Clicks`; `Cost` → amount. Money is read by the file,
/// never by the cell: the costs are micros (the API's default: currency × 1,000,000, rounded to 10,000, converted
/// exactly) when `--money-in-micros yes` says so, or when every cost cell of the file is a whole multiple of 10,000
/// (``costsAreMicros(_:)``); otherwise every cell is major units (`200`, `1234.56`: `returnMoneyInMicros: false`). The
/// currency is the account's, which the file does not carry: `--currency`/the base currency. `--` is absent.
/// Platform `yandex`.
enum YandexDirectPreset {
    /// Why a table with these (normalised) headers cannot be read, or nil.
    static func headerProblem(_ headers: Set<String>, found: String) -> String? {
        for (names, label) in [(["date"], "Date"), (["campaignname", "campaign"], "CampaignName"), (["cost", "amount"], "Cost")]
        where !names.contains(where: headers.contains) {
            return "no '\(label)' column (columns: \(found)); request it in the report's FieldNames"
        }
        return nil
    }

    /// Whether the file's costs are micros: every non-empty cost cell is a whole number and a multiple of 10,000
    /// (the API rounds micros to 10,000). One cell like `200` or `1234.56` makes the whole file major units.
    static func costsAreMicros(_ rows: [JSONObject]) -> Bool {
        for source in rows {
            guard let cost = SpendRow(source).text(["cost", "amount"]) else { continue }
            guard cost.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            if cost.count < 4 ? cost.contains(where: { $0 != "0" }) : !cost.hasSuffix("0000") { return false }
        }
        return true
    }

    static func genericObject(from source: JSONObject, options: ImportOptions) throws(RecordError) -> JSONObject {
        let row = SpendRow(source)
        var result = JSONObject()
        if let date = row.text(["date"]) { result.set("date", .string(SpendRow.isoDate(date))) }
        row.copy(["campaignname", "campaign"], to: "campaign", into: &result)
        let cost = row.text(["cost", "amount"]) ?? "0"
        let isInteger = !cost.isEmpty && cost.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        if options.moneyInMicros ?? isInteger {
            guard isInteger else {
                throw RecordError(
                    field: "amount",
                    message: "Cost '\(cost)' is not a whole number of micros, but the file's costs are read as micros")
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
