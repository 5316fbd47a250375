#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The two-proportion z-test: do two variants convert at different rates, or is the gap chance?
///
/// With x successes out of n trials in each group, p̂ = x/n, and the pooled rate p̄ = (x_a + x_b)/(n_a + n_b) (the
/// common rate if there is no difference):
///
///     SE = √(p̄·(1 − p̄)·(1/n_a + 1/n_b))
///     z  = (p̂_b − p̂_a) / SE
///     p  = 2·(1 − Φ(|z|)) = erfc(|z|/√2)          (two-sided)
///
/// Successes may be fractional (a linear attribution model credits part of a lead); the normal approximation does
/// not mind. Positive `z` means B converts better.
///
/// ```swift
/// let test = TwoProportionTest(successesA: 20, trialsA: 1000, successesB: 40, trialsB: 1000)!
/// test.z         // 2.6216…
/// test.pValue    // 0.008751…
/// ```
public struct TwoProportionTest: Sendable, Equatable {
    public var successesA: Double
    public var trialsA: Double
    public var successesB: Double
    public var trialsB: Double
    /// The standardised difference of the rates, B minus A; 0 when both rates are 0 or both are 1.
    public var z: Double
    /// The two-sided p-value: the chance of a difference at least this large if the rates were equal.
    public var pValue: Double

    /// Nil when the test has no meaning: a group without trials, a negative count, or more successes than trials.
    ///
    /// When the pooled rate is 0 or 1 both groups have the same rate, the standard error is 0 and there is no
    /// evidence of a difference: `z` is 0 and the p-value 1.
    public init?(successesA: Double, trialsA: Double, successesB: Double, trialsB: Double) {
        guard trialsA > 0, trialsB > 0, successesA >= 0, successesB >= 0, successesA <= trialsA,
            successesB <= trialsB, [successesA, trialsA, successesB, trialsB].allSatisfy(\.isFinite)
        else { return nil }
        self.successesA = successesA
        self.trialsA = trialsA
        self.successesB = successesB
        self.trialsB = trialsB
        let pooled = (successesA + successesB) / (trialsA + trialsB)
        let variance = pooled * (1 - pooled) * (1 / trialsA + 1 / trialsB)
        guard variance > 0 else {
            z = 0
            pValue = 1
            return
        }
        z = (successesB / trialsB - successesA / trialsA) / variance.squareRoot()
        pValue = Self.twoSidedPValue(z: z)
    }

    /// erfc(|z|/√2): the two-sided tail of the standard normal, exact in the far tail (no 1 − Φ cancellation).
    public static func twoSidedPValue(z: Double) -> Double {
        min(1, erfc(abs(z) / 2.0.squareRoot()))
    }
}
