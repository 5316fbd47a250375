/// A KPI goal: a metric's target over a scope and a period, both ends inclusive in the configured time zone.
///
/// The SPEC's "KPI goal": cost metrics are met at or below the target, the others at or above
/// (``GoalMetric/isCost``).
public struct Goal: Hashable, Sendable {
    /// The store's number; ignored by `addGoal`, which returns the goal with its new number.
    public var id: Int64
    public var metric: GoalMetric
    public var target: GoalTarget
    public var scope: GoalScope
    public var from: CalendarDate
    public var to: CalendarDate

    public init(
        id: Int64 = 0, metric: GoalMetric, target: GoalTarget, scope: GoalScope, from: CalendarDate, to: CalendarDate
    ) {
        self.id = id
        self.metric = metric
        self.target = target
        self.scope = scope
        self.from = from
        self.to = to
    }

    /// The number of calendar days of the period.
    public var days: Int { to.dayNumber - from.dayNumber + 1 }

    /// `cpl at most 450.00 RUB`: what the goal asks, in words.
    public var summary: String { "\(metric.rawValue) \(metric.direction) \(target.text)" }
}
