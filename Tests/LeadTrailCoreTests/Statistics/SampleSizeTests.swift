import Testing

@testable import LeadTrailCore

/// Clicks per variant against Python (SciPy's `norm.ppf` for the quantiles):
///
///     za = norm.ppf(1 - alpha/2); zb = norm.ppf(power); m = (p1 + p2)/2
///     n = (za*sqrt(2*m*(1-m)) + zb*sqrt(p1*(1-p1) + p2*(1-p2)))**2 / (p1 - p2)**2
struct SampleSizeTests {
    @Test(arguments: [
        (0.02, 0.04, 0.05, 1140.832354755655),
        (0.05, 0.06, 0.05, 8157.73144784928),
        (0.1, 0.12, 0.01, 5715.416544606882),
        // Three pairs: α/3 per pair.
        (0.05, 0.062, 0.05 / 3, 7685.29443365945),
    ])
    func clicksPerVariant(rateA: Double, rateB: Double, significance: Double, expected: Double) throws {
        let n = try #require(SampleSize.perGroup(rateA: rateA, rateB: rateB, significance: significance, power: 0.8))
        #expect(abs(n - expected) / expected < 1e-12, "n = \(n)")
        // The formula is symmetric in the two rates.
        let swapped = try #require(
            SampleSize.perGroup(rateA: rateB, rateB: rateA, significance: significance, power: 0.8))
        #expect(abs(swapped - n) / n < 1e-14)
    }

    /// By hand, with the textbook quantiles 1.959964 and 0.841621: p̄ = 0.03,
    /// n = (1.959964·√0.0582 + 0.841621·√0.058) ² / 0.0004 = (0.472835 + 0.202689)² / 0.0004 ≈ 1140.832.
    @Test func handComputation() throws {
        let n = try #require(SampleSize.perGroup(rateA: 0.02, rateB: 0.04, significance: 0.05, power: 0.8))
        #expect(abs(n - 1140.832) < 0.001)
    }

    @Test func noDifferenceOrBadInputsGiveNothing() {
        #expect(SampleSize.perGroup(rateA: 0.05, rateB: 0.05, significance: 0.05, power: 0.8) == nil)
        #expect(SampleSize.perGroup(rateA: 0.05, rateB: 1.2, significance: 0.05, power: 0.8) == nil)
        #expect(SampleSize.perGroup(rateA: 0.05, rateB: 0.06, significance: 0, power: 0.8) == nil)
        #expect(SampleSize.perGroup(rateA: 0.05, rateB: 0.06, significance: 0.05, power: 1) == nil)
    }

    @Test func aStricterLevelOrASmallerGapNeedsMoreClicks() throws {
        let base = try #require(SampleSize.perGroup(rateA: 0.05, rateB: 0.06, significance: 0.05, power: 0.8))
        let stricter = try #require(SampleSize.perGroup(rateA: 0.05, rateB: 0.06, significance: 0.01, power: 0.8))
        let smaller = try #require(SampleSize.perGroup(rateA: 0.05, rateB: 0.055, significance: 0.05, power: 0.8))
        #expect(stricter > base)
        #expect(smaller > base)
    }
}
