public import LeadTrailCore

/// One goal as `goal status` judges it on a day: its actual so far, the share of its period elapsed, the pace
/// projection to the period's end, and its ``GoalStatus``.
///
/// Values are in the metric's own unit, rounded as printed: money in major units of ``currency`` (`450.0` for
/// 450.00 RUB), ratios as fractions (`0.05`), counts as attributed (fractional).
public struct GoalProgress: Sendable {
    public var goal: Goal
    /// The currency of money figures: the goal's own for a money metric, nil otherwise.
    public var currency: Currency?
    /// The last day the actual covers: the as-of day or the period's last day, whichever is earlier; nil before the
    /// period starts.
    public var through: CalendarDate?
    /// The target in the metric's unit.
    public var target: Double
    /// The figure over the period so far; nil before the period starts or on a zero denominator.
    public var actual: Double?
    /// Elapsed days ÷ the period's days, the as-of day counted as elapsed: 0 before the period, 1 from its last day.
    public var elapsedShare: Double
    /// An additive figure's actual ÷ ``elapsedShare``; a ratio's actual itself; nil where the actual is.
    public var projection: Double?
    public var status: GoalStatus
    /// A cost per unit with spend but nothing yet to divide it by (a `cpl` goal's campaign spent and brought no
    /// lead): the actual is unbounded, printed `∞` in a table and null in JSON and CSV, and the goal is off track.
    public var unbounded = false
    /// The rate money needed and never had: the goal's status is ``GoalStatus/noRate`` and its figures null.
    public var missingRate: MissingExchangeRate?

    public var metric: GoalMetric { goal.metric }
    /// `all`, `campaign black_friday`, `channel paid_social`.
    public var scopeText: String { goal.scope.text }

    /// Digits a value keeps: the currency's minor unit for money, six otherwise.
    var digits: Int { currency?.minorDigits ?? 6 }

    /// A value of this goal's unit as exact output: money with the currency's decimals, a ratio or count to six
    /// decimals without trailing zeros; nil prints as null (`—` in a table).
    func output(_ value: Double?) -> OutputValue {
        guard let value else { return .null }
        let scaled = GoalProgress.scaled(value, digits: digits)
        if let currency { return .decimal(Money(minorUnits: scaled, currency: currency).amountText) }
        return .decimal(ReportNumber.decimalText(scaled, digits: 6))
    }

    /// The actual as a table shows it: `∞` when ``unbounded``.
    public var formattedActual: String { unbounded ? "∞" : formatted(actual) }

    /// The projection as a table shows it: `∞` when ``unbounded``.
    public var formattedProjection: String { unbounded ? "∞" : formatted(projection) }

    /// A value as a table shows it: money with its currency code, a rate as a percentage, a return with two
    /// decimals, a count whole or to two decimals.
    public func formatted(_ value: Double?) -> String {
        let exact = output(value)
        guard exact != .null else { return "—" }
        if let currency { return "\(Listing.grouped(exact.plainText)) \(currency.code)" }
        if metric.isRate { return ReportNumber.forTable(exact, percent: true).plainText }
        if metric == .roas || metric == .romi { return ReportNumber.forTable(exact, percent: false).plainText }
        // A count split by the model, or projected, to two decimals as report tables print counts (`13.29`, not
        // `13.285714` beside an actual of `3.00`); a whole count as it is.
        return Listing.grouped(ReportNumber.forTable(exact, column: "leads").plainText)
    }

    /// A value in scaled integer units (10^digits per unit), rounded half away from zero.
    static func scaled(_ value: Double, digits: Int) -> Int64 {
        var factor = 1.0
        for _ in 0..<digits { factor *= 10 }
        return Money.roundedMinorUnits(ReportNumber.snapped(value * factor))
    }

    static func unscaled(_ value: Int64, digits: Int) -> Double {
        var factor = 1.0
        for _ in 0..<digits { factor *= 10 }
        return Double(value) / factor
    }
}
