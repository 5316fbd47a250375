/// The ranges LeadTrail accepts at the door, so that every sum it makes later stays exact and never overflows.
///
/// An amount or a count beyond these is refused where it enters (an import record, a CLI argument, an option) with a
/// one-line error; a report whose sums would still leave the exact range fails with one line too (see
/// `docs/reports.md`, "Limits").
public enum Limits {
    /// The largest amount, in minor units: 15 digits (9 999 999 999 999.99 RUB, 999 999 999 999 999 JPY).
    public static let maxMinorUnits: Int64 = 999_999_999_999_999
    /// The largest count of a spend row (impressions, reach, clicks, engagements) or a count goal's target.
    public static let maxCount: Int64 = 999_999_999_999_999
    /// The largest sum a report makes (money in the report currency's minor units, or a count): 2⁵³, the last
    /// integer a `Double` holds exactly, so that every figure and ratio is computed from exact sums.
    public static let maxReportSum: Double = 9_007_199_254_740_992
    /// `--lookback-days` runs from 0 to ten years.
    public static let lookbackDays: ClosedRange<Int> = 0...3650
    /// `--half-life-days` is positive and at most ten years.
    public static let maxHalfLifeDays: Double = 3650
    /// An exchange rate runs from 10⁻⁹ to 10⁹, so that its inverse is in the same range.
    public static let exchangeRates: ClosedRange<Double> = 1e-9...1e9
    /// E.164 numbers have at most 15 digits.
    public static let maxPhoneDigits = 15
}
