public import LeadTrailCore

/// The unrounded figures every metric of the SPEC's Metrics section is computed from: money in minor units of the
/// report currency, counts as attributed (fractional). Delivery figures are nil where spend does not belong to the
/// figures (a `report roas` row of a dimension other than campaign or platform).
struct MetricInputs: Sendable, Equatable {
    var spend: Double?
    var impressions: Double?
    var reach: Double?
    var clicks: Double?
    var engagements: Double?
    var leads: Double
    var deals: Double
    var won: Double
    var revenue: Double

    /// Nothing at all: the figures of a campaign or channel with no row in the period.
    static let zero = MetricInputs(
        spend: 0, impressions: 0, reach: 0, clicks: 0, engagements: 0, leads: 0, deals: 0, won: 0, revenue: 0)

    /// A metric's value as `report roas` defines it; nil on a zero denominator or a missing figure.
    func value(of metric: GoalMetric) -> Double? {
        func ratio(_ numerator: Double?, _ denominator: Double?) -> Double? {
            guard let numerator, let denominator else { return nil }
            return ReportNumber.divide(numerator, by: denominator)
        }
        // A cost per unit with no spend is unknown, not free: nil (`—`, null), never 0.
        let cost = spend.flatMap { $0 == 0 ? nil : $0 }
        switch metric {
        case .spend: return spend
        case .impressions: return impressions
        case .reach: return reach
        case .clicks: return clicks
        case .engagements: return engagements
        case .leads: return leads
        case .deals: return deals
        case .won: return won
        case .revenue: return revenue
        case .ctr: return ratio(clicks, impressions)
        case .cpc: return ratio(cost, clicks)
        case .cpm: return ratio(cost, impressions).map { $0 * 1000 }
        case .er: return ratio(engagements, reach)
        case .cpl: return ratio(cost, leads)
        case .cac: return ratio(cost, won)
        case .roas: return ratio(revenue, spend)
        case .romi: return ratio(spend.map { revenue - $0 }, spend)
        case .aov: return ratio(revenue, won)
        case .leadRate: return ratio(leads, clicks)
        case .winRate: return ratio(won, leads)
        }
    }
}

extension RoasReport.Figures {
    /// A metric's value from these figures, unrounded: money (spend, revenue and the costs per unit) in minor units
    /// of the report currency, ratios as fractions (`0.05`), counts as attributed; nil on a zero denominator or
    /// where spend does not belong to the figures.
    ///
    /// Computed from the same unrounded figures the report's own ratios are, so a goal's actual is what
    /// `report roas` prints for the same key and period.
    public func value(of metric: GoalMetric) -> Double? { metricInputs.value(of: metric) }

    var metricInputs: MetricInputs {
        MetricInputs(
            spend: exact.spend, impressions: impressions.map(Double.init), reach: reach.map(Double.init),
            clicks: clicks.map(Double.init), engagements: engagements.map(Double.init), leads: exact.leads,
            deals: Double(dealsMicro) / ReportNumber.countScale, won: exact.won, revenue: exact.revenue)
    }
}
