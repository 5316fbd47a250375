/// Holm's step-down correction: p-values adjusted for testing several hypotheses at once.
///
/// Comparing every pair of four creatives is six tests; at 95% each, one in four such reports would crown a winner
/// by chance. Holm's method keeps the chance of any false winner at most α over the whole family, and is never
/// worse than Bonferroni. With the m p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎:
///
///     adjusted p₍ᵢ₎ = min(1, max over j ≤ i of (m − j + 1)·p₍ⱼ₎)
///
/// The running maximum keeps the adjusted values in the same order as the raw ones (a test cannot be significant
/// when a smaller p-value is not). A hypothesis is rejected at level α when its adjusted p-value is below α.
///
/// ```swift
/// HolmCorrection.adjusted([0.01, 0.04, 0.03])   // [0.03, 0.06, 0.06]
/// ```
public enum HolmCorrection {
    /// The adjusted p-values, in the order given. Ties keep their input order, which does not change the result.
    public static func adjusted(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] || pValues[$0] == pValues[$1] && $0 < $1 }
        var adjusted = [Double](repeating: 1, count: m)
        var runningMaximum = 0.0
        for (rank, index) in order.enumerated() {
            runningMaximum = max(runningMaximum, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = runningMaximum
        }
        return adjusted
    }
}
