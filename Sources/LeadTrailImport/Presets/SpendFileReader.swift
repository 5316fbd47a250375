internal import Foundation
internal import LeadTrailCore

/// Reads a whole spend file and keeps the SPEC's promise that nothing in it disappears silently
/// ("Precise rules", Spend).
///
/// Spend files are small (a row per day and campaign), so the file is read whole before its first item is handed on.
/// That lets the file, not a cell, decide how it is read (Yandex micros), and lets the rows be checked together:
///
/// - A preset's header is checked first: an export at the wrong level or without the needed columns is refused,
///   naming the columns found (``SpendPreset/headerProblem(_:)``).
/// - The rows of one day and campaign (ad sets, ads, regions, two campaigns with one name) are summed into the first
///   of them, in a preset's file and in a generic one alike (a Google Ads export mapped with `--map` has a row per ad
///   group); the others are counted as skipped with "summed into data row N". This is the only place that rule lives.
/// - The platform's own total row is recognised and the rows must add up to it, to the minor unit; Yandex's
///   `Total rows: N` must equal the data rows read. A mismatch refuses the file naming both figures.
/// - A file with no rows of spend (empty, or every row skipped) is refused unless `ImportOptions.allowsEmpty`.
final class SpendFileReader {
    let source: any RawRecordSource
    private let preset: SpendPreset
    private let options: ImportOptions
    private let isTable: Bool
    private var items: [ImportItem<SpendRecord>] = []
    /// What the file's checks could not settle, for the import's summary: a total row not checked because some rows
    /// were rejected (`--skip-invalid`), so the rows kept cannot be held to it.
    private(set) var notes: [String] = []
    private var position = 0
    private var loaded = false

    init(source: any RawRecordSource, preset: SpendPreset, options: ImportOptions, isTable: Bool) {
        self.source = source
        self.preset = preset
        self.options = options
        self.isTable = isTable
    }

    func next() throws(ImportFileError) -> ImportItem<SpendRecord>? {
        if !loaded {
            try load()
            loaded = true
        }
        guard position < items.count else { return nil }
        defer { position += 1 }
        return items[position]
    }

    private func fileError(_ message: String, line: Int? = nil, row: Int? = nil) -> ImportFileError {
        ImportFileError(file: source.fileName, record: row, numbering: source.numbering, line: line, message: message)
    }

    private func load() throws(ImportFileError) {
        let table = source as? any TableSource
        if let table {
            var probe = JSONObject()
            for name in table.header where !name.isEmpty { probe.append(name, .string("")) }
            let names = ImportStream<SpendRecord>.mapped(probe, options).keys
            if let problem = preset.headerProblem(Array(names)) {
                // The wrong preset for a platform's export: say which one reads it.
                let other = SpendPreset.suggested(forHeader: table.header).map {
                    "; this looks like \($0.displayName): give --preset \($0.rawValue)"
                }
                throw fileError(problem + (other ?? ""), line: table.headerLine)
            }
            if let given = options.defaultCurrency,
                let (header, currency) = preset.amountColumnCurrency(Array(names), options: options), currency != given
            {
                // `--currency` names the account's currency for a file that has none; a file that says is not overruled.
                throw fileError(
                    "column '\(header)' is in \(currency.code), but --currency says \(given.code): leave --currency out,"
                        + " or give --currency \(currency.code)", line: table.headerLine)
            }
            if preset == .generic, options.map == nil, let suggested = SpendPreset.suggested(forHeader: table.header) {
                throw fileError(
                    "this looks like \(suggested.displayName), not the generic format (date, campaign, amount,"
                        + " currency): give --preset \(suggested.rawValue)", line: table.headerLine)
            }
            // A generic table without a needed column is refused at its header, naming what it has (`Date` is
            // not `date`), rather than at every row as "field 'date' is required".
            if preset == .generic {
                let needed = ["date", "campaign", "amount"] + (options.defaultCurrency == nil ? ["currency"] : [])
                if let missing = needed.first(where: { !names.contains($0) }) {
                    let columns = table.header.filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: ", ")
                    throw fileError(
                        "no column '\(missing)': the columns are \(columns); the generic format's are named in lower"
                            + " case (date, campaign, amount, currency), or name yours in --map"
                            + (missing == "currency" ? ", or give --currency" : ""), line: table.headerLine)
                }
            }
        }
        var raws: [RawRecord] = []
        while let raw = try source.next() { raws.append(raw) }
        var fileOptions = options
        let objects = raws.map { raw in (try? raw.object.get()).map { ImportStream<SpendRecord>.mapped($0, options) } }
        // A generic table reads dates as the presets do (`01.10.2026`, `01/10/2026`); generic JSON stays ISO.
        if preset != .generic || isTable, fileOptions.slashDatesDayFirst == nil {
            fileOptions.slashDatesDayFirst = try slashDateOrder(raws, objects)
        }
        if preset == .yandexDirect, fileOptions.moneyInMicros == nil {
            let rows = zip(raws, objects).compactMap { raw, object in object.map { (raw.number, $0) } }
            let headers = YandexDirectPreset.costHeaders(options)
            switch YandexDirectPreset.costForm(rows, headers: headers) {
            case .micros:
                if let (cost, clicks) = YandexDirectPreset.implausibleMicros(rows, headers: headers) {
                    // Whole-unit costs that are multiples of 10,000 read as micros store kopecks for a day: ask.
                    throw fileError(
                        "the Cost cells read two ways: as micros (currency × 1,000,000, the API's default) '\(cost)' is"
                            + " \(YandexDirectPreset.majorUnits(fromMicros: cost)) and the file's \(clicks) clicks cost"
                            + " less than 0.01 each; as currency units (returnMoneyInMicros: false) '\(cost)' is \(cost):"
                            + " say which with --money-in-micros yes or no")
                }
                fileOptions.moneyInMicros = true
            case .units: fileOptions.moneyInMicros = false
            case .mixed(let micros, let units):
                let line = raws.first(where: { $0.number == units.row })?.line
                throw fileError(
                    "the Cost cells disagree: data row \(micros.row) has '\(micros.cost)', whole micros (currency ×"
                        + " 1,000,000), data row \(units.row) has '\(units.cost)', which is not: the file may be cut"
                        + " short; if it is whole, say how it writes money with --money-in-micros yes or no",
                    line: line, row: units.row)
            }
        }
        var totals: [(item: Int, amount: String)] = []
        var groups: [String: Int] = [:]
        var idNames: [String: (key: String, name: String, row: Int)] = [:]
        var rejected = 0
        var skipReasons: [String] = []
        for (index, raw) in raws.enumerated() {
            let outcome: ImportOutcome<SpendRecord>
            switch raw.object {
            case .failure(let error): outcome = .rejected(error)
            case .success:
                do throws(RecordError) {
                    switch try preset.read(objects[index] ?? JSONObject(), options: fileOptions) {
                    case .row(var generic):
                        if preset != .generic, let map = options.map, let mapped = objects[index] {
                            // The map wins over the preset; a mapped date is read as the preset reads its own.
                            map.override(&generic, from: mapped, skipping: ["amount"])
                            if let date = map.given("date", in: mapped)?.scalarText?.trimmingWhitespace() {
                                generic.set("date", .string(SpendRow.isoDate(date, fileOptions)))
                            }
                        }
                        var record = try SpendRecord(generic: generic, options: fileOptions, isTable: isTable)
                        record.fallbackPlatform = preset.fallbackPlatform
                        outcome = .record(record)
                    case .total(let amount):
                        if let amount { totals.append((items.count, amount)) }
                        outcome = .skipped(reason: "the export's total row")
                    case .skip(let reason):
                        outcome = .skipped(reason: reason)
                    }
                } catch {
                    outcome = .rejected(
                        preset == .generic && !isTable ? error : Self.inTheFilesDateForm(error, fileOptions))
                }
            }
            var item = ImportItem(number: raw.number, line: raw.line, text: raw.text, outcome: outcome)
            switch outcome {
            case .rejected: rejected += 1
            case .skipped(let reason): skipReasons.append("data row \(raw.number): \(reason)")
            case .record(let record):
                let key = record.date.description + "\u{1F}" + record.campaignKey
                if let problem = nameProblem(record, number: raw.number, names: &idNames) {
                    item.outcome = .rejected(problem)
                    rejected += 1
                } else if let first = groups[key] {
                    item.outcome = add(record, into: first)
                    if case .rejected = item.outcome { rejected += 1 }
                } else {
                    groups[key] = items.count
                }
            }
            items.append(item)
        }
        if let csv = source as? TableReader, let summary = csv.totalRows, summary.count != csv.dataRows {
            throw fileError(
                "the file's summary line says 'Total rows: \(summary.count)' but \(csv.dataRows) data rows"
                    + " were read: the file is cut short or was edited", line: summary.line)
        }
        if rejected == 0 {
            try checkTotals(totals)
        } else if let total = totals.first {
            let rows = rejected == 1 ? "1 row was" : "\(rejected) rows were"
            notes.append(
                "the export's total row (data row \(items[total.item].number)) was not checked: \(rows) rejected, so"
                    + " the rows imported do not add up to it")
        }
        let records = items.count(where: { if case .record = $0.outcome { true } else { false } })
        if records == 0, rejected == 0, !options.allowsEmpty {
            let what =
                items.isEmpty
                ? "the file has no rows of spend"
                : "all \(items.count) rows were skipped (\(skipReasons.first ?? ""))"
            throw fileError(what + "; nothing to import (give --allow-empty to accept such a file)")
        }
    }

    /// How the file writes dates with slashes: ``SlashDateOrder``, over every cell of the file.
    private func slashDateOrder(_ raws: [RawRecord], _ objects: [JSONObject?]) throws(ImportFileError) -> Bool? {
        var cells: [SlashDateOrder.Cell] = []
        for (raw, object) in zip(raws, objects) {
            for value in object?.values ?? [] {
                if let text = value.scalarText?.trimmingWhitespace() {
                    cells.append(SlashDateOrder.Cell(row: raw.number, line: raw.line, text: text))
                }
            }
        }
        return try SlashDateOrder.decide(cells, in: source)
    }

    /// A date error of a preset's row names the form the file writes dates in (`31.09.2026` is no calendar day:
    /// expected DD.MM.YYYY), not the generic YYYY-MM-DD the cell was handed on in.
    private static func inTheFilesDateForm(_ error: RecordError, _ options: ImportOptions) -> RecordError {
        let generic = "(expected YYYY-MM-DD)"
        guard error.field == "date", error.message.hasSuffix(generic),
            let open = error.message.firstIndex(of: "'"), let close = error.message.lastIndex(of: "'"), open < close
        else { return error }
        let cell = error.message[error.message.index(after: open)..<close]
        let form: String
        if cell.contains(".") {
            form = "DD.MM.YYYY"
        } else if cell.contains("/") {
            form = options.slashDatesDayFirst == false ? "MM/DD/YYYY" : "DD/MM/YYYY"
        } else {
            return error
        }
        var result = error
        result.message = String(error.message.dropLast(generic.count)) + "(expected \(form), a calendar day)"
        return result
    }

    /// A row naming a platform's campaign id that an earlier row of the same day and ad account names otherwise: one
    /// campaign under two names (two exports pasted together, one from before a rename), whose day would be counted
    /// twice. Nil for a row without an id or a platform, and for the first name of each id and day.
    private func nameProblem(
        _ record: SpendRecord, number: Int, names: inout [String: (key: String, name: String, row: Int)]
    ) -> RecordError? {
        guard let id = record.platformCampaignID, let platform = record.platform ?? record.fallbackPlatform else {
            return nil
        }
        let key = [id, platform.adAccount, record.date.description].joined(separator: "\u{1F}")
        guard let first = names[key] else {
            names[key] = (record.campaignKey, record.campaign, number)
            return nil
        }
        guard first.key != record.campaignKey else { return nil }
        return RecordError(
            field: "campaign_id",
            message: "campaign \(id) is named '\(first.name)' in \(place(first.row)) on the same day: one campaign"
                + " under two names would count its spend twice (import the export from before the rename and the"
                + " one after it as two files)")
    }

    /// How a message names a record of this file: `data row 3`, `line 3` or `record 3`.
    private func place(_ number: Int) -> String {
        switch source.numbering {
        case .row: "data row \(number)"
        case .line: "line \(number)"
        case .record: "record \(number)"
        }
    }

    /// Adds a row of a day and campaign seen before into the first row of that key; the outcome for the added row.
    private func add(_ record: SpendRecord, into first: Int) -> ImportOutcome<SpendRecord> {
        guard case .record(var sum) = items[first].outcome else { return .record(record) }
        let number = items[first].number
        guard sum.amount.currency == record.amount.currency else {
            return .rejected(
                RecordError(
                    field: "currency",
                    message: "\(record.amount.currency.code), but data row \(number) has the same day and campaign in"
                        + " \(sum.amount.currency.code)"))
        }
        if let first = sum.platform, let other = record.platform, first.adAccount != other.adAccount {
            // Summing would put one platform's money under the other: two campaigns that share a name.
            return .rejected(
                RecordError(
                    field: "platform",
                    message: "\(other.rawValue), but data row \(number) has the same day and campaign on"
                        + " \(first.rawValue): one campaign name on two platforms (give each its own campaign name)"))
        }
        let amount = sum.amount.minorUnits.addingReportingOverflow(record.amount.minorUnits)
        let impressions = sum.impressions.addingReportingOverflow(record.impressions)
        let reach = sum.reach.addingReportingOverflow(record.reach)
        let clicks = sum.clicks.addingReportingOverflow(record.clicks)
        let engagements = sum.engagements.addingReportingOverflow(record.engagements)
        // The summed day is what the store keeps: it must fit the ranges a single row is held to (`spend add` refuses
        // the same amount typed), or reports made from it could overflow.
        let day = "the rows of \(record.date.description) '\(sum.campaign)' (data row \(number) and this one)"
        if amount.overflow || amount.partialValue > Limits.maxMinorUnits {
            let largest = Money(minorUnits: Limits.maxMinorUnits, currency: sum.amount.currency)
            return .rejected(
                RecordError(
                    field: "amount",
                    message: "\(day) add up to more than \(largest.amountText) \(largest.currency.code), the largest"
                        + " amount (15 digits)"))
        }
        for (name, total) in [
            ("impressions", impressions), ("reach", reach), ("clicks", clicks), ("engagements", engagements),
        ] where total.overflow || total.partialValue > Limits.maxCount {
            return .rejected(
                RecordError(
                    field: name,
                    message: "\(day) add up to more than \(Limits.maxCount) \(name), the largest count (15 digits)"))
        }
        sum.amount.minorUnits = amount.partialValue
        sum.impressions = impressions.partialValue
        sum.reach = reach.partialValue
        sum.clicks = clicks.partialValue
        sum.engagements = engagements.partialValue
        if sum.platform == nil { sum.platform = record.platform }
        // Parts that name two campaign ids (two campaigns with one name), or one without, are no one campaign's day.
        if sum.platformCampaignID != record.platformCampaignID { sum.platformCampaignID = nil }
        items[first].outcome = .record(sum)
        return .skipped(reason: "summed into data row \(number) (same day and campaign)")
    }

    /// The rows must add up to each total row the platform wrote, to the minor unit.
    private func checkTotals(_ totals: [(item: Int, amount: String)]) throws(ImportFileError) {
        guard !totals.isEmpty else { return }
        var sums: [Currency: Int64] = [:]
        for item in items {
            guard case .record(let record) = item.outcome else { continue }
            let (sum, overflow) = (sums[record.amount.currency] ?? 0).addingReportingOverflow(record.amount.minorUnits)
            if overflow { return }
            sums[record.amount.currency] = sum
        }
        guard sums.count == 1, let (currency, sum) = sums.first else { return }
        for total in totals {
            let item = items[total.item]
            let stated: Money
            do {
                stated = try Money.parse(total.amount, currency: currency, allowsLocaleForms: isTable)
            } catch {
                throw fileError(
                    "cannot read the amount '\(total.amount)' of the export's total row: \(error)", line: item.line,
                    row: item.number)
            }
            if stated.minorUnits != sum {
                let rows = Money(minorUnits: sum, currency: currency)
                throw fileError(
                    "the export's total row says \(stated.amountText) \(currency.code) but its rows add up to"
                        + " \(rows.amountText) \(currency.code): rows are missing or the total is not of this file",
                    line: item.line, row: item.number)
            }
        }
    }
}
