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

    /// Leads and revenue in the week they happened in (a time dimension credits a conversion's own date, whatever
    /// its journey: attributed or not, every conversion of the period is in its week); spend summed by its day's
    /// week. Each column adds up to the ROAS report's totals, allotted to weeks by largest remainder.
    public init(data: ReportData, options: ReportOptions) throws(MissingExchangeRate) {
        let weekly = Self.byWeek(options)
        let scope = RoasReport.scope(for: weekly)
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
        var calendar = LocalCalendar(timeZone: options.timeZone)
        func byWeek(_ kind: ConversionKind) throws(MissingExchangeRate) -> (
            counts: [String: Double], values: [String: Double], count: Double, value: Double
        ) {
            var counts: [String: Double] = [:]
            var values: [String: Double] = [:]
            var count = 0.0
            var value = 0.0
            for event in try ConversionEvent.events(of: kind, in: data, options: weekly, scope: scope) {
                count += event.count
                value += event.value
                guard let key = ReportDimension.week.key(of: CalendarDate(dayNumber: calendar.dayNumber(of: event.at)))
                else { continue }
                counts[key, default: 0] += event.count
                values[key, default: 0] += event.value
            }
            return (counts, values, count, value)
        }
        let leads = try byWeek(.lead)
        let sales = try byWeek(.sale)
        let leadShares = Apportioned(
            rows: order.map { leads.counts[$0] ?? 0 }, unattributed: 0, total: leads.count,
            scale: ReportNumber.countScale)
        let revenueShares = Apportioned(rows: order.map { sales.values[$0] ?? 0 }, unattributed: 0, total: sales.value)
        weeks = order.indices.map { index in
            Week(
                key: order[index], spendMinor: spendShares.rows[index], leadsMicro: leadShares.rows[index],
                revenueMinor: revenueShares.rows[index])
        }
    }
}
