/// How many trials per group a two-proportion test needs to detect a difference: the power calculation behind
/// "about N more clicks per variant".
///
/// For rates p₁ and p₂, a two-sided test at significance α and power 1 − β, with p̄ = (p₁ + p₂)/2:
///
///     n = (z₁₋α/₂·√(2·p̄·(1 − p̄)) + z₁₋β·√(p₁·(1 − p₁) + p₂·(1 − p₂)))² / (p₁ − p₂)²
///
/// trials in each group (Fleiss, *Statistical Methods for Rates and Proportions*, without continuity correction; the
/// formula of most online A/B calculators). With n trials per group the test finds a true difference of this size
/// with probability 1 − β.
///
/// ```swift
/// SampleSize.perGroup(rateA: 0.02, rateB: 0.04, significance: 0.05, power: 0.8)   // 1140.83…
/// ```
public enum SampleSize {
    /// Trials per group, unrounded; nil when the rates are equal (no difference to detect), out of [0, 1], or α or
    /// the power is not strictly between 0 and 1.
    public static func perGroup(rateA: Double, rateB: Double, significance: Double, power: Double) -> Double? {
        guard rateA != rateB, (0...1).contains(rateA), (0...1).contains(rateB), significance > 0, significance < 1,
            power > 0, power < 1
        else { return nil }
        let zAlpha = NormalDistribution.quantile(1 - significance / 2)
        let zBeta = NormalDistribution.quantile(power)
        let mean = (rateA + rateB) / 2
        let underNull = (2 * mean * (1 - mean)).squareRoot()
        let underAlternative = (rateA * (1 - rateA) + rateB * (1 - rateB)).squareRoot()
        let numerator = zAlpha * underNull + zBeta * underAlternative
        let difference = rateA - rateB
        return numerator * numerator / (difference * difference)
    }
}
