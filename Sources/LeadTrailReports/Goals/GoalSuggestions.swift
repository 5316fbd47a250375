public import Foundation
public import LeadTrailCore

/// `goal suggest --campaign K`: the KPIs that fit a campaign's objective, each with a target proposed from the
/// previous period's actual.
///
/// The previous period is the one `--compare previous` uses: the whole months before a period of whole months, else
/// as many days ending the day before the period starts. A target is the
/// previous actual made 10% better (10% of its size down for a cost, up otherwise), rounded to three significant figures and
/// never finer than the metric's unit (the currency's minor unit, a whole count, a millionth of a ratio). A KPI
/// whose previous actual is null or zero gets no target: there is nothing to improve on. A rate at or under 100% is
/// never proposed above 100%.
///
/// A campaign without an objective gets one inferred from what it produced in the previous period, else in the
/// period itself: sales when won deals were credited to it, else leads when leads were, else engagement when its
/// spend rows record engagements, else awareness when they record impressions or reach; with nothing at all,
/// leads (what most campaigns logged in a lead tracker are bought for).
public struct GoalSuggestions: Sendable {
    /// One KPI with its previous actual and proposed target.
    public struct Suggestion: Sendable {
        public var metric: GoalMetric
        /// The previous period's actual in the metric's unit (major units for money); nil on a zero denominator.
        public var previous: Double?
        /// nil when the previous actual is null or zero.
        public var target: GoalTarget?
    }

    public var campaign: Campaign
    public var objective: Objective
    /// Why the objective was inferred; nil when the campaign has one.
    public var inference: String?
    public var from: CalendarDate
    public var to: CalendarDate
    public var previousFrom: CalendarDate
    public var previousTo: CalendarDate
    /// The currency of money figures and targets.
    public var currency: Currency
    public var suggestions: [Suggestion]

    /// The KPIs that fit an objective, in the order they matter.
    public static func kpis(for objective: Objective) -> [GoalMetric] {
        switch objective {
        case .awareness: [.reach, .cpm, .er]
        case .engagement: [.er, .ctr, .cpc]
        case .leads: [.cpl, .leadRate, .ctr]
        case .sales: [.roas, .cac, .aov, .winRate]
        }
    }

    /// Builds the suggestions for `campaign` and the period `[from, to]`.
    ///
    /// - Parameter load: what the store loads for a report scope (`store.reportData`).
    public init(
        campaign: Campaign, from: CalendarDate, to: CalendarDate, timeZone: TimeZone, timeZoneName: String,
        currency: Currency, model: AttributionModel = .lastNonDirect, load: (ReportScope) throws -> ReportData
    ) throws {
        self.campaign = campaign
        self.from = from
        self.to = to
        self.currency = currency
        let (earlierFrom, earlierTo) = ComparisonPeriod.previous.period(from: from, to: to)
        previousTo = earlierTo
        previousFrom = earlierFrom
        func figures(_ first: CalendarDate, _ last: CalendarDate) throws -> MetricInputs {
            let options = ReportOptions(
                from: first, to: last, timeZone: timeZone, timeZoneName: timeZoneName, model: model,
                dimension: .campaign, conversion: .sale, currency: currency)
            let data = try load(RoasReport.scope(for: options))
            try data.checkSums(in: currency, timeZone: timeZone)
            let report = try RoasReport(data: data, options: options)
            return report.rows.first { $0.key == campaign.key }?.figures.metricInputs ?? .zero
        }
        let previous = try figures(earlierFrom, earlierTo)
        if let objective = campaign.objective {
            self.objective = objective
            inference = nil
        } else {
            var inferred = Self.infer(from: previous).map { ($0.0, "\($0.1) in \(earlierFrom)…\(earlierTo)") }
            if inferred == nil {
                inferred = try Self.infer(from: figures(from, to)).map { ($0.0, "\($0.1) in \(from)…\(to)") }
            }
            objective = inferred?.0 ?? .leads
            inference = inferred?.1 ?? "nothing was recorded for it in \(earlierFrom)…\(to); leads by default"
        }
        let objective = self.objective
        suggestions = Self.kpis(for: objective).map { metric in
            let value = previous.value(of: metric)
            let digits = metric.isMoney ? currency.minorDigits : 6
            var shown: Double?
            if let value {
                // Money figures are minor units: shown in major units.
                let scaled =
                    metric.isMoney
                    ? Money.roundedMinorUnits(ReportNumber.snapped(value)) : GoalProgress.scaled(value, digits: 6)
                shown = GoalProgress.unscaled(scaled, digits: digits)
            }
            return Suggestion(
                metric: metric, previous: shown,
                target: shown.flatMap { Self.proposedTarget(for: metric, previous: $0, currency: currency) })
        }
    }

    /// The objective a campaign's figures point to, with the reason; nil when they are all zero.
    static func infer(from figures: MetricInputs) -> (Objective, String)? {
        if figures.won > 0 || figures.revenue > 0 { return (.sales, "won deals were credited to it") }
        if figures.leads > 0 { return (.leads, "leads were credited to it") }
        if (figures.engagements ?? 0) > 0 { return (.engagement, "its spend rows record engagements") }
        if (figures.impressions ?? 0) > 0 || (figures.reach ?? 0) > 0 {
            return (.awareness, "its spend rows record impressions")
        }
        return nil
    }

    /// The previous actual (in the metric's unit, major units for money) made 10% better and rounded to three
    /// significant figures, never finer than the metric's unit; nil when it is zero or not finite.
    public static func proposedTarget(for metric: GoalMetric, previous: Double, currency: Currency) -> GoalTarget? {
        guard previous.isFinite, previous != 0 else { return nil }
        // Better is lower for a cost, higher otherwise, also for a negative ROMI.
        var improved = previous + (metric.isCost ? -0.1 : 0.1) * Swift.abs(previous)
        // A share that cannot pass 1 (a click-through or win rate already at 100%) is not asked to.
        if metric.isRate && previous <= 1 { improved = min(improved, 1) }
        // The finest step: the minor unit for money, a whole count, a millionth of a ratio.
        let finest = metric.isMoney ? -currency.minorDigits : metric.isAdditive ? 0 : -GoalTarget.decimalDigits
        let magnitude = Int(Foundation.floor(Foundation.log10(Swift.abs(improved))))
        let exponent = max(magnitude - 2, finest)
        var step = 1.0
        for _ in 0..<Swift.abs(exponent) { step *= 10 }
        let units = Int64(((exponent >= 0 ? improved / step : improved * step)).rounded(.toNearestOrAwayFromZero))
        guard units != 0 else { return nil }
        // units × 10^exponent as exact decimal text.
        var text = String(units.magnitude)
        if exponent >= 0 {
            text += String(repeating: "0", count: exponent)
        } else {
            let decimals = -exponent
            if text.count <= decimals { text = String(repeating: "0", count: decimals - text.count + 1) + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
        }
        if units < 0 { text = "-" + text }
        return try? GoalTarget.parse(text, for: metric, currency: currency)
    }
}
