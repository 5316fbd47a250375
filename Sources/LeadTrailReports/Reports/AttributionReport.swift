public import LeadTrailCore

/// `report attribution`: conversions and value credited to each key of a dimension under one model.
public struct AttributionReport: Sendable {
    /// One printed row: its key, conversions in millionths and value in minor units, already apportioned.
    public struct Row: Sendable, Equatable {
        public var key: String
        public var conversionsMicro: Int64
        public var valueMinor: Int64
    }

    public var options: ReportOptions
    /// Sorted by rounded value, descending, then key by code point; rows with no credit are left out.
    public var rows: [Row]
    public var unattributed: Row
    public var totals: Row

    /// What the store must load for this report.
    public static func scope(for options: ReportOptions) -> ReportScope {
        var scope = options.scope(needsPeriodTouches: options.model == .markov)
        scope.conversion = options.conversion
        scope.needsStageHistory = false
        return scope
    }

    /// Credits the period's conversions; fails when an amount needs an exchange rate that was never set.
    public init(data: ReportData, options: ReportOptions) throws(MissingExchangeRate) {
        self.options = options
        let scope = Self.scope(for: options)
        var keys = data.keys
        let events = try ConversionEvent.events(of: options.conversion, in: data, options: options, scope: scope)
        let ledger = CreditLedger(events: events, data: data, keys: &keys, model: options.model, options: options)
        // Key order, whatever the order the keys were met in: ties in rounding are settled by key.
        let credited = ledger.byKey.filter { !$0.value.isZero }.map { (key: keys[$0.key], credit: $0.value) }
            .sorted { ReportNumber.codePointsAscending($0.key, $1.key) }
        let conversions = Apportioned(
            rows: credited.map(\.credit.conversions), unattributed: ledger.unattributed.conversions,
            total: ledger.totals.conversions, scale: ReportNumber.countScale)
        let values = Apportioned(
            rows: credited.map(\.credit.value), unattributed: ledger.unattributed.value, total: ledger.totals.value)
        // A row whose credit rounds to nothing is not printed: the rows still add up, since it adds nothing.
        rows = credited.indices.map {
            Row(key: credited[$0].key, conversionsMicro: conversions.rows[$0], valueMinor: values.rows[$0])
        }.filter { $0.conversionsMicro != 0 || $0.valueMinor != 0 }
        // A day, week or month reads in time order (its keys sort so); other keys by value.
        let chronological = options.dimension.isConversionTime
        rows.sort {
            $0.valueMinor != $1.valueMinor && !chronological
                ? $0.valueMinor > $1.valueMinor : ReportNumber.codePointsAscending($0.key, $1.key)
        }
        unattributed = Row(
            key: "(unattributed)", conversionsMicro: conversions.unattributed, valueMinor: values.unattributed)
        totals = Row(key: "(total)", conversionsMicro: conversions.total, valueMinor: values.total)
    }

    /// The report in a format: JSON exactly as the SPEC's "JSON reports"; CSV and table with the unattributed and
    /// total rows after the keys.
    public func rendered(as format: OutputFormat) -> String {
        switch format {
        case .json:
            let object = OutputValue.object(
                options.header(report: "attribution", conversion: options.conversion, model: options.model) + [
                    ("rows", .array(rows.map { .object([("key", .string($0.key))] + figures($0)) })),
                    ("unattributed", .object(figures(unattributed))), ("totals", .object(figures(totals))),
                ])
            return object.prettyJSON + "\n"
        case .csv:
            return listing.csv
        case .table:
            var listing = listing
            listing.rows = listing.rows.map { row in
                zip(listing.columns, row).map { ReportNumber.forTable($1, column: $0) }
            }
            listing.groupsThousands = true
            listing.nullMark = "—"
            return title + "\n\n" + listing.table
        }
    }

    func figures(_ row: Row) -> [(String, OutputValue)] {
        [
            ("conversions", ReportNumber.count(micro: row.conversionsMicro)),
            ("value", ReportNumber.money(minor: row.valueMinor, in: options.currency)),
        ]
    }

    private var listing: Listing {
        Listing(
            columns: [options.dimension.rawValue, "conversions", "value"],
            rows: (rows + [unattributed, totals]).map { [.string($0.key)] + figures($0).map(\.1) })
    }

    var title: String {
        "Attribution of \(options.conversion.rawValue) conversions by \(options.dimension.rawValue), "
            + "\(options.model.rawValue) model · \(options.periodText) · \(options.currency.code)"
    }
}

extension ReportOptions {
    /// `2026-10-01 … 2026-10-31 (UTC), lookback 90 days`: the period line of a table's title.
    var periodText: String {
        "\(from) … \(to) (\(timeZoneName)), lookback \(lookbackDays) days"
    }
}
