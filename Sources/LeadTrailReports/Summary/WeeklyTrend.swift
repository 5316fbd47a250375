public import LeadTrailCore

/// Spend, leads and revenue per ISO week of the period, every week shown even when nothing happened in it.
public struct WeeklyTrend: Sendable {
    public struct Week: Sendable, Equatable {
        /// `2026-W45`.
        public var key: String
        public var spendMinor: Int64
        public var leadsMicro: Int64
        public var revenueMinor: Int64
    }

    public var weeks: [Week]

    /// What the store must load: the period by week, with its touches (for the ROAS figures).
    public static func scope(for options: ReportOptions) -> ReportScope {
        RoasReport.scope(for: byWeek(options))
    }

    static func byWeek(_ options: ReportOptions) -> ReportOptions {
        var weekly = options
        weekly.dimension = .week
        return weekly
    }

    /// Leads and revenue credited by the model to the week they happened in; spend summed by its day's week. Each
    /// column adds up to the ROAS report's totals (spend, leads and revenue of unattributed conversions included).
    public init(data: ReportData, options: ReportOptions) throws(MissingExchangeRate) {
        let weekly = Self.byWeek(options)
        let report = try RoasReport(data: data, options: weekly)
        var order: [String] = []
        for day in options.from.dayNumber...options.to.dayNumber {
            if let key = ReportDimension.week.key(of: CalendarDate(dayNumber: day)), order.last != key {
                order.append(key)
            }
        }
        var spend: [String: Double] = [:]
        for row in data.spend {
            guard let key = ReportDimension.week.key(of: row.date) else { continue }
            spend[key, default: 0] += try data.rates.convert(row.amount, to: options.currency, on: row.date)
        }
        let spendShares = Apportioned(
            rows: order.map { spend[$0] ?? 0 }, unattributed: 0, total: order.reduce(0) { $0 + (spend[$1] ?? 0) })
        let rows = Dictionary(report.rows.map { ($0.key, $0.figures) }, uniquingKeysWith: { first, _ in first })
        weeks = order.indices.map { index in
            let key = order[index]
            return Week(
                key: key, spendMinor: spendShares.rows[index], leadsMicro: rows[key]?.leadsMicro ?? 0,
                revenueMinor: rows[key]?.revenueMinor ?? 0)
        }
    }
}
