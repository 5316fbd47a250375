public import LeadTrailCore

/// Where a goal stands on a day: the verdict of `goal status`.
///
/// The rule, applied in this order (docs/goals.md says the same):
/// 1. **not started** — the as-of day is before the period's first day.
/// 2. **no rate** — money needs an exchange rate that was never set (the goal's ``GoalProgress/missingRate`` names
///    the pair and the day); the other goals are still judged.
/// 3. **off track** — a cost per unit (`cpl`, `cac`, `cpc`, `cpm`) with spend and nothing yet to divide it by: what
///    was spent bought nothing so far, so the cost per unit is unbounded, not unknown.
/// 4. **no data** — the actual is null: any other ratio whose denominator is still zero (no spend for `roas`, no
///    clicks for `lead_rate`, no leads and no spend for `cpl`).
/// 5. Once the period is over (as-of on or after its last day): **met** when the target is satisfied (a cost at or
///    below it, anything else at or above it), else **off track**.
/// 6. During the period, an additive figure that can only grow settles early: a non-cost one (leads, revenue…)
///    already at or above its target is **met**; spend already above its budget is **off track**.
/// 7. Otherwise the projection to the period's end (an additive figure ÷ the share of the period elapsed; a ratio
///    as it stands) is compared with the target: no shortfall is **on track**; a shortfall of at most 10% of the
///    target is **at risk**; more is **off track**. The shortfall is how far the projection is on the wrong side of
///    the target (above it for a cost, below it for the others).
///
/// Figures are compared as printed — money rounded to the minor unit, anything else to six decimals — so that a
/// goal never reads "off track" against a projection that prints equal to its target.
public enum GoalStatus: String, CaseIterable, Hashable, Sendable {
    case met
    case onTrack = "on_track"
    case atRisk = "at_risk"
    case offTrack = "off_track"
    case notStarted = "not_started"
    case noData = "no_data"
    case noRate = "no_rate"

    /// How tables print it: `on track`.
    public var displayText: String { String(rawValue.map { $0 == "_" ? " " : $0 }) }

    /// The share of the target a projection may miss by and still be "at risk" rather than "off track".
    public static let atRiskTolerance = 0.10

    /// The verdict for figures already rounded as printed, in scaled integers (minor units for money, millionths
    /// otherwise), so that the comparisons are exact.
    ///
    /// - Parameters:
    ///   - actual: nil when the period has not started or the ratio's denominator is zero.
    ///   - projection: the actual projected to the period's end.
    ///   - unbounded: a cost per unit whose spend is above zero while its denominator is zero.
    ///   - started: whether the as-of day is on or after the period's first day.
    ///   - ended: whether the as-of day is on or after the period's last day.
    static func judge(
        metric: GoalMetric, target: Int64, actual: Int64?, projection: Int64?, started: Bool, ended: Bool,
        unbounded: Bool = false
    ) -> GoalStatus {
        guard started else { return .notStarted }
        if unbounded { return .offTrack }
        guard let actual, let projection else { return .noData }
        func satisfies(_ value: Int64) -> Bool { metric.isCost ? value <= target : value >= target }
        if ended { return satisfies(actual) ? .met : .offTrack }
        if metric.isAdditive {
            if !metric.isCost && actual >= target { return .met }
            if metric.isCost && actual > target { return .offTrack }
        }
        let shortfall = metric.isCost ? projection - target : target - projection
        if shortfall <= 0 { return .onTrack }
        // shortfall ≤ 10% of |target|, in integers: 10 × shortfall ≤ |target|.
        let (tenfold, overflow) = shortfall.multipliedReportingOverflow(by: 10)
        return !overflow && tenfold <= abs(target) ? .atRisk : .offTrack
    }
}
