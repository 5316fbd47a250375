#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The standard normal distribution: its cumulative distribution function Φ and the inverse Φ⁻¹.
///
/// The A/B test's z-scores, p-values and sample sizes are read off it. Both functions are accurate to a few units in
/// the last place of a `Double` over the whole range, far tails included, so p-values of 1e-12 keep their digits.
///
/// ```swift
/// NormalDistribution.cdf(1.96)          // 0.9750021048517795
/// NormalDistribution.quantile(0.975)    // 1.959963984540054
/// ```
public enum NormalDistribution {
    /// Φ(x), the probability that a standard normal variable is at most `x`.
    ///
    /// Φ(x) = ½·erfc(−x/√2), with the C library's `erfc`: unlike 1 − ½·erfc(x/√2) it keeps full relative precision
    /// in the lower tail, where p-values live.
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// 1 − Φ(x), the upper tail, computed directly (½·erfc(x/√2)) so that it does not round to 0 for large x.
    public static func survival(_ x: Double) -> Double {
        0.5 * erfc(x / 2.0.squareRoot())
    }

    /// Φ⁻¹(p), the x with Φ(x) = p: `quantile(0.975)` is the 1.96 of a 95% two-sided test.
    ///
    /// Peter Acklam's rational approximation (relative error under 1.15e-9), then one Halley step on Φ computed with
    /// `erfc`, which brings it to full double precision. The upper half is the mirror of the lower one
    /// (Φ⁻¹(p) = −Φ⁻¹(1 − p), and 1 − p is exact for p ≥ ½), so that the step works where Φ is precise.
    /// Returns −∞ for 0, +∞ for 1 and NaN outside [0, 1].
    public static func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p > 0.5 { return -quantile(1 - p) }
        var x = acklam(p)
        // Halley's method on f(x) = Φ(x) − p: f′ = φ(x), f″ = −x·φ(x).
        let error = cdf(x) - p
        let step = error * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= step / (1 + x * step / 2)
        return x
    }

    /// Acklam's approximation of Φ⁻¹(p) for 0 < p ≤ ½: a rational function of √(−2 ln p) in the tail, of p − ½ in
    /// the centre.
    static func acklam(_ p: Double) -> Double {
        let a = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00,
        ]
        let b = [
            -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01,
        ]
        let c = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00,
        ]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        if p < 0.02425 {
            let q = (-2 * log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let q = p - 0.5
        let r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
