internal import LeadTrailCore

/// Yandex Direct Reports API TSV (docs/presets.md §6): title line, header, rows, `Total rows: N`; also the web
/// interface's report (`Дата;Кампания;…;Расход (руб.)`, title lines, `1 172,45`, an `Итого` row the rows must add up
/// to), whose costs are currency units in the currency its header names.
///
/// `Date` → date; `CampaignName` → campaign; `CampaignId`/`№ Кампании` → campaign_id; `Impressions`, `Clicks`; `Cost` →
/// amount. Money is read by the file,
/// never by the cell: the costs are micros (the API's default: currency × 1,000,000, rounded to 10,000, converted
/// exactly) when `--money-in-micros yes` says so, or when every cost cell of the file is a whole multiple of 10,000
/// (``costForm(_:headers:)``); otherwise every cell is major units (`200`, `1234.56`: `returnMoneyInMicros: false`), unless a
/// cell of a million or more is whole micros too: then the file is refused. A row without a Cost value is an error;
/// `--` is 0. The
/// currency is the account's, which the file does not carry: `--currency`/the base currency. `--` is absent.
/// Platform `yandex`.
enum YandexDirectPreset {
    static let dateHeaders = ["date", "дата", "день"]
    static let campaignHeaders = ["campaignname", "campaign", "кампания", "название кампании"]
    /// The campaign's id: the Reports API's `CampaignId`, the web interface's `№ Кампании`.
    static let campaignIDHeaders = ["campaignid", "№ кампании", "id кампании", "campaign id", "campaign_id"]
    /// The Reports API's cost column (micros or units, decided by the file).
    static let apiCostHeaders = ["cost", "amount"]

    /// The cost columns in the order they are looked for: a `--map` naming `amount` points at the column to use, so
    /// its `amount` comes before the file's own `Cost`.
    static func costHeaders(_ options: ImportOptions) -> [String] {
        options.map?.targets.contains("amount") == true ? ["amount", "cost"] : apiCostHeaders
    }

    /// The web interface's cost column (`Расход (руб.)`, `Расход, ₽`, `Расход`): currency units, the currency in the
    /// header when it names one.
    static func isInterfaceCostHeader(_ header: String) -> Bool {
        header == "расход" || header.hasPrefix("расход (") || header.hasPrefix("расход,")
    }

    /// Why a table with these (normalised) headers cannot be read, or nil.
    static func headerProblem(_ headers: Set<String>, found: String) -> String? {
        if !dateHeaders.contains(where: headers.contains) {
            return "no 'Date' ('Дата') column (columns: \(found)): export the report by day (Reports API: Date in"
                + " FieldNames)"
        }
        if !campaignHeaders.contains(where: headers.contains) {
            return "no 'CampaignName' ('Кампания') column (columns: \(found)): export the report by campaign"
        }
        if !apiCostHeaders.contains(where: headers.contains), !headers.contains(where: isInterfaceCostHeader) {
            return "no 'Cost' ('Расход') column (columns: \(found))"
        }
        return nil
    }

    /// The web interface's total row (`Итого`): the cost it states, which the rows must add up to; nil for the API's.
    static func totalAmount(_ row: JSONObject) -> String? {
        guard let text = SpendRow(row).member(where: isInterfaceCostHeader)?.value.scalarText?.trimmingWhitespace(),
            !text.isEmpty, text != "--"
        else { return nil }
        return text
    }

    /// How a file writes its costs, decided by the whole file (docs/presets.md §6).
    enum CostForm {
        /// Every non-empty cost cell is a whole number and a multiple of 10,000 (the API rounds micros to 10,000).
        case micros
        /// Some cell is not whole micros (`200`, `1234.56`), and none looks like micros.
        case units
        /// Cells of both kinds: data row `micros.row` holds a cost of a million or more that is whole micros, data row
        /// `units.row` one that is not. A file cut off inside a number, or edited by hand: the file cannot tell.
        case mixed(micros: (row: Int, cost: String), units: (row: Int, cost: String))
    }

    /// The form of the costs of `rows` (each with its data row number). A cost of a million or more that is whole
    /// micros (one currency unit or more) beside a cost that is not makes the file `mixed`: read as units it would
    /// be a million times too much, read as micros the other cell is not money.
    static func costForm(_ rows: [(row: Int, object: JSONObject)], headers: [String] = apiCostHeaders) -> CostForm {
        var microsLike: (row: Int, cost: String)?
        var units: (row: Int, cost: String)?
        for (number, source) in rows {
            guard let cost = SpendRow(source).text(headers) else { continue }
            let isWhole = cost.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            let isMicros = isWhole && (cost.count < 4 ? !cost.contains(where: { $0 != "0" }) : cost.hasSuffix("0000"))
            if !isMicros {
                if units == nil { units = (number, cost) }
            } else if microsLike == nil, cost.drop(while: { $0 == "0" }).count >= 7 {
                microsLike = (number, cost)
            }
        }
        guard let units else { return .micros }
        guard let microsLike else { return .units }
        return .mixed(micros: microsLike, units: units)
    }

    /// The file's costs and clicks summed when its costs read as micros give less than 0.01 of the currency a click
    /// (`Cost` 10000 for 40 clicks is 0.01 for all 40): whole-unit costs that happen to be multiples of 10,000 (a report
    /// asked for with `returnMoneyInMicros: false`). Nil when the reading is plausible, or the file has no clicks.
    static func implausibleMicros(_ rows: [(row: Int, object: JSONObject)], headers: [String] = apiCostHeaders) -> (
        costs: String, clicks: Int64
    )? {
        var micros: Int64 = 0
        var clicks: Int64 = 0
        var first: String?
        for (_, source) in rows {
            let row = SpendRow(source)
            guard let cost = row.text(headers), let value = Int64(cost) else { continue }
            if first == nil, value > 0 { first = cost }
            let count = row.text(["clicks", "клики"]).flatMap { Int64($0.filter { !$0.isWhitespace }) } ?? 0
            let (costSum, costOverflow) = micros.addingReportingOverflow(value)
            let (clickSum, clickOverflow) = clicks.addingReportingOverflow(count)
            if costOverflow || clickOverflow { return nil }
            micros = costSum
            clicks = clickSum
        }
        // Below 0.01 a click: micros < clicks × 10,000. Costs all 0 read the same both ways (`first` is nil).
        guard clicks > 0, let first, micros / 10_000 < clicks else { return nil }
        return (first, clicks)
    }

    static func genericObject(from source: JSONObject, options: ImportOptions) throws(RecordError) -> JSONObject {
        let row = SpendRow(source)
        var result = JSONObject()
        if let date = row.text(dateHeaders) { result.set("date", .string(SpendRow.isoDate(date, options))) }
        row.copy(campaignHeaders, to: "campaign", into: &result)
        let api = row.member(costHeaders(options))
        let interface = api == nil ? row.member(where: isInterfaceCostHeader) : nil
        // A short row or an empty cell is no cost, not a zero one: a file cut short must not import as free days.
        guard let cell = (api ?? interface)?.value.scalarText?.trimmingWhitespace(), !cell.isEmpty else {
            throw RecordError(field: "amount", message: "the row has no Cost value (is the file cut short?)")
        }
        let cost = cell == "--" ? "0" : cell
        let isInteger = !cost.isEmpty && cost.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        if let interface {
            // The web interface writes currency units (`1 172,45`), in the currency its header names.
            result.set("amount", .string(cost))
            if let currency = try HeaderCurrency.of(interface.header) ?? options.defaultCurrency {
                result.set("currency", .string(currency.code))
            } else if !MapTargets.gives("currency", in: source, options) {
                throw RecordError(
                    field: "currency",
                    message: "column '\(interface.header)' names no currency; give the account's currency")
            }
        } else if options.moneyInMicros ?? isInteger {
            guard isInteger else {
                throw RecordError(
                    field: "amount",
                    message: "Cost '\(cost)' is not a whole number of micros, but the file's costs are read as micros")
            }
            result.set("amount", .string(majorUnits(fromMicros: cost)))
        } else {
            result.set("amount", .string(cost))
        }
        if interface == nil {
            if let currency = options.defaultCurrency {
                result.set("currency", .string(currency.code))
            } else if !MapTargets.gives("currency", in: source, options) {
                throw RecordError(
                    field: "currency", message: "a Yandex Direct report has no currency; give the account's with --currency (e.g. --currency RUB)")
            }
        }
        row.copy(["impressions", "показы"], to: "impressions", into: &result)
        row.copy(["clicks", "клики"], to: "clicks", into: &result)
        row.copy(campaignIDHeaders, to: "campaign_id", into: &result)
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
