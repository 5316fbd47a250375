public import LeadTrailCore

/// `report models`: every model side by side for one dimension, so a marketer sees how much the choice of model
/// changes the story.
public struct ModelComparison: Sendable {
    public struct Row: Sendable, Equatable {
        public var key: String
        /// Per model, in ``models`` order: conversions in millionths and value in minor units.
        public var conversionsMicro: [Int64]
        public var valueMinor: [Int64]
    }

    public var options: ReportOptions
    public let models = AttributionModel.allCases
    /// Sorted by the value under the chosen model (`--model`, default last_non_direct), then key.
    public var rows: [Row]
    public var unattributed: AttributionReport.Row
    public var totals: AttributionReport.Row

    /// Markov needs every touch of the period.
    public static func scope(for options: ReportOptions) -> ReportScope {
        var scope = options.scope(needsPeriodTouches: true, needsNullPaths: true)
        scope.conversion = options.conversion
        scope.needsStageHistory = false
        return scope
    }

    public init(data: ReportData, options: ReportOptions) throws(MissingExchangeRate) {
        self.options = options
        let reports = try AttributionModel.allCases.map { model throws(MissingExchangeRate) in
            var single = options
            single.model = model
            return try AttributionReport(data: data, options: single)
        }
        var keys: [String] = []
        var seen = Set<String>()
        for report in reports {
            for row in report.rows where seen.insert(row.key).inserted { keys.append(row.key) }
        }
        rows = keys.map { key in
            let found = reports.map { report in report.rows.first { $0.key == key } }
            return Row(
                key: key, conversionsMicro: found.map { $0?.conversionsMicro ?? 0 },
                valueMinor: found.map { $0?.valueMinor ?? 0 })
        }
        let chosen = AttributionModel.allCases.firstIndex(of: options.model) ?? 0
        let byValue = options.conversion == .sale
        rows.sort { lhs, rhs in
            let left = byValue ? lhs.valueMinor[chosen] : lhs.conversionsMicro[chosen]
            let right = byValue ? rhs.valueMinor[chosen] : rhs.conversionsMicro[chosen]
            return left != right ? left > right : ReportNumber.codePointsAscending(lhs.key, rhs.key)
        }
        unattributed = reports[0].unattributed
        totals = reports[0].totals
    }

    /// How far apart the models put a key: the largest share of the attributed total minus the smallest, in
    /// percentage points. A big swing means the model choice decides this key's story.
    func swing(_ row: Row) -> Double? {
        let byValue = options.conversion == .sale
        let attributed = byValue
            ? Double(totals.valueMinor - unattributed.valueMinor)
            : Double(totals.conversionsMicro - unattributed.conversionsMicro)
        guard attributed != 0 else { return nil }
        let shares = (byValue ? row.valueMinor : row.conversionsMicro).map { Double($0) / attributed * 100 }
        return (shares.max() ?? 0) - (shares.min() ?? 0)
    }

    public func rendered(as format: OutputFormat) -> String {
        let currency = options.currency
        switch format {
        case .json:
            var header = options.header(report: "models", conversion: options.conversion, model: nil)
            header.append(("models", .array(models.map { .string($0.rawValue) })))
            let object = OutputValue.object(
                header + [
                    (
                        "rows",
                        .array(
                            rows.map { row in
                                .object(
                                    [("key", .string(row.key))]
                                        + models.indices.map { index in
                                            (
                                                models[index].rawValue,
                                                .object([
                                                    ("conversions", ReportNumber.count(micro: row.conversionsMicro[index])),
                                                    ("value", ReportNumber.money(minor: row.valueMinor[index], in: currency)),
                                                ])
                                            )
                                        } + [("swing_points", ReportNumber.ratio(swing(row)))])
                            })
                    ),
                    (
                        "unattributed",
                        .object([
                            ("conversions", ReportNumber.count(micro: unattributed.conversionsMicro)),
                            ("value", ReportNumber.money(minor: unattributed.valueMinor, in: currency)),
                        ])
                    ),
                    (
                        "totals",
                        .object([
                            ("conversions", ReportNumber.count(micro: totals.conversionsMicro)),
                            ("value", ReportNumber.money(minor: totals.valueMinor, in: currency)),
                        ])
                    ),
                ])
            return object.prettyJSON + "\n"
        case .csv:
            var columns = [options.dimension.rawValue]
            for model in models { columns += ["\(model.rawValue)_conversions", "\(model.rawValue)_value"] }
            columns.append("swing_points")
            let body = rows.map { row in
                [OutputValue.string(row.key)]
                    + models.indices.flatMap { index in
                        [
                            ReportNumber.count(micro: row.conversionsMicro[index]),
                            ReportNumber.money(minor: row.valueMinor[index], in: currency),
                        ]
                    } + [ReportNumber.ratio(swing(row))]
            }
            let fixed = [unattributed, totals].map { row in
                [OutputValue.string(row.key)]
                    + models.flatMap { _ in
                        [
                            ReportNumber.count(micro: row.conversionsMicro),
                            ReportNumber.money(minor: row.valueMinor, in: currency),
                        ]
                    } + [.null]
            }
            return Listing(columns: columns, rows: body + fixed).csv
        case .table:
            // One figure per model keeps the table readable: value for sales, conversions otherwise.
            let byValue = options.conversion == .sale
            func figure(_ conversions: Int64, _ value: Int64) -> OutputValue {
                byValue
                    ? ReportNumber.money(minor: value, in: currency)
                    : ReportNumber.count(micro: Money.roundedMinorUnits(Double(conversions) / 10_000) * 10_000)
            }
            let body = rows.map { row in
                [OutputValue.string(row.key)]
                    + models.indices.map { figure(row.conversionsMicro[$0], row.valueMinor[$0]) }
                    + [swing(row).map { .decimal(ReportNumber.decimalText(Money.roundedMinorUnits($0 * 10), digits: 1)) } ?? .null]
            }
            let fixed = [unattributed, totals].map { row in
                [OutputValue.string(row.key)] + models.map { _ in figure(row.conversionsMicro, row.valueMinor) }
                    + [OutputValue.null]
            }
            var listing = Listing(
                columns: [options.dimension.rawValue] + models.map(\.rawValue) + ["swing, pp"], rows: body + fixed)
            listing.groupsThousands = true
            listing.nullMark = "—"
            let what = byValue ? "value of sales (\(currency.code))" : "\(options.conversion.rawValue) conversions"
            return "Models compared by \(options.dimension.rawValue): \(what) · \(options.periodText)\n\n"
                + listing.table
        }
    }
}
